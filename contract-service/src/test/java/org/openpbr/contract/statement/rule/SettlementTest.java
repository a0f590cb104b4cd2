package org.openpbr.contract.statement.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.agreement.rule.Instalments;
import org.openpbr.contract.quality.rule.QualityIncentive;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule;
import org.openpbr.contract.statement.rule.Settlement.Kind;
import org.openpbr.contract.statement.rule.Settlement.Line;
import org.openpbr.contract.statement.rule.Settlement.Statement;

/**
 * A year settled by hand. Fixed £120,000.00 (twelfths of £10,000.00); code 11 at £1,000.00, all units
 * paid, 10 planned a month (plan value £120,000); risk share over 0% to 2%, 50% to 5%, then 100%,
 * under 0% to 2%, then 50%; a 2% withhold of the fixed element (£2,400.00, £200.00 a month) over
 * two equal indicators. 11 units are paid each month, except month 3: 9 when it is issued, and a
 * tenth that arrives late.
 */
class SettlementTest {

    static final BigDecimal PRICE = new BigDecimal("1000.00");

    static Settlement.Terms terms(boolean shadow) {
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (int m = 1; m <= 12; m++) {
            plan.put(m, Map.of("11", BigDecimal.TEN));
        }
        RiskShareSchedule schedule = new RiskShareSchedule(
                List.of(band("0", "0"), band("0.02", "0.5"), band("0.05", "1")), List.of(band("0", "0"), band("0.02", "0.5")),
                null, null);
        Settlement.Quality quality = new Settlement.Quality(true, new BigDecimal("2400.00"), List.of(
                new QualityIncentive.Indicator("A", BigDecimal.ONE, new BigDecimal("80"), new BigDecimal("60"),
                        QualityIncentive.Scale.LINEAR, QualityIncentive.Direction.HIGHER_IS_BETTER),
                new QualityIncentive.Indicator("B", BigDecimal.ONE, new BigDecimal("50"), null,
                        QualityIncentive.Scale.ALL_OR_NOTHING, QualityIncentive.Direction.HIGHER_IS_BETTER)));
        return new Settlement.Terms(shadow, Instalments.equal(new BigDecimal("120000.00")), ActivityPayment.Mode.ALL_UNITS,
                BigDecimal.ONE, Map.of("11", PRICE), plan, quality, schedule);
    }

    static RiskShareSchedule.Band band(String from, String share) {
        return new RiskShareSchedule.Band(new BigDecimal(from), new BigDecimal(share));
    }

    static final List<BigDecimal> ACHIEVED = List.of(new BigDecimal("70"), new BigDecimal("40"));

    /** Issues months 1-12 in turn (the late unit of month 3 arriving before month 4), then the year end. */
    static List<Statement> year(Settlement.Terms terms) {
        Map<Integer, Map<String, BigDecimal>> units = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> issued = new HashMap<>();
        BigDecimal fixed = BigDecimal.ZERO;
        List<Statement> statements = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            units.put(m, new HashMap<>(Map.of("11", m == 3 ? new BigDecimal("9") : new BigDecimal("11"))));
            if (m == 4) {
                units.get(3).put("11", BigDecimal.TEN);
            }
            Statement s = Settlement.monthly(terms, m, units, issued);
            statements.add(s);
            fixed = fixed.add(record(s, issued));
        }
        statements.add(Settlement.yearEnd(terms, units, issued, fixed, ACHIEVED));
        return statements;
    }

    /** Adds a statement's activity and adjustment lines to what was issued; returns its fixed amount. */
    static BigDecimal record(Statement s, Map<Integer, Map<String, BigDecimal>> issued) {
        BigDecimal fixed = BigDecimal.ZERO;
        for (Line line : s.lines()) {
            if (line.kind() == Kind.ACTIVITY || line.kind() == Kind.ADJUSTMENT) {
                issued.computeIfAbsent(line.forMonth(), k -> new HashMap<>()).merge(line.code(), line.amount(), BigDecimal::add);
            } else if (line.kind() == Kind.FIXED) {
                fixed = fixed.add(line.amount());
            }
        }
        return fixed;
    }

    @Test
    void a_budget_holder_s_unit_pays_the_provider_the_price_less_the_budget_and_the_budget_its_own_line() {
        // £12,000.00 fixed (1,000.00 a month); 11 at 1,200.00, of which 300.00 is person-directed.
        Settlement.Terms terms = new Settlement.Terms(false, Instalments.equal(new BigDecimal("12000.00")),
                ActivityPayment.Mode.ALL_UNITS, BigDecimal.ONE, Map.of("11", new BigDecimal("1200.00")), Map.of(), null,
                null, Map.of("11", new BigDecimal("300.00")));
        // April: 5 units of 11, 2 of them of budget holders.
        Map<Integer, Map<String, BigDecimal>> units = new HashMap<>(Map.of(1, Map.of("11", BigDecimal.valueOf(5))));
        Map<Integer, Map<String, BigDecimal>> held = new HashMap<>(Map.of(1, Map.of("11", BigDecimal.valueOf(2))));
        Statement april = Settlement.monthly(terms, 1, units, Map.of(), new Settlement.Budgets(held, Map.of()));
        assertThat(april.lines()).extracting(Line::kind, Line::quantity, Line::price, Line::amount).containsExactly(
                tuple(Kind.FIXED, BigDecimal.ONE, new BigDecimal("1000.00"), new BigDecimal("1000.00")),
                tuple(Kind.ACTIVITY, BigDecimal.valueOf(3), new BigDecimal("1200.00"), new BigDecimal("3600.00")),
                tuple(Kind.ACTIVITY, BigDecimal.valueOf(2), new BigDecimal("900.00"), new BigDecimal("1800.00")),
                tuple(Kind.PERSONAL_BUDGET, BigDecimal.valueOf(2), new BigDecimal("300.00"), new BigDecimal("600.00")));
        // The provider's 900.00 and the budget's 300.00 are the full 1,200.00, to the penny.
        assertThat(april.lines().get(2).price().add(april.lines().get(3).price())).isEqualByComparingTo("1200.00");
        // 1,000.00 + 3,600.00 + 1,800.00 to the provider; 600.00 to the budgets.
        assertThat(april.total()).isEqualByComparingTo("6400.00");
        assertThat(april.budgetTotal()).isEqualByComparingTo("600.00");

        // May: a late April unit of a budget holder. April is now 6 units, 3 held: the provider is due
        // 3 x 1,200.00 + 3 x 900.00 = 6,300.00, issued 5,400.00 (+900.00); the budgets 900.00, issued 600.00 (+300.00).
        Map<Integer, Map<String, BigDecimal>> issued = Map.of(1, Map.of("11", new BigDecimal("5400.00")));
        Map<Integer, Map<String, BigDecimal>> issuedBudgets = Map.of(1, Map.of("11", new BigDecimal("600.00")));
        units.put(1, Map.of("11", BigDecimal.valueOf(6)));
        held.put(1, Map.of("11", BigDecimal.valueOf(3)));
        Statement may = Settlement.monthly(terms, 2, units, issued, new Settlement.Budgets(held, issuedBudgets));
        assertThat(may.lines()).extracting(Line::kind, Line::forMonth, Line::amount).containsExactly(
                tuple(Kind.FIXED, 2, new BigDecimal("1000.00")), tuple(Kind.ADJUSTMENT, 1, new BigDecimal("900.00")),
                tuple(Kind.PERSONAL_BUDGET, 1, new BigDecimal("300.00")));
        assertThat(may.total()).isEqualByComparingTo("1900.00");
        assertThat(may.budgetTotal()).isEqualByComparingTo("300.00");
    }

    @Test
    void a_quarterly_incentive_accrues_each_quarter_on_the_achievement_so_far_and_the_year_end_settles_the_rest() {
        // A £1,000.01 bonus on one all-or-nothing indicator (target 50): quarters of 250.00, the fourth 250.01.
        Settlement.Quality quality = new Settlement.Quality(false, new BigDecimal("1000.01"), List.of(
                new QualityIncentive.Indicator("A", BigDecimal.ONE, new BigDecimal("50"), null,
                        QualityIncentive.Scale.ALL_OR_NOTHING, QualityIncentive.Direction.HIGHER_IS_BETTER)), true);
        Settlement.Terms terms = new Settlement.Terms(false, List.of(), null, BigDecimal.ONE, Map.of(), Map.of(), quality, null);
        BigDecimal accrued = BigDecimal.ZERO;
        // By June 60 is reported: quarter 1's 250.00 is earned. September, still 60: 500.00 so far, 250.00 more.
        // December, corrected to 40: nothing earned so far, so -500.00. March, 40: nothing.
        String[] reported = { "60", "60", "40", "40" };
        String[] accruals = { "250.00", "250.00", "-500.00", "0.00" };
        for (int quarter = 1; quarter <= 4; quarter++) {
            Statement s = Settlement.monthly(terms, quarter * 3, Map.of(), Map.of(), Settlement.Budgets.NONE,
                    new Settlement.QualityToDate(List.of(new BigDecimal(reported[quarter - 1])), accrued));
            assertThat(s.lines()).extracting(Line::kind).containsExactly(Kind.QUALITY_EARNED);
            assertThat(s.total()).as("quarter %d", quarter).isEqualByComparingTo(accruals[quarter - 1]);
            accrued = accrued.add(s.total());
            // Other months accrue nothing.
            assertThat(Settlement.monthly(terms, quarter * 3 - 1, Map.of(), Map.of(), Settlement.Budgets.NONE,
                    new Settlement.QualityToDate(List.of(BigDecimal.TEN), accrued)).lines()).isEmpty();
        }
        // The final achievement is 55: the whole 1,000.01 is earned, less the 0.00 accrued.
        Statement end = Settlement.yearEnd(terms, Map.of(), Map.of(), BigDecimal.ZERO, List.of(new BigDecimal("55")),
                Settlement.Budgets.NONE, accrued);
        assertThat(end.total()).isEqualByComparingTo("1000.01");
        assertThat(accrued.add(end.total())).isEqualByComparingTo(
                Settlement.entitlement(terms, Map.of(), List.of(new BigDecimal("55"))));
    }

    @Test
    void budgets_are_refused_where_a_unit_is_not_paid_at_its_price() {
        Settlement.Terms terms = new Settlement.Terms(false, List.of(), ActivityPayment.Mode.ABOVE_PLAN, BigDecimal.ONE,
                Map.of("11", new BigDecimal("1200.00")), Map.of(), null, null, Map.of("11", new BigDecimal("300.00")));
        Settlement.Budgets budgets = new Settlement.Budgets(Map.of(1, Map.of("11", BigDecimal.ONE)), Map.of());
        Map<Integer, Map<String, BigDecimal>> units = Map.of(1, Map.of("11", BigDecimal.ONE));
        assertThatThrownBy(() -> Settlement.monthly(terms, 1, units, Map.of(), budgets))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ALL_UNITS");
    }

    @Test
    void the_year_settles_to_its_entitlement_as_worked_by_hand() {
        List<Statement> year = year(terms(false));
        // Month 1: 10,000.00 fixed - 200.00 withheld + 11 units x 1,000.00.
        assertThat(year.get(0).total()).isEqualByComparingTo("20800.00");
        // Month 3 as issued: 9 units.
        assertThat(year.get(2).total()).isEqualByComparingTo("18800.00");
        // Month 4: the late unit of month 3 is an adjustment of +1,000.00, shown once, for month 3.
        Statement april = year.get(3);
        assertThat(april.lines()).filteredOn(l -> l.kind() == Kind.ADJUSTMENT).singleElement()
                .satisfies(l -> {
                    assertThat(l.forMonth()).isEqualTo(3);
                    assertThat(l.amount()).isEqualByComparingTo("1000.00");
                });
        assertThat(april.total()).isEqualByComparingTo("21800.00");
        assertThat(year.subList(4, 12)).allSatisfy(s -> assertThat(s.lines()).noneMatch(l -> l.kind() == Kind.ADJUSTMENT));
        // Year end: actual 131 units = 131,000.00 against plan 120,000.00, +11,000.00 (9.17%): the
        // commissioner pays 0 + 50% of 3,600.00 + 100% of 5,000.00 = 6,800.00, so activity is worth
        // 126,800.00; 131,000.00 was paid on account, so -4,200.00. Quality: indicator A at 70 earns
        // half of 1,200.00, B at 40 nothing: 600.00 earned back.
        Statement end = year.get(12);
        assertThat(end.lines()).filteredOn(l -> l.kind() == Kind.RISK_SHARE).singleElement()
                .satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("-4200.00"));
        assertThat(end.lines()).filteredOn(l -> l.kind() == Kind.QUALITY_EARNED).singleElement()
                .satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("600.00"));
        assertThat(end.total()).isEqualByComparingTo("-3600.00");
        // 120,000.00 fixed - 2,400.00 withheld + 131,000.00 on account - 3,600.00 = 245,000.00, which is
        // 120,000.00 + 126,800.00 + (600.00 - 2,400.00).
        BigDecimal paid = year.stream().map(Statement::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(paid).isEqualByComparingTo("245000.00");
        assertThat(Settlement.entitlement(terms(false), finalUnits(), ACHIEVED)).isEqualByComparingTo("245000.00");
    }

    @Test
    void shadow_pays_exactly_the_fixed_instalments_and_shows_the_rest_beside_them() {
        List<Statement> year = year(terms(true));
        for (int m = 0; m < 11; m++) {
            assertThat(year.get(m).total()).isEqualByComparingTo("10000.00");
        }
        assertThat(year.get(11).total()).isEqualByComparingTo("10000.00");
        assertThat(year.get(12).total()).isEqualByComparingTo("0.00");
        // The shadow beside it is the cluster-priced year: 128,600.00 on account and -3,600.00 at year end.
        assertThat(year.get(0).shadowTotal()).isEqualByComparingTo("10800.00");
        BigDecimal shadow = year.stream().map(Statement::shadowTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(shadow).isEqualByComparingTo("125000.00");
    }

    @Test
    void a_statement_recomputed_from_the_same_data_has_identical_lines() {
        Map<Integer, Map<String, BigDecimal>> units = Map.of(1, Map.of("11", new BigDecimal("12")));
        Statement first = Settlement.monthly(terms(false), 1, units, Map.of());
        Statement again = Settlement.monthly(terms(false), 1, units, Map.of());
        assertThat(again).isEqualTo(first);
    }

    static Map<Integer, Map<String, BigDecimal>> finalUnits() {
        Map<Integer, Map<String, BigDecimal>> units = new HashMap<>();
        for (int m = 1; m <= 12; m++) {
            units.put(m, Map.of("11", m == 3 ? BigDecimal.TEN : new BigDecimal("11")));
        }
        return units;
    }
}
