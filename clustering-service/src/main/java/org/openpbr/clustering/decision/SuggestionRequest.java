package org.openpbr.clustering.decision;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Ratings only: no identifiers, nothing stored. */
@Schema(name = "SuggestionRequest", description = "Ratings only; no identifiers are accepted and nothing is stored.")
public record SuggestionRequest(
        @Schema(description = "The currency scheme; the service's default (mh-care-clusters) when absent.", example = "mh-care-clusters") String scheme,
        @Schema(description = "The date whose scheme version in force is used; today when absent.") LocalDate on,
        @Schema(required = true) @NotNull @Valid RatingsInput ratings) {
}
