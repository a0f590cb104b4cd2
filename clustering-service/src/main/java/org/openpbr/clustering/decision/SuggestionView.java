package org.openpbr.clustering.decision;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.clustering.scheme.GridCell;
import org.openpbr.clustering.scheme.LoadedScheme;
import org.openpbr.clustering.scheme.SchemeCode;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A decision-support result with its full derivation, as the API returns it. */
@Schema(name = "Suggestion", description = "Every graded code ranked by rule profile-fit-1, the suggestion, and a per-scale trace for each code.")
public record SuggestionView(
        @Schema(required = true) SchemeRef scheme,
        @Schema(required = true, example = "profile-fit-1") String ruleVersion,
        @Schema(required = true, description = "SUGGESTED: one code ranks first and meets its red rules; TIED: several do, with identical keys; VARIANCE: none meets its red rules, so the variance code is suggested.") FitResult.Outcome outcome,
        @Schema(required = true, example = "03") String suggestedCode,
        @Schema(required = true, description = "Codes sharing first place with the suggestion (TIED only); choosing any of them needs no override reason.") List<String> tiedCodes,
        @Schema(required = true, description = "With VARIANCE: the best-ranked codes, for the clinician to consider.") List<String> nearestCodes,
        @Schema(required = true, description = "How many scales are rated 9 (not known).") int missingRatings,
        @Schema(required = true, description = "Every code with a grid, best first.") List<Candidate> candidates) {

    /** Which scheme version produced the result. */
    @Schema(name = "SchemeRef")
    public record SchemeRef(@Schema(required = true) String scheme, @Schema(required = true) String version,
            @Schema(required = true, description = "True when the grid is a stand-in, not the official one.") boolean illustrative) {

        public static SchemeRef of(LoadedScheme scheme) {
            return new SchemeRef(scheme.scheme(), scheme.version(), scheme.definition().illustrative());
        }
    }

    @Schema(name = "Candidate")
    public record Candidate(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(required = true) String superClass,
            @Schema(required = true, description = "1 is best; tied codes share a rank.") int rank,
            @Schema(required = true) boolean tied,
            @Schema(required = true) FitGroup group,
            @Schema(required = true, description = "Scales rated in EXPECTED cells.") int expected,
            @Schema(required = true, description = "Scales rated in UNLIKELY cells.") int unlikely,
            @Schema(required = true, description = "Red rules broken: scales with MUST cells rated outside them.") int breaches,
            @Schema(required = true, description = "Scales with MUST cells rated 9 (not known).") int unconfirmed,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Scale by scale, how the ratings sit in this code's grid; left out of summaries (see the assessment's suggestion endpoint).") List<ScaleStep> trace) {
    }

    @Schema(name = "ScaleStep", description = "One scale's part in a code's fit.")
    public record ScaleStep(@Schema(required = true, example = "7") String scale,
            @Schema(required = true) int rating,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The grid cell the rating falls in; absent for 9 (not known).") GridCell cell,
            @Schema(required = true, description = "The scale has MUST cells for this code.") boolean redRule,
            @Schema(required = true, description = "The rating breaks the red rule.") boolean breach) {
    }

    public static SuggestionView of(LoadedScheme scheme, FitResult result) {
        return of(scheme, result, true);
    }

    /** The result, with or without each candidate's per-scale trace. */
    public static SuggestionView of(LoadedScheme scheme, FitResult result, boolean withTrace) {
        List<Candidate> candidates = result.ranking().stream().map(fit -> {
            SchemeCode code = scheme.definition().code(fit.code()).orElseThrow();
            List<ScaleStep> trace = !withTrace ? null : result.trace(fit.code()).orElseThrow().stream()
                    .map(step -> new ScaleStep(step.scale().id(), step.rating(), step.cell(), step.redRule(),
                            step.breach()))
                    .toList();
            return new Candidate(fit.code(), code.name(), code.superClass(), fit.rank(), fit.tied(), fit.group(),
                    fit.expected(), fit.unlikely(), fit.breaches(), fit.unconfirmed(), trace);
        }).toList();
        return new SuggestionView(SchemeRef.of(scheme), result.ruleVersion(), result.outcome(), result.suggestedCode(),
                result.tiedCodes(), result.nearestCodes(), result.ratings().missing(), candidates);
    }
}
