package org.openpbr.contract.caseload;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The caseload's intake as the API shows it. */
public final class CaseloadViews {

    private CaseloadViews() {
    }

    @Schema(name = "CaseloadSync", description = "Where the intake from clustering-service's feed stands; after a pull, what it read.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sync(@Schema(description = "When the feed was last read successfully; absent if never.") OffsetDateTime lastPulledAt,
            @Schema(required = true, description = "Cluster episodes held in which your organisation is the provider or the responsible commissioner.") long yourEpisodes,
            @Schema(description = "After a pull: changes read.") Integer changesRead,
            @Schema(description = "After a pull: episode changes stored (for every provider).") Integer episodesStored,
            @Schema(description = "After a pull: allocation changes stored (for every provider).") Integer allocationsStored,
            @Schema(description = "After a pull: whether the feed was read to its end.") Boolean caughtUp) {
    }
}
