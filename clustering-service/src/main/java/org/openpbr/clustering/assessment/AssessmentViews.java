package org.openpbr.clustering.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.clustering.assessment.rule.AssessmentRules;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;
import org.openpbr.platform.validation.Identifier;
import org.openpbr.clustering.decision.RatingsInput;
import org.openpbr.clustering.decision.SuggestionView;
import org.openpbr.clustering.episode.EpisodeViews;
import org.openpbr.clustering.scheme.LoadedScheme;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Assessments, allocations and episodes as the API shows them. */
public final class AssessmentViews {

    private AssessmentViews() {
    }

    @Schema(name = "AssessmentRequest")
    @CrossFieldChecked
    public record Request(
            @Schema(required = true) @NotNull UUID patientId,
            @Schema(required = true, description = "The care spell the assessment belongs to; the date must fall inside it.") @NotNull UUID careSpellId,
            @Schema(required = true, description = "Not in the future.") @NotNull @PastOrPresent LocalDate assessedOn,
            @Schema(required = true) @NotNull AssessmentReason reason,
            @Schema(required = true) @NotNull @Valid RatingsInput ratings,
            @Schema(description = "Required when item 8 is rated 1-4; absent otherwise.") Item8ProblemType item8ProblemType,
            @Schema(description = "Required with J_OTHER; at most 500 characters.") @Size(max = 500, message = "must be at most 500 characters") String item8ProblemText,
            @Schema(required = true, description = "Who rated (a staff identifier, not a name).", example = "C1234") @NotBlank @Identifier String rater,
            @Schema(required = true, description = "The rater's team code.", example = "CMHT-NORTH") @NotBlank @Identifier String team,
            @Schema(description = "Currency scheme; the service's default (mh-care-clusters) when absent.") String scheme,
            @Schema(description = "The clinician's allocation, recorded with the assessment in one step. Not allowed with DISCHARGE.") @Valid AllocationRequest allocation)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return AssessmentRules.faults(reason, ratings == null ? null : ratings.s8(), item8ProblemType,
                    item8ProblemText, allocation != null);
        }
    }

    @Schema(name = "AllocationRequest")
    @CrossFieldChecked
    public record AllocationRequest(
            @Schema(required = true, description = "The chosen code, from the assessment's scheme version.", example = "03") @NotBlank String code,
            @Schema(description = "Required when the code differs from the suggestion (and from codes tied with it); not allowed otherwise.") OverrideReason overrideReason,
            @Schema(description = "Required with CLINICAL_JUDGEMENT and OTHER; at most 2000 characters.") @Size(max = 2000, message = "must be at most 2000 characters") String overrideText,
            @Schema(description = "Who allocated; the rater when absent.") @Identifier String clinician)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return AssessmentRules.overrideText(overrideReason, overrideText);
        }
    }

    @Schema(name = "Allocation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AllocationView(@Schema(required = true) UUID id, @Schema(required = true) UUID assessmentId,
            @Schema(required = true) String chosenCode,
            @Schema(description = "The tool's suggestion; absent when the scheme has no grid.") String suggestedCode,
            @Schema(required = true, description = "The chosen code is the suggestion or tied with it (or there was no suggestion).") boolean followsSuggestion,
            @Schema(description = "Whether the chosen code meets its red rules for these ratings; absent when it has no grid row.") Boolean chosenMeetsRedRules,
            OverrideReason overrideReason, String overrideText,
            @Schema(required = true) String clinician, @Schema(required = true) LocalDate allocatedOn,
            @Schema(required = true, description = "The date of the assessment allocated from.") LocalDate assessedOn,
            @Schema(required = true, description = "The currency scheme, e.g. mh-care-clusters.") String scheme,
            @Schema(required = true) String schemeVersion, String ruleVersion,
            @Schema(required = true) OffsetDateTime recordedAt) {

        public static AllocationView of(Allocation a, LoadedScheme scheme, LocalDate assessedOn) {
            boolean follows = a.suggestedCode == null || a.overrideReason == null;
            return new AllocationView(a.id, a.assessmentId, a.chosenCode, a.suggestedCode, follows,
                    a.chosenMeetsRedRules, a.overrideReason, a.overrideText, a.clinician, a.allocatedOn, assessedOn,
                    scheme.scheme(), scheme.version(), a.ruleVersion, a.recordedAt);
        }
    }


    @Schema(name = "Assessment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(@Schema(required = true) UUID id, @Schema(required = true) UUID patientId,
            @Schema(required = true) UUID careSpellId, @Schema(required = true) String providerCode,
            @Schema(required = true) String commissionerCode, @Schema(required = true) LocalDate assessedOn,
            @Schema(required = true) AssessmentReason reason, @Schema(required = true) RatingsInput ratings,
            Item8ProblemType item8ProblemType, String item8ProblemText,
            @Schema(required = true) String rater, @Schema(required = true) String team,
            @Schema(required = true) SuggestionView.SchemeRef scheme,
            @Schema(description = "Decision support as computed when recorded, without traces (GET .../suggestion has them); absent for discharge or a scheme without a grid.") SuggestionView suggestion,
            AllocationView allocation,
            @Schema(description = "The episode this assessment started (with an allocation) or ended (discharge).") EpisodeViews.EpisodeView episode,
            @Schema(required = true) OffsetDateTime recordedAt) {
    }
}
