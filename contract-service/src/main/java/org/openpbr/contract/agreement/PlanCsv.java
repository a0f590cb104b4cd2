package org.openpbr.contract.agreement;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpbr.contract.agreement.rule.Instalments;
import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvRows;
import org.openpbr.platform.csv.CsvTable;

/**
 * The activity plan as national contract-monitoring lines: one line per month and point of
 * delivery, where the local point-of-delivery code is the currency code. The fixed element is a
 * non-activity line (activity 0, code FIXED) per month, priced at its instalment. On import, the
 * activity lines are the plan; non-activity lines are recognised and passed over, because they
 * follow from the terms.
 */
public final class PlanCsv {

    public static final List<String> COLUMNS = List.of("financial_year", "financial_month", "provider_code",
            "commissioner_code", "local_pod_code", "planned_activity", "planned_price");
    /** Point-of-delivery codes of non-activity lines. */
    public static final Set<String> NON_ACTIVITY = Set.of("FIXED", "QUALITY", "ADJUSTMENT", "RISK_SHARE", "BLOCK");

    private PlanCsv() {
    }

    /** The plan's lines, then the fixed element's, in month order. */
    public static CsvTable export(ContractViews.Version v) {
        List<List<Object>> rows = new ArrayList<>();
        List<BigDecimal> fixed = v.terms().fixed() == null ? null : v.terms().fixed().phasing() == null
                ? Instalments.equal(v.terms().fixed().annualAmount())
                : Instalments.phased(v.terms().fixed().annualAmount(), v.terms().fixed().phasing());
        for (int month = 1; month <= Instalments.MONTHS; month++) {
            for (ContractViews.PlanLine line : v.plan().lines()) {
                if (line.month() == month) {
                    rows.add(List.of(v.financialYear(), month, v.providerCode(), v.commissionerCode(), line.code(),
                            line.units().stripTrailingZeros().toPlainString(), line.price() == null ? "" : line.price().toPlainString()));
                }
            }
            if (fixed != null) {
                rows.add(List.of(v.financialYear(), month, v.providerCode(), v.commissionerCode(), "FIXED", "0",
                        fixed.get(month - 1).toPlainString()));
            }
        }
        String name = "plan-" + v.reference() + "-v" + v.version();
        return new CsvTable() {
            @Override
            public List<String> csvHeader() {
                return COLUMNS;
            }

            @Override
            public List<List<Object>> csvRows() {
                return rows;
            }

            @Override
            public String csvName() {
                return name.replaceAll("[^A-Za-z0-9._-]", "_");
            }
        };
    }

    /** Reads a plan for a contract: every fault listed by line, or the plan's entries. */
    public static List<ContractViews.PlanEntry> read(String csv, ContractQueries.ContractRow contract,
            Map<String, ContractViews.Price> prices) {
        CsvFaults faults = new CsvFaults();
        List<ContractViews.PlanEntry> entries = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try {
            CsvRows.read(new StringReader(csv), COLUMNS, faults, (line, value) -> {
                same(line, "financial_year", value.apply("financial_year"), contract.financialYear(), faults);
                same(line, "provider_code", value.apply("provider_code"), contract.providerCode(), faults);
                same(line, "commissioner_code", value.apply("commissioner_code"), contract.commissionerCode(), faults);
                Integer month = month(line, value.apply("financial_month"), faults);
                String code = value.apply("local_pod_code");
                BigDecimal units = decimal(line, "planned_activity", value.apply("planned_activity"), faults);
                String priceText = value.apply("planned_price");
                if (NON_ACTIVITY.contains(code)) {
                    if (units != null && units.signum() != 0) {
                        faults.add(line, "planned_activity", "must be 0 on a non-activity line (" + code + ")");
                    }
                    return;
                }
                ContractViews.Price price = prices.get(code);
                if (price == null) {
                    faults.add(line, "local_pod_code", code.isEmpty() ? "is required"
                            : "is not a priced code of the contract, nor a non-activity line (" + String.join(", ",
                                    NON_ACTIVITY.stream().sorted().toList()) + ")");
                    return;
                }
                if (!priceText.isEmpty()) {
                    BigDecimal planned = decimal(line, "planned_price", priceText, faults);
                    if (planned != null && planned.compareTo(price.price()) != 0) {
                        faults.add(line, "planned_price", "is " + planned.toPlainString() + " but the contract prices "
                                + code + " at " + price.price().toPlainString());
                    }
                }
                if (month != null && units != null) {
                    Integer first = firstLine.putIfAbsent(month + "/" + code, line);
                    if (first != null) {
                        faults.add(line, "local_pod_code", "repeats line " + first + " (month " + month + ", " + code + ")");
                    } else {
                        entries.add(new ContractViews.PlanEntry(month, code, units));
                    }
                }
            });
        } catch (IOException e) {
            faults.add(1, null, "could not be read: " + e.getMessage());
        }
        if (!faults.isEmpty()) {
            throw faults.problem("plan");
        }
        return entries;
    }

    private static void same(int line, String column, String value, String expected, CsvFaults faults) {
        if (!expected.equals(value)) {
            faults.add(line, column, value.isEmpty() ? "is required" : "is " + value + " but the contract's is " + expected);
        }
    }

    private static Integer month(int line, String text, CsvFaults faults) {
        if (text.matches("[0-9]{1,2}")) {
            int month = Integer.parseInt(text);
            if (month >= 1 && month <= 12) {
                return month;
            }
        }
        faults.add(line, "financial_month", text.isEmpty() ? "is required" : "must be 1-12 on a plan line (13 holds year-end adjustments, never plans)");
        return null;
    }

    private static BigDecimal decimal(int line, String column, String text, CsvFaults faults) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() >= 0 && value.stripTrailingZeros().scale() <= 2 && value.compareTo(new BigDecimal("100000000")) <= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        faults.add(line, column, text.isEmpty() ? "is required" : "must be a number from 0 to 100,000,000 with at most two decimals");
        return null;
    }
}
