package org.openpbr.contract.monitoring.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.monitoring.rule.PlanVariance.Cell;
import org.openpbr.contract.monitoring.rule.PlanVariance.Direction;
import org.openpbr.contract.monitoring.rule.PlanVariance.Outturn;
import org.openpbr.contract.monitoring.rule.PlanVariance.Report;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PlanVarianceTest {

    static final Map<String, BigDecimal> PRICES = Map.of("11", new BigDecimal("1200.00"), "04", new BigDecimal("800.00"));
    static final BigDecimal FIVE = BigDecimal.valueOf(5);

    /** 100 of 11 and 50 of 04 planned every month: £160,000.00 a month, £1,920,000.00 a year. */
    static Map<Integer, Map<String, BigDecimal>> flatPlan() {
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            plan.put(month, Map.of("11", BigDecimal.valueOf(100), "04", BigDecimal.valueOf(50)));
        }
        return plan;
    }

    @Test
    void a_variance_that_surfaces_in_june_raises_the_early_warning_from_june() {
        // Actual: April on plan (160,000.00); May 104 of 11 (124,800.00 + 40,000.00 = 164,800.00);
        // June 130 of 11 and 52 of 04 (156,000.00 + 41,600.00 = 197,600.00). To date 522,400.00
        // against 480,000.00 planned: 42,400.00, 8.83%.
        Map<Integer, Map<String, BigDecimal>> actual = Map.of(
                1, Map.of("11", BigDecimal.valueOf(100), "04", BigDecimal.valueOf(50)),
                2, Map.of("11", BigDecimal.valueOf(104), "04", BigDecimal.valueOf(50)),
                3, Map.of("11", BigDecimal.valueOf(130), "04", BigDecimal.valueOf(52)));
        Report r = PlanVariance.of(flatPlan(), actual, PRICES, 3, FIVE);

        Cell may11 = cell(r, 2, "11");
        assertThat(may11.variance()).isEqualByComparingTo("4800.00");
        assertThat(may11.variancePercent()).isEqualByComparingTo("4.00");
        assertThat(may11.outsideTolerance()).isFalse();
        Cell june11 = cell(r, 3, "11");
        assertThat(june11.actualValue()).isEqualByComparingTo("156000.00");
        assertThat(june11.variancePercent()).isEqualByComparingTo("30.00");
        assertThat(june11.outsideTolerance()).isTrue();
        assertThat(cell(r, 3, "04").variancePercent()).isEqualByComparingTo("4.00");
        assertThat(cell(r, 4, "11").actualUnits()).isNull();
        assertThat(r.cells()).hasSize(24);

        Outturn total = r.total();
        assertThat(total.annualPlannedValue()).isEqualByComparingTo("1920000.00");
        assertThat(total.toDateVariance()).isEqualByComparingTo("42400.00");
        assertThat(total.toDateVariancePercent()).isEqualByComparingTo("8.83");
        // Forecast 522,400.00 x 12 / 3 = 2,089,600.00: 169,600.00 over, 8.83% of 1,920,000.00. After
        // May it was 324,800.00 x 6 = 1,948,800.00 (1.5% over, within), so the warning holds from June.
        assertThat(total.forecastValue()).isEqualByComparingTo("2089600.00");
        assertThat(total.forecastVariance()).isEqualByComparingTo("169600.00");
        assertThat(total.forecastVariancePercent()).isEqualByComparingTo("8.83");
        assertThat(total.warning()).isEqualTo(new PlanVariance.Warning(Direction.OVER, 3));

        // 11: 334 units to date, 1,336.00 forecast; 400,800.00 x 4 = 1,603,200.00 against 1,440,000.00.
        Outturn eleven = outturn(r, "11");
        assertThat(eleven.toDateActualUnits()).isEqualByComparingTo("334");
        assertThat(eleven.forecastUnits()).isEqualByComparingTo("1336.00");
        assertThat(eleven.forecastVariance()).isEqualByComparingTo("163200.00");
        assertThat(eleven.forecastVariancePercent()).isEqualByComparingTo("11.33");
        assertThat(eleven.warning().since()).isEqualTo(3);
        // 04: 152 units, 121,600.00 x 4 = 486,400.00 against 480,000.00: 1.33%, within.
        Outturn four = outturn(r, "04");
        assertThat(four.forecastVariancePercent()).isEqualByComparingTo("1.33");
        assertThat(four.outsideTolerance()).isFalse();
        assertThat(four.warning()).isNull();
    }

    @Test
    void a_forecast_over_seven_months_is_rounded_once_and_a_change_of_direction_restarts_the_warning() {
        // Plan 1 of 11 a month (1,200.00; 14,400.00 a year). Months 1-6 none (far under), month 7 28 units
        // (33,600.00): to date 33,600.00, forecast 33,600.00 x 12 / 7 = 57,600.00, over. Month 6's forecast
        // was 0, under: the warning is OVER from month 7 only.
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            plan.put(month, Map.of("11", BigDecimal.ONE));
        }
        Report r = PlanVariance.of(plan, Map.of(7, Map.of("11", BigDecimal.valueOf(28))), PRICES, 7, FIVE);
        assertThat(r.total().forecastValue()).isEqualByComparingTo("57600.00");
        assertThat(r.total().warning()).isEqualTo(new PlanVariance.Warning(Direction.OVER, 7));
        // 1 unit to date: 1,200.00 x 12 / 7 = 2,057.142857..., shown 2,057.14; against 14,400.00 the
        // variance is (14,400.00 - 7 x 14,400.00) / 7 = -12,342.857142..., shown -12,342.86.
        Report one = PlanVariance.of(plan, Map.of(7, Map.of("11", BigDecimal.ONE)), PRICES, 7, FIVE);
        assertThat(one.total().forecastValue()).isEqualByComparingTo("2057.14");
        assertThat(one.total().forecastVariance()).isEqualByComparingTo("-12342.86");
        assertThat(one.total().forecastUnits()).isNull();
        assertThat(outturn(one, "11").forecastUnits()).isEqualByComparingTo("1.71");
        assertThat(one.total().warning()).isEqualTo(new PlanVariance.Warning(Direction.UNDER, 1));
    }

    @Test
    void activity_without_a_plan_is_outside_any_tolerance_and_has_no_percentage() {
        Report r = PlanVariance.of(Map.of(), Map.of(1, Map.of("04", BigDecimal.ONE)), PRICES, 1, BigDecimal.valueOf(100));
        assertThat(cell(r, 1, "04").outsideTolerance()).isTrue();
        assertThat(cell(r, 1, "04").variancePercent()).isNull();
        assertThat(r.total().forecastValue()).isEqualByComparingTo("9600.00");
        assertThat(r.total().warning().direction()).isEqualTo(Direction.OVER);
        // Nothing stated yet: no forecast and no warning.
        Report none = PlanVariance.of(flatPlan(), Map.of(), PRICES, 0, FIVE);
        assertThat(none.total().forecastValue()).isNull();
        assertThat(none.total().outsideTolerance()).isFalse();
        assertThat(none.cells()).allMatch(c -> c.actualUnits() == null);
    }

    @Test
    void the_tolerance_is_a_strict_bound() {
        // 5 of 100 planned units over is exactly 5%: inside a 5% tolerance, outside 4.99%.
        Map<Integer, Map<String, BigDecimal>> plan = Map.of(1, Map.of("11", BigDecimal.valueOf(100)));
        Map<Integer, Map<String, BigDecimal>> actual = Map.of(1, Map.of("11", BigDecimal.valueOf(105)));
        assertThat(cell(PlanVariance.of(plan, actual, PRICES, 1, FIVE), 1, "11").outsideTolerance()).isFalse();
        assertThat(cell(PlanVariance.of(plan, actual, PRICES, 1, new BigDecimal("4.99")), 1, "11").outsideTolerance()).isTrue();
    }

    @Property(tries = 300)
    void on_a_flat_plan_delivered_exactly_nothing_is_flagged(@ForAll @IntRange(min = 0, max = 500) int units,
            @ForAll @IntRange(min = 1, max = 12) int through) {
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            plan.put(month, Map.of("11", BigDecimal.valueOf(units)));
        }
        Report r = PlanVariance.of(plan, plan, PRICES, through, BigDecimal.ZERO);
        assertThat(r.cells()).noneMatch(Cell::outsideTolerance);
        assertThat(r.total().forecastVariance()).isEqualByComparingTo("0");
        assertThat(r.total().forecastValue()).isEqualByComparingTo(r.total().annualPlannedValue());
        assertThat(r.total().warning()).isNull();
    }

    @Property(tries = 300)
    void the_warning_holds_in_every_month_since_it_began_and_not_in_the_month_before(
            @ForAll @Size(12) List<@IntRange(min = 0, max = 40) Integer> delivered, @ForAll @IntRange(min = 1, max = 12) int through,
            @ForAll @IntRange(min = 0, max = 30) int tolerance) {
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> actual = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            plan.put(month, Map.of("11", BigDecimal.valueOf(20)));
            actual.put(month, Map.of("11", BigDecimal.valueOf(delivered.get(month - 1))));
        }
        BigDecimal t = BigDecimal.valueOf(tolerance);
        Report r = PlanVariance.of(plan, actual, PRICES, through, t);
        PlanVariance.Warning w = r.total().warning();
        assertThat(w != null).isEqualTo(r.total().outsideTolerance());
        if (w == null) {
            return;
        }
        assertThat(w.since()).isBetween(1, through);
        for (int m = w.since(); m <= through; m++) {
            Outturn then = PlanVariance.of(plan, actual, PRICES, m, t).total();
            assertThat(then.outsideTolerance()).as("month %d", m).isTrue();
            assertThat(then.forecastVariance().signum()).isEqualTo(w.direction() == Direction.OVER ? 1 : -1);
        }
        if (w.since() > 1) {
            Outturn before = PlanVariance.of(plan, actual, PRICES, w.since() - 1, t).total();
            boolean sameWay = before.forecastVariance().signum() == (w.direction() == Direction.OVER ? 1 : -1);
            assertThat(before.outsideTolerance() && sameWay).isFalse();
        }
    }

    @Property(tries = 300)
    void more_activity_never_lowers_the_forecast_and_its_figures_agree_to_the_penny(
            @ForAll @Size(12) List<@IntRange(min = 0, max = 40) Integer> delivered, @ForAll @IntRange(min = 1, max = 12) int through,
            @ForAll @IntRange(min = 1, max = 10) int extra) {
        Map<Integer, Map<String, BigDecimal>> actual = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> more = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            int n = delivered.get(month - 1);
            actual.put(month, Map.of("04", BigDecimal.valueOf(n)));
            more.put(month, Map.of("04", BigDecimal.valueOf(month == through ? n + extra : n)));
        }
        Outturn before = PlanVariance.of(flatPlan(), actual, PRICES, through, FIVE).total();
        Outturn after = PlanVariance.of(flatPlan(), more, PRICES, through, FIVE).total();
        assertThat(after.forecastValue()).isGreaterThan(before.forecastValue());
        for (Outturn o : List.of(before, after)) {
            BigDecimal gap = o.forecastValue().subtract(o.annualPlannedValue()).subtract(o.forecastVariance()).abs();
            assertThat(gap).isLessThanOrEqualTo(new BigDecimal("0.01"));
        }
    }

    private static Cell cell(Report r, int month, String code) {
        return r.cells().stream().filter(c -> c.month() == month && c.code().equals(code)).findFirst().orElseThrow();
    }

    private static Outturn outturn(Report r, String code) {
        return r.codes().stream().filter(o -> code.equals(o.code())).findFirst().orElseThrow();
    }
}
