package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How schemes appear in the API. */
public final class SchemeViews {

    static final String LEGEND = "Each profile word has a letter per rating 0-4: M must (a red rule), E expected, Y may, U unlikely.";

    private SchemeViews() {
    }

    @Schema(name = "SchemeVersionSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(@Schema(required = true, example = "mh-care-clusters") String scheme,
            @Schema(required = true, example = "2012-illustrative-2") String version,
            @Schema(required = true) String name,
            @Schema(required = true) LocalDate effectiveFrom,
            @Schema(description = "Last day in force; absent while open-ended.") LocalDate effectiveTo,
            @Schema(required = true, description = "True when the grid (or the codes) are a labelled stand-in, not the official ones.") boolean illustrative,
            @Schema(required = true, description = "Whether the version has a profile grid (decision support); without one, codes are allocated by hand.") boolean hasGrid,
            @Schema(description = "The code suggested when no code meets its red rules.") String varianceCode,
            @Schema(required = true) int codeCount,
            @Schema(required = true, description = "SHA-256 of the published content.") String fingerprint,
            @Schema(required = true) OffsetDateTime publishedAt,
            @Schema(required = true) String publishedBy) {

        static Summary of(SchemeVersion version) {
            boolean grid = version.codes.stream().anyMatch(code -> code.profile != null);
            return new Summary(version.scheme, version.version, version.name, version.effectiveFrom,
                    version.effectiveTo, version.illustrative, grid, version.varianceCode, version.codes.size(),
                    version.fingerprint, version.publishedAt, version.publishedBy);
        }
    }

    @Schema(name = "SchemeCode")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Code(@Schema(required = true, example = "03") String code, @Schema(required = true) String name,
            @Schema(required = true, example = "Non-psychotic") String superClass,
            @Schema(required = true, description = "ISO-8601 period, e.g. P84D or P6M.", example = "P6M") String maxReviewPeriod,
            @Schema(description = "Scale (\"1\"-\"13\", \"A\"-\"E\") to a five-letter word for ratings 0-4; absent when the code has no grid row.") Map<String, String> profile) {
    }

    @Schema(name = "MhctScale", description = "One of the 18 scales an assessment rates, each 0-4 or 9 (not known).")
    public record ScaleView(@Schema(required = true, description = "The key in `ratings` and in a grid profile.", example = "7") String id,
            @Schema(required = true, example = "Problems with depressed mood") String title,
            @Schema(required = true, description = "LAST_TWO_WEEKS for items 1-13; HISTORICAL for A-E, rated on the person's history, not only the last two weeks.") Scale.RatingPeriod ratingPeriod,
            @Schema(required = true, description = "Items 1-12 are HoNOS, the outcome measure.") boolean honos) {

        static List<ScaleView> all() {
            return Scale.ALL.stream().map(s -> new ScaleView(s.id(), s.title(), s.ratingPeriod(), s.isHonos())).toList();
        }
    }

    @Schema(name = "SchemeVersion")
    public record Detail(@Schema(required = true) Summary version,
            @Schema(required = true) String gridLegend,
            @Schema(required = true, description = "The 18 scales the version's codes are profiled on, in the tool's order.") List<ScaleView> scales,
            @Schema(required = true, description = "In the scheme's order.") List<Code> codes) {

        static Detail of(SchemeVersion version) {
            return new Detail(Summary.of(version), LEGEND, ScaleView.all(), version.codes.stream()
                    .map(row -> new Code(row.code, row.name, row.superClass, row.maxReviewPeriod, row.profile)).toList());
        }
    }
}
