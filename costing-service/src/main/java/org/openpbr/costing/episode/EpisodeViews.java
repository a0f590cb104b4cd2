package org.openpbr.costing.episode;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Cluster episodes as costing's API shows them. */
public final class EpisodeViews {

    private EpisodeViews() {
    }

    @Schema(name = "CostingEpisode")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(@Schema(required = true) String episodeId,
            @Schema(required = true, description = "FEED (clustering-service) or UPLOAD") String source,
            @Schema(required = true) String patientId, @Schema(required = true) String code,
            @Schema(required = true) LocalDate startDate, LocalDate endDate, @Schema(required = true) LocalDate reviewDue,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String team) {
    }

    @Schema(name = "CostingEpisodePage")
    public record ViewPage(@Schema(required = true) List<View> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) URI next) {
    }
}
