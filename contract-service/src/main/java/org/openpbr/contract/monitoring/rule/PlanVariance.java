package org.openpbr.contract.monitoring.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plan against actual, per code and month, with the tolerance flag, the forecast outturn at the
 * current run rate and the early-variance warning.
 *
 * <p>Values are units x price, exact; each figure shown is rounded once, half to even, to the
 * penny (percentages to two decimals). A cell, or an outturn, is outside tolerance when its
 * variance is more than the tolerance's share of plan, either way; with no plan, any activity is
 * outside it. The forecast outturn after month n is the actual to date x 12 / n. The early
 * warning is raised when that forecast is outside tolerance against the annual plan, and says
 * from which month it has been so, in the same direction, without a break: the month a capitated
 * contract's variance should have surfaced.
 */
public final class PlanVariance {

    public static final int MONTHS = 12;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWELVE = BigDecimal.valueOf(MONTHS);

    /** Which side of plan a variance lies. */
    public enum Direction {
        OVER, UNDER
    }

    /** One code in one month. The actual figures are null for months not yet stated. */
    public record Cell(int month, String code, BigDecimal price, BigDecimal plannedUnits, BigDecimal plannedValue,
            BigDecimal actualUnits, BigDecimal actualValue, BigDecimal variance, BigDecimal variancePercent,
            boolean outsideTolerance) {
    }

    /**
     * A code's year (or, with a null code, the whole activity's): plan, to date, and the forecast
     * outturn. The forecast figures and the warning are null before any month is stated.
     */
    public record Outturn(String code, BigDecimal annualPlannedUnits, BigDecimal annualPlannedValue,
            BigDecimal toDatePlannedUnits, BigDecimal toDatePlannedValue, BigDecimal toDateActualUnits,
            BigDecimal toDateActualValue, BigDecimal toDateVariance, BigDecimal toDateVariancePercent,
            BigDecimal forecastUnits, BigDecimal forecastValue, BigDecimal forecastVariance,
            BigDecimal forecastVariancePercent, boolean outsideTolerance, Warning warning) {
    }

    /** The early-variance warning: the forecast has been outside tolerance, this way, since {@code since}. */
    public record Warning(Direction direction, int since) {
    }

    /** The comparison: every cell of the year, each code's outturn, and the whole activity's. */
    public record Report(int throughMonth, BigDecimal tolerancePercent, List<Cell> cells, List<Outturn> codes,
            Outturn total) {
    }

    private PlanVariance() {
    }

    /**
     * @param plan         planned units by month (1-12), then code
     * @param actual       actual units by month, then code, for months 1 to {@code throughMonth}
     * @param prices       the price of each code
     * @param throughMonth the last month stated (0: none yet)
     * @param tolerancePercent e.g. 5 for 5%
     */
    public static Report of(Map<Integer, Map<String, BigDecimal>> plan, Map<Integer, Map<String, BigDecimal>> actual,
            Map<String, BigDecimal> prices, int throughMonth, BigDecimal tolerancePercent) {
        if (throughMonth < 0 || throughMonth > MONTHS) {
            throw new IllegalArgumentException("throughMonth is 0-12");
        }
        if (tolerancePercent.signum() < 0) {
            throw new IllegalArgumentException("a tolerance is 0 or more");
        }
        TreeSet<String> codes = new TreeSet<>();
        plan.values().forEach(m -> codes.addAll(m.keySet()));
        for (int month = 1; month <= throughMonth; month++) {
            codes.addAll(actual.getOrDefault(month, Map.of()).keySet());
        }
        List<Cell> cells = new ArrayList<>();
        for (int month = 1; month <= MONTHS; month++) {
            for (String code : codes) {
                BigDecimal price = prices.getOrDefault(code, BigDecimal.ZERO);
                BigDecimal planned = units(plan, month, code);
                BigDecimal plannedValue = planned.multiply(price);
                if (month > throughMonth) {
                    cells.add(new Cell(month, code, price, planned, money(plannedValue), null, null, null, null, false));
                    continue;
                }
                BigDecimal done = units(actual, month, code);
                BigDecimal doneValue = done.multiply(price);
                BigDecimal variance = doneValue.subtract(plannedValue);
                cells.add(new Cell(month, code, price, planned, money(plannedValue), done, money(doneValue), money(variance),
                        percent(variance, plannedValue), outside(variance, plannedValue, tolerancePercent)));
            }
        }
        List<Outturn> outturns = new ArrayList<>();
        for (String code : codes) {
            outturns.add(outturn(code, plan, actual, prices, throughMonth, tolerancePercent));
        }
        return new Report(throughMonth, tolerancePercent, cells, outturns,
                outturn(null, plan, actual, prices, throughMonth, tolerancePercent));
    }

    private static Outturn outturn(String code, Map<Integer, Map<String, BigDecimal>> plan,
            Map<Integer, Map<String, BigDecimal>> actual, Map<String, BigDecimal> prices, int n, BigDecimal tolerance) {
        BigDecimal annualValue = value(plan, prices, code, MONTHS);
        BigDecimal toDatePlanValue = value(plan, prices, code, n);
        BigDecimal toDateValue = value(actual, prices, code, n);
        BigDecimal toDateVariance = toDateValue.subtract(toDatePlanValue);
        BigDecimal annualUnits = code == null ? null : sumUnits(plan, code, MONTHS);
        BigDecimal toDatePlanUnits = code == null ? null : sumUnits(plan, code, n);
        BigDecimal toDateUnits = code == null ? null : sumUnits(actual, code, n);
        if (n == 0) {
            return new Outturn(code, annualUnits, money(annualValue), toDatePlanUnits, money(toDatePlanValue), toDateUnits,
                    money(toDateValue), money(toDateVariance), percent(toDateVariance, toDatePlanValue), null, null, null,
                    null, false, null);
        }
        BigDecimal months = BigDecimal.valueOf(n);
        // forecast - plan = (to date x 12 - n x plan) / n: each shown figure is one division, rounded once
        BigDecimal scaledVariance = toDateValue.multiply(TWELVE).subtract(annualValue.multiply(months));
        BigDecimal forecastUnits = code == null ? null
                : toDateUnits.multiply(TWELVE).divide(months, 2, RoundingMode.HALF_EVEN);
        BigDecimal forecastValue = toDateValue.multiply(TWELVE).divide(months, 2, RoundingMode.HALF_EVEN);
        BigDecimal forecastVariance = scaledVariance.divide(months, 2, RoundingMode.HALF_EVEN);
        BigDecimal scaledPlan = annualValue.multiply(months);
        boolean outside = outside(scaledVariance, scaledPlan, tolerance);
        return new Outturn(code, annualUnits, money(annualValue), toDatePlanUnits, money(toDatePlanValue), toDateUnits,
                money(toDateValue), money(toDateVariance), percent(toDateVariance, toDatePlanValue), forecastUnits,
                forecastValue, forecastVariance, percent(scaledVariance, scaledPlan), outside,
                outside ? warning(code, plan, actual, prices, n, tolerance) : null);
    }

    /** From which month the forecast has been outside tolerance in the direction it is now. */
    private static Warning warning(String code, Map<Integer, Map<String, BigDecimal>> plan,
            Map<Integer, Map<String, BigDecimal>> actual, Map<String, BigDecimal> prices, int n, BigDecimal tolerance) {
        BigDecimal annualValue = value(plan, prices, code, MONTHS);
        Direction now = null;
        int since = n;
        for (int m = n; m >= 1; m--) {
            BigDecimal months = BigDecimal.valueOf(m);
            BigDecimal scaledVariance = value(actual, prices, code, m).multiply(TWELVE).subtract(annualValue.multiply(months));
            Direction direction = scaledVariance.signum() > 0 ? Direction.OVER : Direction.UNDER;
            if (!outside(scaledVariance, annualValue.multiply(months), tolerance) || (now != null && direction != now)) {
                break;
            }
            now = direction;
            since = m;
        }
        return new Warning(now, since);
    }

    /** Beyond tolerance: |variance| x 100 > tolerance x plan; with no plan, any activity. */
    static boolean outside(BigDecimal variance, BigDecimal plan, BigDecimal tolerancePercent) {
        if (plan.signum() == 0) {
            return variance.signum() != 0;
        }
        return variance.abs().multiply(HUNDRED).compareTo(tolerancePercent.multiply(plan.abs())) > 0;
    }

    private static BigDecimal percent(BigDecimal variance, BigDecimal plan) {
        return plan.signum() == 0 ? null : variance.multiply(HUNDRED).divide(plan, 2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal money(BigDecimal exact) {
        return exact.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal units(Map<Integer, Map<String, BigDecimal>> byMonth, int month, String code) {
        return byMonth.getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
    }

    private static BigDecimal sumUnits(Map<Integer, Map<String, BigDecimal>> byMonth, String code, int upTo) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int month = 1; month <= upTo; month++) {
            sum = sum.add(units(byMonth, month, code));
        }
        return sum;
    }

    /** Units x price over months 1 to {@code upTo}, for one code or (null) every code; exact. */
    private static BigDecimal value(Map<Integer, Map<String, BigDecimal>> byMonth, Map<String, BigDecimal> prices,
            String code, int upTo) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int month = 1; month <= upTo; month++) {
            for (Map.Entry<String, BigDecimal> e : byMonth.getOrDefault(month, Map.of()).entrySet()) {
                if (code == null || code.equals(e.getKey())) {
                    sum = sum.add(e.getValue().multiply(prices.getOrDefault(e.getKey(), BigDecimal.ZERO)));
                }
            }
        }
        return sum;
    }
}
