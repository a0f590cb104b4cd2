package org.openpbr.contract.monitoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.platform.csv.CsvTable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Plan against actual, and payment validation's rates, as the API shows them. */
public final class MonitoringViews {

    private MonitoringViews() {
    }

    @Schema(name = "PlanActualCell", description = "One code in one month. Values are units x price, rounded once to the penny. The actual figures are absent for months not yet stated.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(@Schema(required = true) int month, @Schema(required = true) String code,
            @Schema(required = true) BigDecimal price, @Schema(required = true) BigDecimal plannedUnits,
            @Schema(required = true) BigDecimal plannedValue, BigDecimal actualUnits, BigDecimal actualValue,
            @Schema(description = "Actual value less planned value.") BigDecimal variance,
            @Schema(description = "The variance in percent of plan; absent without a plan.") BigDecimal variancePercent,
            @Schema(required = true, description = "The variance is beyond the tolerance, either way (with no plan: any activity).") boolean outsideTolerance) {
    }

    @Schema(name = "EarlyVarianceWarning", description = "The forecast outturn has been beyond tolerance, in this direction, in every month from `since` to the last one stated.")
    public record Warning(@Schema(required = true, enumeration = { "OVER", "UNDER" }) String direction,
            @Schema(required = true) int since, @Schema(required = true) String message) {
    }

    @Schema(name = "PlanActualOutturn", description = "A code's year (or the whole activity's, without a code): the annual plan, plan and actual to date, and the forecast outturn at the run rate to date (actual to date x 12 / months stated). Unit counts are given per code only.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outturn(String code, BigDecimal annualPlannedUnits, @Schema(required = true) BigDecimal annualPlannedValue,
            BigDecimal toDatePlannedUnits, @Schema(required = true) BigDecimal toDatePlannedValue,
            BigDecimal toDateActualUnits, @Schema(required = true) BigDecimal toDateActualValue,
            @Schema(required = true) BigDecimal toDateVariance, BigDecimal toDateVariancePercent,
            BigDecimal forecastUnits, BigDecimal forecastValue,
            @Schema(description = "The forecast outturn less the annual plan.") BigDecimal forecastVariance,
            BigDecimal forecastVariancePercent,
            @Schema(required = true, description = "The forecast outturn is beyond tolerance against the annual plan.") boolean outsideTolerance,
            Warning warning) {
    }

    @Schema(name = "RiskShareAtForecast", description = "What the contract's risk share would do at year end if the year ended at the forecast outturn.")
    public record RiskShareAtForecast(@Schema(required = true) BigDecimal variance,
            @Schema(required = true, description = "Paid by the commissioner (over plan, positive) or recovered (under plan, negative).") BigDecimal commissionerShare,
            @Schema(required = true, description = "The rest of the variance, borne by the provider.") BigDecimal providerShare,
            @Schema(required = true) boolean capped) {
    }

    @Schema(name = "StatementPayment", description = "What the statements paid, other than activity: by the statement's month and line kind (shadow lines left out).")
    public record Payment(@Schema(required = true) int month, @Schema(required = true) String kind,
            @Schema(required = true) BigDecimal amount) {
    }

    @Schema(name = "PlanAgainstActual", description = "The activity plan against what the statements state, per code and month.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanAgainstActual(@Schema(required = true) UUID contractId, @Schema(required = true) String reference,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String providerCode,
            @Schema(required = true) String financialYear, @Schema(required = true) int contractVersion,
            @Schema(required = true) String unit, @Schema(required = true) boolean shadowMode,
            @Schema(required = true, enumeration = { "ISSUED", "ISSUED_AND_DRAFT" }, description = "Which statements the actual comes from.") String basis,
            @Schema(required = true, description = "The last month stated (0: none yet).") int throughMonth,
            @Schema(required = true) BigDecimal tolerancePercent, @Schema(required = true) List<Cell> cells,
            @Schema(required = true) List<Outturn> codes, @Schema(required = true) Outturn total,
            RiskShareAtForecast riskShareAtForecast, @Schema(required = true) List<Payment> payments,
            @Schema(required = true, description = "The planned fixed instalments, months 1-12 (empty without a fixed element).") List<BigDecimal> plannedFixed)
            implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("financial_year", "financial_month", "provider_code", "commissioner_code", "local_pod_code",
                    "planned_activity", "planned_price", "actual_activity", "actual_price");
        }

        /**
         * Activity lines restate each month as now stated (year to date, earlier months restated),
         * so adjustments are inside them; non-activity lines carry activity 0 and the amounts
         * planned and paid.
         */
        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (int month = 1; month <= 13; month++) {
                for (Cell c : cells) {
                    if (c.month() == month) {
                        rows.add(Arrays.asList(financialYear, month, providerCode, commissionerCode, c.code(),
                                units(c.plannedUnits()), plain(c.price()), units(c.actualUnits()),
                                c.actualUnits() == null ? null : plain(c.price())));
                    }
                }
                for (String kind : List.of("FIXED", "QUALITY", "RISK_SHARE")) {
                    BigDecimal planned = "FIXED".equals(kind) && month <= 12 && !plannedFixed.isEmpty()
                            ? plannedFixed.get(month - 1) : null;
                    BigDecimal paid = null;
                    for (Payment p : payments) {
                        if (p.month() == month && kind.equals(kindOf(p.kind()))) {
                            paid = paid == null ? p.amount() : paid.add(p.amount());
                        }
                    }
                    if (planned != null || paid != null) {
                        rows.add(Arrays.asList(financialYear, month, providerCode, commissionerCode, kind, "0",
                                plain(planned), paid == null ? null : "0", plain(paid)));
                    }
                }
            }
            return rows;
        }

        @Override
        public String csvName() {
            return ("plan-actual-" + reference).replaceAll("[^A-Za-z0-9._-]", "_");
        }

        private static String kindOf(String lineKind) {
            return switch (lineKind) {
                case "FIXED", "FIXED_BALANCE" -> "FIXED";
                case "QUALITY_WITHHOLD", "QUALITY_EARNED" -> "QUALITY";
                default -> lineKind;
            };
        }
    }

    @Schema(name = "ValidationRate", description = "Payment validation over one contract's units (each as last stated), for all its teams (no team) or one team.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rate(@Schema(required = true) UUID contractId, @Schema(required = true) String reference,
            @Schema(required = true) String commissionerCode, @Schema(required = true) String providerCode,
            @Schema(description = "The team, from clustering's episode; absent on the contract's own row.") String team,
            @Schema(required = true) long units, @Schema(required = true) long payable, @Schema(required = true) long queried,
            @Schema(required = true) long rejected, @Schema(required = true, description = "Queried units in percent of units, two decimals.") BigDecimal queriedPercent,
            @Schema(required = true) BigDecimal rejectedPercent,
            @Schema(required = true, description = "Per rule: the units it fired on, and their percent of units.") Map<String, RuleRate> byRule) {
    }

    @Schema(name = "ValidationRuleRate")
    public record RuleRate(@Schema(required = true) long units, @Schema(required = true) BigDecimal percent) {
    }

    @Schema(name = "ValidationRates", description = "Payment validation's rates per contract (so per provider, or per commissioner for a provider) and team, and per rule.")
    public record Rates(@Schema(required = true) String financialYear,
            @Schema(required = true, enumeration = { "ISSUED", "ISSUED_AND_DRAFT" }) String basis,
            @Schema(required = true) List<Rate> items) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("financial_year", "commissioner_code", "provider_code", "reference", "team", "units", "payable",
                    "queried", "rejected", "queried_percent", "rejected_percent", "rule", "rule_units", "rule_percent");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (Rate r : items) {
                List<Object> head = Arrays.asList(financialYear, r.commissionerCode(), r.providerCode(), r.reference(), r.team(),
                        r.units(), r.payable(), r.queried(), r.rejected(), plain(r.queriedPercent()), plain(r.rejectedPercent()));
                if (r.byRule().isEmpty()) {
                    List<Object> row = new ArrayList<>(head);
                    row.addAll(Arrays.asList(null, null, null));
                    rows.add(row);
                }
                r.byRule().forEach((rule, rate) -> {
                    List<Object> row = new ArrayList<>(head);
                    row.addAll(Arrays.asList(rule, rate.units(), plain(rate.percent())));
                    rows.add(row);
                });
            }
            return rows;
        }

        @Override
        public String csvName() {
            return ("validation-rates-" + financialYear).replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static String units(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
