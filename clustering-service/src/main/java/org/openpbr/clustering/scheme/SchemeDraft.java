package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A scheme version as uploaded (JSON or CSV), before validation: every field may be missing or
 * wrong, so that {@link SchemeValidation} can report every fault at once.
 */
public record SchemeDraft(String scheme, String version, String name, LocalDate effectiveFrom, LocalDate effectiveTo,
        Boolean illustrative, String varianceCode, List<CodeDraft> codes) {

    /**
     * One code as uploaded.
     *
     * @param profile scale id ("1".."13", "A".."E") to a five-letter word; null or empty for no grid row
     */
    @Schema(name = "SchemeCodeUpload")
    public record CodeDraft(@Schema(required = true, example = "03") String code,
            @Schema(required = true) String name,
            @Schema(required = true, example = "Non-psychotic") String superClass,
            @Schema(required = true, description = "ISO-8601 period: P84D, P6M, P12M...", example = "P6M") String maxReviewPeriod,
            @Schema(description = "For a grid: every scale (\"1\"-\"13\", \"A\"-\"E\") to a five-letter word, a letter per rating 0-4: M must, E expected, Y may, U unlikely.") Map<String, String> profile) {
    }
}
