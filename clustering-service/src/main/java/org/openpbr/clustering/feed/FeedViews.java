package org.openpbr.clustering.feed;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.clustering.assessment.AssessmentViews;
import org.openpbr.clustering.decision.RatingsInput;
import org.openpbr.clustering.episode.EpisodeViews;
import org.openpbr.platform.caller.Roles;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The change feed as the API shows it. */
public final class FeedViews {

    private FeedViews() {
    }

    /** A kind of change, and the consumer role that grants reading it. */
    public enum ChangeType {
        ASSESSMENT(Roles.ASSESSMENTS_READER), ALLOCATION(Roles.ALLOCATIONS_READER), EPISODE(Roles.EPISODES_READER);

        final String role;

        ChangeType(String role) {
            this.role = role;
        }
    }

    @Schema(name = "FeedAssessment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedAssessment(@Schema(required = true) UUID id, @Schema(required = true) UUID patientId,
            @Schema(required = true) UUID careSpellId, @Schema(required = true) String providerCode,
            @Schema(required = true) String commissionerCode, @Schema(required = true) LocalDate assessedOn,
            @Schema(required = true) String reason, @Schema(required = true) RatingsInput ratings,
            @Schema(required = true) String team, @Schema(required = true) String scheme,
            @Schema(required = true) String schemeVersion, String ruleVersion, String suggestedCode) {
    }

    @Schema(name = "FeedItem", description = "One change; exactly one of assessment, allocation or episode is present, as `type` says.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedItem(@Schema(required = true, description = "The change number; the feed is ordered by it.") long seq,
            @Schema(required = true) ChangeType type,
            @Schema(required = true, description = "The provider's local id of the person (never the NHS number).") String localId,
            @Schema(required = true, description = "The person's pseudonym for the record's responsible commissioner, as every OpenPbR service shows it (`P-`: from the NHS number, the same across providers; `L-`: provider-local).") String pseudonym,
            FeedAssessment assessment, AssessmentViews.AllocationView allocation, EpisodeViews.EpisodeView episode) {
    }

    @Schema(name = "FeedPage")
    public record FeedPage(@Schema(required = true) List<FeedItem> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent when the consumer has caught up (poll again later with the last item's position).") URI next,
            @Schema(required = true, description = "Cursor to resume from after this page, also when it is empty or last.") String resumeAfter) {
    }
}
