package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvTable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the costing API returns about runs. */
public final class RunViews {

    private RunViews() {
    }

    @Schema(name = "PeriodRef")
    public record PeriodRef(@Schema(required = true) String code, @Schema(required = true) LocalDate startDate,
            @Schema(required = true) LocalDate endDate) {
    }

    @Schema(name = "Reconciliation", description = "Where every pound of the costed ledger went. The shares are exact; each presented figure is rounded once to the penny from the costed total (largest remainders), and pennies that only a tie-break between equal claims could place are shown as roundingResidual, so allocated + notClustered + unallocated + roundingResidual = costedTotal exactly and difference is always 0.00.")
    public record Reconciliation(@Schema(required = true, description = "Every ledger line of the period.") BigDecimal ledgerTotal,
            @Schema(required = true, description = "The social-care lines among them.") BigDecimal socialCareTotal,
            @Schema(required = true, description = "Social care left out of this run (0 when included).") BigDecimal socialCareExcluded,
            @Schema(required = true, description = "What the run costed: ledgerTotal - socialCareExcluded.") BigDecimal costedTotal,
            @Schema(required = true, description = "Reached a cluster episode: the sum of the codes' admitted and non-admitted costs.") BigDecimal allocated,
            @Schema(required = true, description = "Reached activity of people with no covering cluster episode.") BigDecimal notClustered,
            @Schema(required = true, description = "Centres with cost and no activity (and support cost with no patient-facing centre to go to).") BigDecimal unallocated,
            @Schema(required = true, description = "Pennies of the costed total that no code, not clustered or unallocated could take without a tie-break (at most one fewer than the figures tied).") BigDecimal roundingResidual,
            @Schema(required = true, description = "Pennies of the support total that no patient-facing centre's apportioned share could take without a tie-break: the centres' totals add up to costedTotal - apportionmentResidual.") BigDecimal apportionmentResidual,
            @Schema(required = true, description = "costedTotal - (allocated + notClustered + unallocated + roundingResidual).") BigDecimal difference) {
    }

    @Schema(name = "CostingRun")
    public record Run(@Schema(required = true) UUID id, @Schema(required = true) String providerCode,
            @Schema(required = true) PeriodRef period, @Schema(required = true) String methodVersion,
            @Schema(required = true) boolean includeSocialCare,
            @Schema(required = true, description = "Activity was costed, and cluster days counted, up to and including this date: the period's end for a year-end run, earlier for an in-year run (open episodes' days stop here).") LocalDate asOf,
            @Schema(required = true, description = "SHA-256 of everything the run read (cost centres, files in force, episodes overlapping the period) and its options: equal fingerprints, equal results.") String fingerprint,
            @Schema(required = true) Reconciliation reconciliation, @Schema(required = true) long activityRows,
            @Schema(required = true) int episodes, @Schema(required = true) Instant startedAt,
            @Schema(required = true) Instant finishedAt,
            @Schema(required = true, description = "Milliseconds per step of the method, and in total.") Map<String, Long> timings,
            @Schema(required = true) String createdBy) {
    }

    @Schema(name = "SettingCost", description = "Cost of one setting (admitted: ward stays; non-admitted: community care) and its days.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SettingCost(@Schema(required = true) BigDecimal cost, @Schema(required = true) long days,
            @Schema(description = "cost / days, rounded to the penny; absent with no days.") BigDecimal costPerDay,
            @Schema(description = "cost - costPerDay x days.") BigDecimal roundingResidual,
            @Schema(description = "cost - the sum of the episodes' presented costs in this setting: the pennies only a tie-break between equal episodes could place. Present on a code's own figures (not grouped, nothing left out), where cost is rounded from the ledger.") BigDecimal episodeResidual) {

        static SettingCost of(BigDecimal cost, long days, BigDecimal episodeResidual) {
            UnitCost unit = UnitCost.of(cost, days);
            return new SettingCost(cost, days, unit == null ? null : unit.perUnit(),
                    unit == null ? null : unit.roundingResidual(), episodeResidual);
        }
    }

    @Schema(name = "CodeCost", description = "One code's cost in the run (or in one group of it).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeCost(@Schema(description = "The team or commissioner, when grouped.") String group,
            @Schema(required = true) String code, @Schema(required = true) long episodes,
            @Schema(required = true, description = "Days of the code's episodes inside the period.") long clusterDays,
            @Schema(required = true) BigDecimal totalCost,
            @Schema(description = "totalCost / clusterDays, rounded to the penny.") BigDecimal costPerClusterDay,
            @Schema(description = "totalCost - costPerClusterDay x clusterDays.") BigDecimal roundingResidual,
            @Schema(description = "totalCost / episodes: the mean cost of an episode's days in the period.") BigDecimal costPerEpisode,
            @Schema(description = "The code's review period in days (the commonest of its episodes' review due - start).") Integer reviewPeriodDays,
            @Schema(description = "Cost per cluster day x reviewPeriodDays: the cost of one review period (national currency unit).") BigDecimal costPerReviewPeriod,
            @Schema(required = true, description = "Ward stays: admitted days are occupied bed nights.") SettingCost admitted,
            @Schema(required = true, description = "Community care: the cluster days not in a ward.") SettingCost nonAdmitted) {
    }

    @Schema(name = "CodeCosts")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeCosts(@Schema(required = true) UUID runId, @Schema(required = true) String methodVersion,
            @Schema(description = "team or commissioner when grouped") String groupedBy,
            @Schema(description = "Present when high-cost outliers are left out of these figures.") OutliersExcluded outliersExcluded,
            @Schema(required = true) List<CodeCost> codes) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("group", "code", "episodes", "cluster_days", "total_cost", "cost_per_cluster_day",
                    "rounding_residual", "cost_per_episode", "review_period_days", "cost_per_review_period",
                    "admitted_cost", "admitted_days", "admitted_cost_per_day", "admitted_episode_residual",
                    "non_admitted_cost", "non_admitted_days", "non_admitted_cost_per_day", "non_admitted_episode_residual");
        }

        @Override
        public List<List<Object>> csvRows() {
            return codes.stream().map(c -> Arrays.<Object>asList(c.group(), c.code(), c.episodes(), c.clusterDays(),
                    c.totalCost(), c.costPerClusterDay(), c.roundingResidual(), c.costPerEpisode(), c.reviewPeriodDays(),
                    c.costPerReviewPeriod(), c.admitted().cost(), c.admitted().days(), c.admitted().costPerDay(),
                    c.admitted().episodeResidual(), c.nonAdmitted().cost(), c.nonAdmitted().days(),
                    c.nonAdmitted().costPerDay(), c.nonAdmitted().episodeResidual())).toList();
        }

        @Override
        public String csvName() {
            return "run-" + runId + "-codes" + (groupedBy == null ? "" : "-by-" + groupedBy);
        }
    }

    @Schema(name = "OutliersExcluded", description = "The high-cost outlier episodes left out of unit costs: those above their code's trim point (upper quartile + trimMultiplier x interquartile range of cost per cluster day).")
    public record OutliersExcluded(@Schema(required = true) BigDecimal trimMultiplier,
            @Schema(required = true) int episodes, @Schema(required = true) BigDecimal cost,
            @com.fasterxml.jackson.annotation.JsonIgnore @Schema(hidden = true) java.util.Set<Long> episodeIds) {
    }

    @Schema(name = "CentreCost")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CentreCost(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(required = true) String type,
            @Schema(required = true, description = "Ledger lines costed (social care included only when the run included it).") BigDecimal direct,
            @Schema(required = true, description = "Social-care ledger lines of the centre.") BigDecimal socialCare,
            @Schema(required = true, description = "Support cost received, the exact share rounded once (or, for a support centre, given away: negative).") BigDecimal apportioned,
            @Schema(required = true) BigDecimal total, @Schema(required = true) long activityRows,
            @Schema(required = true) BigDecimal minutes, @Schema(required = true) long bedDays,
            @Schema(required = true) BigDecimal allocated, @Schema(required = true) BigDecimal notClustered,
            @Schema(required = true) BigDecimal unallocated,
            @Schema(required = true, description = "total - (allocated + notClustered + unallocated): pennies of the centre's presented total that only a tie-break could place.") BigDecimal roundingResidual,
            @Schema(description = "NO_ACTIVITY or NO_PATIENT_FACING_COST when something is unallocated.") String unallocatedReason,
            @Schema(required = true, description = "People with activity here and no covering episode.") long notClusteredPeople) {
    }

    @Schema(name = "CentreCosts")
    public record CentreCosts(@Schema(required = true) UUID runId, @Schema(required = true) String methodVersion,
            @Schema(required = true) List<CentreCost> centres) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("code", "name", "type", "direct", "social_care", "apportioned", "total", "activity_rows",
                    "minutes", "bed_days", "allocated", "not_clustered", "unallocated", "rounding_residual",
                    "unallocated_reason", "not_clustered_people");
        }

        @Override
        public List<List<Object>> csvRows() {
            return centres.stream().map(c -> Arrays.<Object>asList(c.code(), c.name(), c.type(), c.direct(),
                    c.socialCare(), c.apportioned(), c.total(), c.activityRows(), c.minutes(), c.bedDays(), c.allocated(),
                    c.notClustered(), c.unallocated(), c.roundingResidual(), c.unallocatedReason(),
                    c.notClusteredPeople())).toList();
        }

        @Override
        public String csvName() {
            return "run-" + runId + "-centres";
        }
    }

    /** The episode costs' CSV columns, and one episode's cells. */
    static final List<String> EPISODE_COLUMNS = List.of("episode_id", "patient_id", "code", "team", "commissioner_code",
            "start_date", "end_date", "review_due", "cluster_days", "admitted_days", "admitted_cost",
            "non_admitted_cost", "total_cost", "cost_per_cluster_day");

    static List<Object> cells(EpisodeCost e) {
        return Arrays.asList(e.episodeId(), e.patientId(), e.code(), e.team(), e.commissionerCode(), e.startDate(),
                e.endDate(), e.reviewDue(), e.clusterDays(), e.admittedDays(), e.admittedCost(), e.nonAdmittedCost(),
                e.totalCost(), e.costPerClusterDay());
    }

    @Schema(name = "EpisodeCost")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EpisodeCost(@Schema(required = true) String episodeId, @Schema(required = true) String patientId,
            @Schema(required = true) String code, @Schema(required = true) String team,
            @Schema(required = true) String commissionerCode, @Schema(required = true) LocalDate startDate,
            LocalDate endDate, @Schema(required = true) LocalDate reviewDue, @Schema(required = true) int clusterDays,
            @Schema(required = true) int admittedDays, @Schema(required = true) BigDecimal admittedCost,
            @Schema(required = true) BigDecimal nonAdmittedCost, @Schema(required = true) BigDecimal totalCost,
            @Schema(description = "totalCost / clusterDays, rounded to the penny.") BigDecimal costPerClusterDay) {
    }

    @Schema(name = "CodeChange")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeChange(@Schema(required = true) String code,
            @Schema(required = true, description = "The code's cost in the earlier run (base).") BigDecimal baseCost,
            @Schema(required = true, description = "The code's cost in the later run (other).") BigDecimal otherCost,
            @Schema(required = true, description = "New against old: otherCost - baseCost, so a fall is negative.") BigDecimal costChange,
            @Schema(required = true) long baseClusterDays, @Schema(required = true) long otherClusterDays,
            BigDecimal baseCostPerClusterDay, BigDecimal otherCostPerClusterDay,
            @Schema(required = true) long baseEpisodes, @Schema(required = true) long otherEpisodes,
            @Schema(description = "The change from cost per cluster day: (new cost per day - old) x new days, exact and rounded once (half to even). Absent when the earlier run had no days of the code.") BigDecimal priceEffect,
            @Schema(required = true, description = "The change from cluster days: old cost per day x (new days - old days), rounded the same way; all of the change for a code new in the later run.") BigDecimal volumeEffect,
            @Schema(required = true, description = "costChange - priceEffect - volumeEffect: what rounding the two effects left (-0.01 to 0.01).") BigDecimal effectsResidual) {
    }

    @Schema(name = "CentreChange", description = "One cost centre in two runs, new against old: each change is other - base; a centre in only one run has zeros in the other.")
    public record CentreChange(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(required = true) String type,
            @Schema(required = true, description = "Ledger lines costed at the centre in the earlier run.") BigDecimal baseDirect,
            @Schema(required = true) BigDecimal otherDirect, @Schema(required = true) BigDecimal directChange,
            @Schema(required = true, description = "Support cost received (negative: a support centre's cost given away).") BigDecimal baseApportioned,
            @Schema(required = true) BigDecimal otherApportioned, @Schema(required = true) BigDecimal apportionedChange,
            @Schema(required = true) BigDecimal baseTotal, @Schema(required = true) BigDecimal otherTotal,
            @Schema(required = true, description = "directChange + apportionedChange.") BigDecimal totalChange,
            @Schema(required = true, description = "Reached cluster episodes.") BigDecimal allocatedChange,
            @Schema(required = true, description = "Reached people with no covering episode.") BigDecimal notClusteredChange,
            @Schema(required = true) BigDecimal unallocatedChange,
            @Schema(required = true) long baseActivityRows, @Schema(required = true) long otherActivityRows) {
    }

    static final List<String> CENTRE_CHANGE_COLUMNS = List.of("code", "name", "type", "base_direct", "other_direct",
            "direct_change", "base_apportioned", "other_apportioned", "apportioned_change", "base_total", "other_total",
            "total_change", "allocated_change", "not_clustered_change", "unallocated_change", "base_activity_rows",
            "other_activity_rows");

    static List<Object> cells(CentreChange c) {
        return Arrays.asList(c.code(), c.name(), c.type(), c.baseDirect(), c.otherDirect(), c.directChange(),
                c.baseApportioned(), c.otherApportioned(), c.apportionedChange(), c.baseTotal(), c.otherTotal(),
                c.totalChange(), c.allocatedChange(), c.notClusteredChange(), c.unallocatedChange(),
                c.baseActivityRows(), c.otherActivityRows());
    }

    @Schema(name = "LedgerComparison", description = "How the ledgers of the two runs differ, line by line (a line is a cost centre, expense type and social-care flag). The lines themselves: GET /v1/runs/{id}/compare/{other}/ledger.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LedgerComparison(
            @Schema(required = true, description = "Both runs kept the ledger lines they costed. Runs made before runs kept them (before this version) did not: then only the totals are compared.") boolean linesKept,
            @Schema(description = "The ledger upload the earlier run costed.") Long baseUploadId,
            @Schema(description = "The ledger upload the later run costed.") Long otherUploadId,
            @Schema(required = true) BigDecimal baseLedgerTotal, @Schema(required = true) BigDecimal otherLedgerTotal,
            @Schema(required = true, description = "otherLedgerTotal - baseLedgerTotal: the sum of the lines' amountChange.") BigDecimal ledgerTotalChange,
            @Schema(description = "Lines only in the later ledger.") Integer linesAdded,
            @Schema(description = "Lines only in the earlier ledger.") Integer linesRemoved,
            @Schema(description = "Lines in both with a different amount.") Integer linesChanged,
            @Schema(description = "Lines in both with the same amount.") Integer linesUnchanged) {
    }

    @Schema(name = "RunComparison", description = "What changed, new against old: base is the earlier of the two runs (by start time) and other the later, whichever order the path names them in. By code, each change split into price and volume; by cost centre; and the ledger's lines summarised. With Accept: text/csv, the codes.")
    public record Comparison(@Schema(required = true) Run base, @Schema(required = true) Run other,
            @Schema(required = true) boolean sameInputs, @Schema(required = true) boolean sameOptions,
            @Schema(required = true) List<CodeChange> codes, @Schema(required = true) List<CentreChange> centres,
            @Schema(required = true) LedgerComparison ledger) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("code", "base_cost", "other_cost", "cost_change", "base_cluster_days", "other_cluster_days",
                    "base_cost_per_cluster_day", "other_cost_per_cluster_day", "base_episodes", "other_episodes",
                    "price_effect", "volume_effect", "effects_residual");
        }

        @Override
        public List<List<Object>> csvRows() {
            return codes.stream().map(c -> Arrays.<Object>asList(c.code(), c.baseCost(), c.otherCost(), c.costChange(),
                    c.baseClusterDays(), c.otherClusterDays(), c.baseCostPerClusterDay(), c.otherCostPerClusterDay(),
                    c.baseEpisodes(), c.otherEpisodes(), c.priceEffect(), c.volumeEffect(), c.effectsResidual())).toList();
        }

        @Override
        public String csvName() {
            return "compare-" + base.id() + "-" + other.id();
        }
    }

    @Schema(name = "CentreChanges", description = "Each cost centre in two runs, new against old (base the earlier run).")
    public record CentreChanges(@Schema(required = true) UUID baseRunId, @Schema(required = true) UUID otherRunId,
            @Schema(required = true) List<CentreChange> centres) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return CENTRE_CHANGE_COLUMNS;
        }

        @Override
        public List<List<Object>> csvRows() {
            return centres.stream().map(RunViews::cells).toList();
        }

        @Override
        public String csvName() {
            return "compare-" + baseRunId + "-" + otherRunId + "-centres";
        }
    }

    /** How a ledger line differs between two runs. */
    public enum LineChange {
        ADDED, REMOVED, CHANGED, UNCHANGED
    }

    @Schema(name = "LedgerLineChange", description = "One ledger line (cost centre, expense type, social-care flag) in two runs.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LedgerLineChange(@Schema(required = true) String costCentre, @Schema(required = true) String expenseType,
            @Schema(required = true) boolean socialCare, @Schema(required = true) LineChange change,
            @Schema(description = "Absent when the line is new.") BigDecimal baseAmount,
            @Schema(description = "Absent when the line is gone.") BigDecimal otherAmount,
            @Schema(required = true, description = "otherAmount - baseAmount, an absent amount counting as 0.") BigDecimal amountChange) {
    }

    @Schema(name = "RunLedgerLine", description = "A ledger line as a run costed it, with the upload it came from.")
    public record RunLedgerLine(@Schema(required = true, description = "The line's number in its file (the header is line 1).") int line,
            @Schema(required = true) long uploadId, @Schema(required = true) String costCentre,
            @Schema(required = true) String expenseType, @Schema(required = true) boolean socialCare,
            @Schema(required = true) BigDecimal amount) {
    }
}
