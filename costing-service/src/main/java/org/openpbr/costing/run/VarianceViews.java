package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvPage;
import org.openpbr.platform.csv.CsvTable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the costing API returns about the spread of episode costs. */
public final class VarianceViews {

    public static final String MEASURE = "cost per cluster day: an episode's cost in the period / its cluster days in the period";
    static final String QUANTILES = "linear interpolation between order statistics (Hyndman-Fan type 7, as PERCENTILE.INC)";

    private VarianceViews() {
    }

    @Schema(name = "CodeVariance", description = "The spread of one code's episodes' cost per cluster day. With fewer than five episodes (a commissioner's view) every figure but the code is withheld.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Code(@Schema(required = true) String code,
            @Schema(description = "Episodes; absent when 1-4 and withheld.") Integer episodes,
            @Schema(required = true, description = "True when the figures are withheld because 1-4 episodes could identify people.") boolean suppressed,
            Integer zeroCostEpisodes, BigDecimal totalCost, Long clusterDays,
            @Schema(description = "totalCost / clusterDays, exact to the penny (rounded half-up).") BigDecimal costPerClusterDay,
            BigDecimal mean, BigDecimal median, BigDecimal p10, BigDecimal p25, BigDecimal p75, BigDecimal p90,
            BigDecimal min, BigDecimal max,
            @Schema(description = "Sample standard deviation; absent for one episode.") BigDecimal standardDeviation,
            @Schema(description = "standardDeviation / mean.") BigDecimal coefficientOfVariation,
            @Schema(description = "p90 / p10; absent when p10 is 0.") BigDecimal p90p10Fold,
            @Schema(description = "p75 + trimMultiplier x (p75 - p25): episodes above it are high-cost outliers.") BigDecimal trimPoint,
            Integer outliers, BigDecimal outlierCost,
            @Schema(description = "Cost per cluster day with the outliers left out.") BigDecimal costPerClusterDayExcludingOutliers) {
    }

    @Schema(name = "RunVariance", description = "How episode costs vary within each code, and how much of the variation the codes explain.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(@Schema(required = true) UUID runId, @Schema(required = true) String methodVersion,
            @Schema(required = true) String measure, @Schema(required = true) String quantiles,
            @Schema(required = true) BigDecimal trimMultiplier,
            @Schema(description = "Share (0-1) of the variance of cost per cluster day between episodes that the codes explain (between-code / total sum of squares).") BigDecimal etaSquaredCostPerDay,
            @Schema(description = "The same for episode cost in the period.") BigDecimal etaSquaredEpisodeCost,
            @Schema(required = true) List<Code> codes) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return CODE_COLUMNS;
        }

        @Override
        public List<List<Object>> csvRows() {
            return codes.stream().map(VarianceViews::cells).toList();
        }

        @Override
        public String csvName() {
            return "run-" + runId + "-variance";
        }
    }

    /** One code's variance as CSV columns and cells (withheld figures are empty cells). */
    public static final List<String> CODE_COLUMNS = List.of("code", "episodes", "suppressed", "zero_cost_episodes",
            "total_cost", "cluster_days", "cost_per_cluster_day", "mean", "median", "p10", "p25", "p75", "p90", "min",
            "max", "standard_deviation", "coefficient_of_variation", "p90_p10_fold", "trim_point", "outliers",
            "outlier_cost", "cost_per_cluster_day_excluding_outliers");

    public static List<Object> cells(Code c) {
        return java.util.Arrays.asList(c.code(), c.episodes(), c.suppressed(), c.zeroCostEpisodes(), c.totalCost(),
                c.clusterDays(), c.costPerClusterDay(), c.mean(), c.median(), c.p10(), c.p25(), c.p75(), c.p90(),
                c.min(), c.max(), c.standardDeviation(), c.coefficientOfVariation(), c.p90p10Fold(), c.trimPoint(),
                c.outliers(), c.outlierCost(), c.costPerClusterDayExcludingOutliers());
    }

    @Schema(name = "OutlierEpisode", description = "A high-cost outlier episode.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outlier(@Schema(required = true) String episodeId, @Schema(required = true) String patientId,
            @Schema(required = true) String code, @Schema(required = true) int clusterDays,
            @Schema(required = true) BigDecimal cost, @Schema(required = true) BigDecimal costPerClusterDay,
            @Schema(required = true) BigDecimal trimPoint) {
    }

    @Schema(name = "OutlierPage")
    public record OutlierPage(@Schema(required = true) BigDecimal trimMultiplier, @Schema(required = true) int total,
            @Schema(required = true) List<Outlier> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) java.net.URI next) implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return List.of("episode_id", "patient_id", "code", "cluster_days", "cost", "cost_per_cluster_day",
                    "trim_point");
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(o -> List.<Object>of(o.episodeId(), o.patientId(), o.code(), o.clusterDays(),
                    o.cost(), o.costPerClusterDay(), o.trimPoint())).toList();
        }

        @Override
        public String csvName() {
            return "outliers";
        }
    }
}
