package org.openpbr.clustering.quality;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvPage;
import org.openpbr.platform.csv.CsvTable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data-quality measures as the API shows them. Counts of 1-4 are suppressed (null) in commissioner views. */
public final class QualityViews {

    private QualityViews() {
    }

    @Schema(name = "Measure", description = "A count and, where it has a base, its share. Absent values are suppressed small numbers (1-4) or undefined.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measure(Integer count, Integer of, Double share,
            @Schema(description = "True when the count or its base is a small number (1-4) and was suppressed.") Boolean suppressed) {
    }

    @Schema(name = "CodeCount")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeCount(@Schema(required = true) String code, Integer count, Boolean suppressed,
            @Schema(description = "Of the code's people, those whose review date had not passed at the period end; absent with the count when it is withheld.") Measure withinReviewPeriod) {
    }

    @Schema(name = "ReasonCount")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReasonCount(@Schema(required = true) String reason, Integer count, Boolean suppressed) {
    }

    @Schema(name = "InterRaterAgreement", description = "Pairs: the same person assessed by two raters within 7 days. Code: the allocated code, or the tool's suggestion where the assessment was not allocated.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InterRater(Integer pairs, Boolean suppressed,
            @Schema(description = "Cohen's kappa on the code.") Double codeKappa,
            @Schema(description = "Quadratic-weighted kappa per scale (ratings of 9 left out); scales where it is undefined are left out.") Map<String, Double> scaleWeightedKappa) {
    }

    @Schema(name = "QualityGroup")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(@Schema(required = true, description = "The provider, team or clinician; 'ALL' for the total.") String key,
            @Schema(required = true, description = "People in a cluster episode at the period end.") Measure peopleWithCluster,
            @Schema(required = true, description = "Of those, people whose review date had not passed at the period end.") Measure withinReviewPeriod,
            @Schema(required = true, description = "Of those, people in the variance code (00).") Measure inVariance,
            @Schema(required = true, description = "People at the period end by code.") List<CodeCount> caseload,
            @Schema(required = true, description = "Allocations in the period; share: of all allocations in scope.") Measure allocations,
            @Schema(required = true, description = "Allocations that override the suggestion.") Measure overrides,
            @Schema(required = true) List<ReasonCount> overrideReasons,
            @Schema(required = true, description = "Allocations whose chosen code meets its red rules, of those whose code has a grid.") Measure chosenMeetingRedRules,
            @Schema(required = true, description = "First allocations in the period re-clustered or discharged within 14 days.") Measure earlyClustering,
            @Schema(required = true) InterRater interRater) {
    }

    @Schema(name = "QualityReport")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(@Schema(required = true) LocalDate from, @Schema(required = true) LocalDate to,
            String providerCode, String commissionerCode,
            @Schema(required = true) String groupBy,
            @Schema(required = true, description = "True for commissioner views: counts of 1-4 are suppressed.") boolean smallNumbersSuppressed,
            @Schema(required = true) Group total, @Schema(required = true) List<Group> groups) implements CsvTable {

        private static final List<String> MEASURES = List.of("people_with_cluster", "within_review_period",
                "in_variance", "allocations", "overrides", "chosen_meeting_red_rules", "early_clustering");

        /** One row per group (the total first, key ALL): each headline measure's count, base and share. */
        @Override
        public List<String> csvHeader() {
            List<String> header = new ArrayList<>(List.of("group_by", "key"));
            for (String measure : MEASURES) {
                header.addAll(List.of(measure + "_count", measure + "_of", measure + "_share", measure + "_suppressed"));
            }
            header.addAll(List.of("inter_rater_pairs", "inter_rater_code_kappa"));
            return header;
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(row(total));
            groups.forEach(g -> rows.add(row(g)));
            return rows;
        }

        private List<Object> row(Group g) {
            List<Object> row = new ArrayList<>(List.of(groupBy, g.key()));
            for (Measure m : List.of(g.peopleWithCluster(), g.withinReviewPeriod(), g.inVariance(), g.allocations(),
                    g.overrides(), g.chosenMeetingRedRules(), g.earlyClustering())) {
                row.addAll(Arrays.asList(m.count(), m.of(), m.share(), m.suppressed()));
            }
            row.addAll(Arrays.asList(g.interRater().pairs(), g.interRater().codeKappa()));
            return row;
        }

        @Override
        public String csvName() {
            return "quality-" + from + "-" + to + "-by-" + groupBy;
        }
    }

    @Schema(name = "PopulationEpisode", description = "A cluster episode of the commissioner's population, pseudonymised.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PopulationEpisode(
            @Schema(required = true, description = "The person's pseudonym for this commissioner, the same in every OpenPbR service and for every provider: `P-` and 32 hex digits from the NHS number, or `L-` and 32 hex digits when the provider recorded no NHS number (then it is provider-local and links nothing across providers). Never an NHS number or local id.") String pseudonym,
            @Schema(required = true) String providerCode, @Schema(required = true) String code,
            @Schema(required = true, description = "The provider's team code.") String team,
            @Schema(required = true) LocalDate startDate, LocalDate endDate, @Schema(required = true) LocalDate reviewDue,
            String endReason) {
    }

    @Schema(name = "PopulationEpisodePage")
    public record PopulationPage(@Schema(required = true) List<PopulationEpisode> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent on the last.") URI next)
            implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return List.of("pseudonym", "provider_code", "code", "team", "start_date", "end_date", "review_due",
                    "end_reason");
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(e -> Arrays.<Object>asList(e.pseudonym(), e.providerCode(), e.code(), e.team(),
                    e.startDate(), e.endDate(), e.reviewDue(), e.endReason())).toList();
        }

        @Override
        public String csvName() {
            return "population-episodes";
        }
    }
}
