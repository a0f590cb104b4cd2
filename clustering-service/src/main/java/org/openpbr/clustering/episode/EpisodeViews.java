package org.openpbr.clustering.episode;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvPage;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Cluster episodes as the API shows them. */
public final class EpisodeViews {

    private EpisodeViews() {
    }

    @Schema(name = "ClusterEpisode")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EpisodeView(@Schema(required = true) UUID id, @Schema(required = true) UUID patientId,
            @Schema(required = true) UUID careSpellId, @Schema(required = true) String providerCode,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String team,
            @Schema(required = true) String code, @Schema(required = true) LocalDate startDate,
            @Schema(description = "Absent while open.") LocalDate endDate,
            @Schema(required = true, description = "Start plus the code's maximum review period.") LocalDate reviewDue,
            @Schema(description = "RECLUSTERED (a new allocation), DISCHARGED (a discharge assessment) or SPELL_ENDED (the care spell ended).") String endReason,
            @Schema(required = true, description = "The allocation that started the episode.") UUID allocationId) {

        public static EpisodeView of(ClusterEpisode e) {
            return new EpisodeView(e.id, e.patientId, e.careSpellId, e.providerCode, e.commissionerCode, e.team, e.code,
                    e.startDate, e.endDate, e.reviewDue, e.endReason, e.startedBy);
        }
    }

    @Schema(name = "ReviewItem")
    public record ReviewItem(@Schema(required = true) UUID episodeId, @Schema(required = true) UUID patientId,
            @Schema(required = true) String localId, @Schema(required = true) String team,
            @Schema(required = true, description = "The person's current code.") String code,
            @Schema(required = true) LocalDate episodeStart, @Schema(required = true) LocalDate reviewDue,
            @Schema(required = true, description = "Days from today to the review date; negative when overdue.") long daysUntilDue,
            @Schema(required = true) boolean overdue,
            @Schema(required = true) String commissionerCode) {
    }

    @Schema(name = "ReviewList")
    public record ReviewList(@Schema(required = true) LocalDate asOf,
            @Schema(required = true, description = "Open episodes due for review by asOf + dueWithinDays, overdue first, in due-date order.") List<ReviewItem> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent on the last.") URI next)
            implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return List.of("episode_id", "patient_id", "local_id", "team", "code", "episode_start", "review_due",
                    "days_until_due", "overdue", "commissioner_code");
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(i -> List.<Object>of(i.episodeId(), i.patientId(), i.localId(), i.team(), i.code(),
                    i.episodeStart(), i.reviewDue(), i.daysUntilDue(), i.overdue(), i.commissionerCode())).toList();
        }

        @Override
        public String csvName() {
            return "reviews-due-" + asOf;
        }
    }
}
