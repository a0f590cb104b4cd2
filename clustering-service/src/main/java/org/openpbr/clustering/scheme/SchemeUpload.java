package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.clustering.scheme.SchemeDraft.CodeDraft;

/** A scheme version as an administrator uploads it in JSON; scheme and version come from the path. */
@Schema(name = "SchemeUpload", description = "A scheme version to publish. Every fault is reported at once.")
public record SchemeUpload(
        @Schema(description = "Optional; must equal the path's scheme.") String scheme,
        @Schema(description = "Optional; must equal the path's version.") String version,
        @Schema(required = true) String name,
        @Schema(required = true) LocalDate effectiveFrom,
        @Schema(description = "Last day in force; omit for open-ended.") LocalDate effectiveTo,
        @Schema(description = "True when the grid or codes are a labelled stand-in for the official ones.") Boolean illustrative,
        @Schema(description = "Required with a grid: the code suggested when no code meets its red rules. It has no profile itself.") String varianceCode,
        @Schema(required = true) List<CodeDraft> codes) {
}
