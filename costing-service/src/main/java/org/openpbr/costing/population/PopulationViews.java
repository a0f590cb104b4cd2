package org.openpbr.costing.population;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvTable;
import org.openpbr.costing.run.VarianceViews;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What commissioners see of costing, as the API shows it. */
public final class PopulationViews {

    private PopulationViews() {
    }

    @Schema(name = "PopulationRun", description = "The run a provider's figures come from: its latest run of the period.")
    public record RunRef(@Schema(required = true) String providerCode, @Schema(required = true) UUID runId,
            @Schema(required = true) String methodVersion, @Schema(required = true) Instant finishedAt) {
    }

    @Schema(name = "ProviderVariance")
    public record ProviderVariance(@Schema(required = true) String providerCode,
            @Schema(required = true) List<VarianceViews.Code> codes) {
    }

    @Schema(name = "PopulationCosts", description = "A commissioner's population: cost and variance by code, over all its providers and per provider. A code with 1-4 episodes is withheld (suppressed).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Costs(@Schema(required = true) String commissionerCode, @Schema(required = true) LocalDate from,
            @Schema(required = true) LocalDate to, @Schema(required = true) List<RunRef> runs,
            @Schema(required = true) String measure, @Schema(required = true) BigDecimal trimMultiplier,
            @Schema(description = "Share of the variance of cost per cluster day the codes explain, over all providers; absent when withheld.") BigDecimal etaSquaredCostPerDay,
            @Schema(required = true, description = "All providers together.") List<VarianceViews.Code> codes,
            @Schema(required = true, description = "All providers together, ward stays only: each episode's admitted cost over its nights in a ward (episodes with no ward nights left out), so that admissions do not dominate the spread of community care.") List<VarianceViews.Code> admitted,
            @Schema(required = true, description = "All providers together, community care only: each episode's non-admitted cost over its cluster days not in a ward.") List<VarianceViews.Code> nonAdmitted,
            @Schema(required = true) List<ProviderVariance> providers) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            List<String> header = new ArrayList<>(List.of("provider_code", "setting"));
            header.addAll(VarianceViews.CODE_COLUMNS);
            return header;
        }

        /** All providers together first (provider ALL; both settings, then each), then each provider's codes. */
        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            codes.forEach(c -> rows.add(withProvider("ALL", "ALL", c)));
            admitted.forEach(c -> rows.add(withProvider("ALL", "ADMITTED", c)));
            nonAdmitted.forEach(c -> rows.add(withProvider("ALL", "NON_ADMITTED", c)));
            providers.forEach(p -> p.codes().forEach(c -> rows.add(withProvider(p.providerCode(), "ALL", c))));
            return rows;
        }

        private static List<Object> withProvider(String provider, String setting, VarianceViews.Code code) {
            List<Object> row = new ArrayList<>();
            row.add(provider);
            row.add(setting);
            row.addAll(VarianceViews.cells(code));
            return row;
        }

        @Override
        public String csvName() {
            return "population-" + commissionerCode + "-costs-" + from + "-" + to;
        }
    }

    @Schema(name = "PopulationOutlier", description = "A high-cost outlier episode of the population, under a pseudonym.")
    public record Outlier(@Schema(required = true, description = "The person's pseudonym for this commissioner, the same in every OpenPbR service and for every provider (`P-`: from the NHS number; `L-`: provider-local, when the provider gave no NHS number). Never an NHS number or local id.") String pseudonym,
            @Schema(required = true) String providerCode, @Schema(required = true) String code,
            @Schema(required = true) int clusterDays, @Schema(required = true) BigDecimal cost,
            @Schema(required = true) BigDecimal costPerClusterDay, @Schema(required = true) BigDecimal trimPoint) {
    }

    @Schema(name = "PopulationOutliers")
    public record Outliers(@Schema(required = true) String commissionerCode, @Schema(required = true) BigDecimal trimMultiplier,
            @Schema(required = true, description = "At most 1,000, costliest per cluster day first.") List<Outlier> items,
            @Schema(required = true) int total) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("pseudonym", "provider_code", "code", "cluster_days", "cost", "cost_per_cluster_day",
                    "trim_point");
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(o -> List.<Object>of(o.pseudonym(), o.providerCode(), o.code(), o.clusterDays(),
                    o.cost(), o.costPerClusterDay(), o.trimPoint())).toList();
        }

        @Override
        public String csvName() {
            return "population-" + commissionerCode + "-outliers";
        }
    }
}
