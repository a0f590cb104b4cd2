package org.openpbr.contract.statement.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openpbr.contract.agreement.rule.Instalments;
import org.openpbr.contract.quality.rule.QualityIncentive;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule;
import org.openpbr.contract.statement.rule.Settlement.Line;
import org.openpbr.contract.statement.rule.Settlement.Statement;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For any year of units, arriving on time or late: each statement's total is the sum of its paid
 * lines; the monthly payments plus the year end equal the annual entitlement exactly; a late unit
 * is paid once; shadow pays exactly the fixed instalments.
 */
class SettlementPropertiesTest {

    @Property(tries = 300)
    void the_months_and_the_year_end_add_up_to_the_entitlement(@ForAll("units") int[][] units,
            @ForAll("modes") ActivityPayment.Mode mode, @ForAll boolean riskShared, @ForAll boolean shadow,
            @ForAll @IntRange(min = 0, max = 100) int achieved) {
        Settlement.Terms terms = terms(mode, riskShared, shadow);
        Map<Integer, Map<String, BigDecimal>> now = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> issued = new HashMap<>();
        BigDecimal fixed = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal instalments = BigDecimal.ZERO;
        for (int m = 1; m <= 12; m++) {
            // units[m-1][0] arrive on time; units[m-1][1] more arrive for the same month a month later.
            now.put(m, new HashMap<>(Map.of("11", BigDecimal.valueOf(units[m - 1][0]), "04", BigDecimal.valueOf(units[m - 1][2]))));
            if (m > 1) {
                now.get(m - 1).merge("11", BigDecimal.valueOf(units[m - 2][1]), BigDecimal::add);
            }
            Statement s = Settlement.monthly(terms, m, now, issued);
            assertTotals(s);
            fixed = fixed.add(SettlementTest.record(s, issued));
            paid = paid.add(s.total());
            instalments = instalments.add(terms.instalments().get(m - 1));
            if (shadow) {
                assertThat(s.total()).isEqualByComparingTo(terms.instalments().get(m - 1));
            }
        }
        now.get(12).merge("11", BigDecimal.valueOf(units[11][1]), BigDecimal::add);
        List<BigDecimal> scores = List.of(BigDecimal.valueOf(achieved));
        Statement end = Settlement.yearEnd(terms, now, issued, fixed, scores);
        assertTotals(end);
        paid = paid.add(end.total());
        assertThat(paid).isEqualByComparingTo(Settlement.entitlement(terms, now, scores));
        if (shadow) {
            assertThat(paid).isEqualByComparingTo(instalments);
        }
        // Issuing again with nothing new adds nothing: every month is settled.
        SettlementTest.record(end, issued);
        Statement again = Settlement.yearEnd(terms, now, issued, fixed, scores);
        assertThat(again.lines()).noneMatch(l -> l.kind() == Settlement.Kind.ADJUSTMENT);
    }

    @Property(tries = 300)
    void with_personal_budgets_the_provider_and_the_budgets_add_up_to_the_full_price(@ForAll("units") int[][] units,
            @ForAll boolean riskShared, @ForAll boolean shadow, @ForAll @IntRange(min = 0, max = 100) int achieved) {
        Settlement.Terms plain = terms(ActivityPayment.Mode.ALL_UNITS, riskShared, shadow);
        // 11 at 1,234.57 carries a budget of 234.56; 04 has none.
        Settlement.Terms terms = new Settlement.Terms(plain.shadow(), plain.instalments(), plain.mode(), BigDecimal.ONE,
                plain.prices(), plain.plan(), plain.quality(), plain.riskShare(), Map.of("11", new BigDecimal("234.56")));
        Map<Integer, Map<String, BigDecimal>> now = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> held = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> issued = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> issuedBudgets = new HashMap<>();
        BigDecimal fixed = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal budgets = BigDecimal.ZERO;
        for (int m = 1; m <= 12; m++) {
            // units[m-1][0] of 11 on time, of which units[m-1][1] (at most all) held by budgets; a month
            // later one more held unit arrives for the month before, when there was any.
            int onTime = units[m - 1][0];
            now.put(m, new HashMap<>(Map.of("11", BigDecimal.valueOf(onTime), "04", BigDecimal.valueOf(units[m - 1][2]))));
            held.put(m, new HashMap<>(Map.of("11", BigDecimal.valueOf(Math.min(units[m - 1][1], onTime)))));
            if (m > 1 && units[m - 2][1] % 2 == 1) {
                now.get(m - 1).merge("11", BigDecimal.ONE, BigDecimal::add);
                held.get(m - 1).merge("11", BigDecimal.ONE, BigDecimal::add);
            }
            Statement s = Settlement.monthly(terms, m, now, issued, new Settlement.Budgets(held, issuedBudgets));
            assertTotals(s);
            // This month's own lines for 11: the provider's lines plus the budget line are its units x the full price.
            int month = m;
            BigDecimal own = s.lines().stream().filter(l -> l.forMonth() == month && "11".equals(l.code())
                    && (l.kind() == Settlement.Kind.ACTIVITY || l.kind() == Settlement.Kind.PERSONAL_BUDGET))
                    .map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(own).isEqualByComparingTo(now.get(m).get("11").multiply(new BigDecimal("1234.57")));
            fixed = fixed.add(SettlementTest.record(s, issued));
            recordBudgets(s, issuedBudgets);
            paid = paid.add(s.total());
            budgets = budgets.add(s.budgetTotal());
        }
        List<BigDecimal> scores = List.of(BigDecimal.valueOf(achieved));
        Statement end = Settlement.yearEnd(terms, now, issued, fixed, scores, new Settlement.Budgets(held, issuedBudgets));
        assertTotals(end);
        paid = paid.add(end.total());
        budgets = budgets.add(end.budgetTotal());
        BigDecimal heldValue = BigDecimal.ZERO;
        for (Map<String, BigDecimal> byCode : held.values()) {
            heldValue = heldValue.add(byCode.get("11").multiply(new BigDecimal("234.56")));
        }
        assertThat(budgets).isEqualByComparingTo(heldValue);
        assertThat(paid).isEqualByComparingTo(Settlement.entitlement(terms, now, scores, held));
        if (!shadow) {
            // The provider and the budgets together are paid what the year is worth without budgets.
            assertThat(paid.add(budgets)).isEqualByComparingTo(Settlement.entitlement(terms, now, scores));
        }
    }

    @Property(tries = 300)
    void quarterly_accruals_and_the_year_end_add_up_to_the_entitlement(@ForAll("units") int[][] units,
            @ForAll("modes") ActivityPayment.Mode mode, @ForAll boolean shadow,
            @ForAll @Size(12) List<@IntRange(min = 0, max = 100) Integer> reported, @ForAll @IntRange(min = 0, max = 100) int achieved) {
        Settlement.Terms plain = terms(mode, false, shadow);
        Settlement.Quality q = plain.quality();
        Settlement.Terms terms = new Settlement.Terms(plain.shadow(), plain.instalments(), plain.mode(), plain.marginalRate(),
                plain.prices(), plain.plan(), new Settlement.Quality(q.withhold(), q.pot(), q.indicators(), true), null);
        Map<Integer, Map<String, BigDecimal>> now = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> issued = new HashMap<>();
        BigDecimal fixed = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal accrued = BigDecimal.ZERO;
        for (int m = 1; m <= 12; m++) {
            now.put(m, new HashMap<>(Map.of("11", BigDecimal.valueOf(units[m - 1][0]))));
            // The achievement reported by each month moves about as the year goes on.
            Statement s = Settlement.monthly(terms, m, now, issued, Settlement.Budgets.NONE,
                    new Settlement.QualityToDate(List.of(BigDecimal.valueOf(reported.get(m - 1))), accrued));
            assertTotals(s);
            fixed = fixed.add(SettlementTest.record(s, issued));
            for (Line line : s.lines()) {
                if (line.kind() == Settlement.Kind.QUALITY_EARNED) {
                    accrued = accrued.add(line.amount());
                }
            }
            paid = paid.add(s.total());
        }
        List<BigDecimal> scores = List.of(BigDecimal.valueOf(achieved));
        Statement end = Settlement.yearEnd(terms, now, issued, fixed, scores, Settlement.Budgets.NONE, accrued);
        assertTotals(end);
        paid = paid.add(end.total());
        assertThat(paid).isEqualByComparingTo(Settlement.entitlement(terms, now, scores));
        // Accruals never run ahead of the pot so far: at most the whole pot in all.
        assertThat(accrued).isLessThanOrEqualTo(q.pot());
    }

    private static void recordBudgets(Statement s, Map<Integer, Map<String, BigDecimal>> issuedBudgets) {
        for (Line line : s.lines()) {
            if (line.kind() == Settlement.Kind.PERSONAL_BUDGET) {
                issuedBudgets.computeIfAbsent(line.forMonth(), k -> new HashMap<>()).merge(line.code(), line.amount(), BigDecimal::add);
            }
        }
    }

    private static void assertTotals(Statement s) {
        List<Line> toProvider = s.lines().stream().filter(l -> l.kind() != Settlement.Kind.PERSONAL_BUDGET).toList();
        BigDecimal sum = toProvider.stream().filter(l -> !l.shadow()).map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal shadow = toProvider.stream().filter(Line::shadow).map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal budgets = s.lines().stream().filter(l -> l.kind() == Settlement.Kind.PERSONAL_BUDGET).map(Line::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(s.total()).isEqualByComparingTo(sum);
        assertThat(s.shadowTotal()).isEqualByComparingTo(shadow);
        assertThat(s.budgetTotal()).isEqualByComparingTo(budgets);
        assertThat(s.lines()).allSatisfy(l -> assertThat(l.amount().stripTrailingZeros().scale()).isLessThanOrEqualTo(2));
    }

    static Settlement.Terms terms(ActivityPayment.Mode mode, boolean riskShared, boolean shadow) {
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (int m = 1; m <= 12; m++) {
            plan.put(m, Map.of("11", new BigDecimal("7.5"), "04", new BigDecimal("3")));
        }
        RiskShareSchedule schedule = riskShared ? new RiskShareSchedule(List.of(SettlementTest.band("0", "0"),
                SettlementTest.band("0.02", "0.5")), List.of(SettlementTest.band("0", "0"), SettlementTest.band("0.03", "0.35")),
                new BigDecimal("5000.00"), null) : null;
        Settlement.Quality quality = new Settlement.Quality(true, new BigDecimal("1000.01"), List.of(
                new QualityIncentive.Indicator("A", BigDecimal.ONE, new BigDecimal("80"), new BigDecimal("60"),
                        QualityIncentive.Scale.LINEAR, QualityIncentive.Direction.HIGHER_IS_BETTER)));
        return new Settlement.Terms(shadow, Instalments.equal(new BigDecimal("100000.07")), mode, new BigDecimal("0.75"),
                Map.of("11", new BigDecimal("1234.57"), "04", new BigDecimal("333.33")), plan, quality, schedule);
    }

    @Provide
    Arbitrary<ActivityPayment.Mode> modes() {
        return Arbitraries.of(ActivityPayment.Mode.class);
    }

    @Provide
    Arbitrary<int[][]> units() {
        Arbitrary<int[]> month = Arbitraries.integers().between(0, 20).array(int[].class).ofSize(3);
        return month.array(int[][].class).ofSize(12);
    }
}
