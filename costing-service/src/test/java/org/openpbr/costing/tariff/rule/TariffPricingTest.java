package org.openpbr.costing.tariff.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.costing.tariff.rule.TariffPricing.CodeInput;
import org.openpbr.costing.tariff.rule.TariffPricing.CodePrice;
import org.openpbr.costing.tariff.rule.TariffPricing.Priced;
import org.openpbr.costing.tariff.rule.TariffPricing.Proposal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TariffPricingTest {

    private static CodeInput code(String code, String unitCost, String units, Map<String, BigDecimal> flagged,
            Map<String, BigDecimal> components) {
        return new CodeInput(code, new BigDecimal(unitCost), new BigDecimal(units), flagged, components);
    }

    /**
     * A: 10.00 a unit, 100 planned; B: 30.00, 50 planned, 10 of them deaf (+50%); C: 20.00, none planned.
     * Average unit cost (10 x 100 + 30 x 50) / 150 = 16.6667; RRI 0.6, 1.8, 1.2.
     * Target 10,000.00 x (1 - 2%) = 9,800. Priced units: A 100, B 50 + 10 x 50% = 55, C 0;
     * cost of the priced units 10 x 100 + 30 x 55 = 2,650, so price = unit cost x 9,800 / 2,650:
     * A 36.981132 = 36.98, B 110.943396 = 110.94, C 73.962264 = 73.96; B for a deaf person
     * 110.943396 x 1.5 = 166.415094 = 166.42. At the rounded prices 36.98 x 100 + 110.94 x 55 =
     * 3,698.00 + 6,101.70 = 9,799.70, so 0.30 is left by the rounding.
     */
    @Test
    void cost_neutral_prices_worked_by_hand() {
        Map<String, BigDecimal> bComponents = new LinkedHashMap<>();
        bComponents.put("Nurse", new BigDecimal("20"));
        bComponents.put("Support overhead", new BigDecimal("10"));
        Map<String, BigDecimal> aComponents = new LinkedHashMap<>();
        aComponents.put("Nurse", new BigDecimal("1"));
        aComponents.put("Psychologist", new BigDecimal("1"));
        aComponents.put("Support overhead", new BigDecimal("1"));
        Priced priced = TariffPricing.price(new Proposal(List.of(
                code("A", "10", "100", Map.of(), aComponents),
                code("B", "30", "50", Map.of("DEAFNESS", new BigDecimal("10")), bComponents),
                code("C", "20", "0", Map.of(), Map.of())),
                new BigDecimal("10000.00"), new BigDecimal("2"), Map.of("DEAFNESS", new BigDecimal("50"))));

        assertThat(priced.target()).isEqualByComparingTo("9800");
        assertThat(priced.averageUnitCost().setScale(4, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("16.6667");
        assertThat(priced.codes()).extracting(c -> c.rri().setScale(4, java.math.RoundingMode.HALF_UP))
                .containsExactly(new BigDecimal("0.6000"), new BigDecimal("1.8000"), new BigDecimal("1.2000"));
        assertThat(priced.codes()).extracting(CodePrice::pricedUnits).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100"), new BigDecimal("55"), BigDecimal.ZERO);
        assertThat(priced.codes()).extracting(CodePrice::price)
                .containsExactly(new BigDecimal("36.98"), new BigDecimal("110.94"), new BigDecimal("73.96"));
        assertThat(priced.codes().get(1).topUpPrices().get("DEAFNESS")).isEqualByComparingTo("166.42");
        assertThat(priced.plannedValue()).isEqualByComparingTo("9799.70");
        assertThat(priced.roundingResidual()).isEqualByComparingTo("0.30");
        // B's 110.94 in the cost's 2:1; A's 36.98 in three equal parts: 3,698 pennies = 1,232 x 3 + 2
        assertThat(priced.codes().get(1).components()).extracting(TariffPricing.Component::amount)
                .containsExactly(new BigDecimal("73.96"), new BigDecimal("36.98"));
        assertThat(priced.codes().get(0).components()).extracting(TariffPricing.Component::amount)
                .containsExactly(new BigDecimal("12.33"), new BigDecimal("12.33"), new BigDecimal("12.32"));
    }

    @Test
    void a_plan_without_units_or_cost_cannot_be_priced() {
        assertThatThrownBy(() -> TariffPricing.price(new Proposal(List.of(code("A", "10", "0", Map.of(), Map.of())),
                new BigDecimal("100.00"), BigDecimal.ZERO, Map.of()))).isInstanceOf(TariffPricing.Unpriceable.class);
        assertThatThrownBy(() -> TariffPricing.price(new Proposal(List.of(code("A", "0", "10", Map.of(), Map.of())),
                new BigDecimal("100.00"), BigDecimal.ZERO, Map.of()))).isInstanceOf(TariffPricing.Unpriceable.class);
        assertThatThrownBy(() -> TariffPricing.price(new Proposal(List.of(code("A", "5", "10", Map.of(), Map.of()),
                code("B", "-1", "10", Map.of(), Map.of())), new BigDecimal("100.00"), BigDecimal.ZERO, Map.of())))
                .isInstanceOf(TariffPricing.Unpriceable.class);
    }

    private static final BigDecimal HALF_PENNY = new BigDecimal("0.005");

    @Property(tries = 400)
    void prices_are_cost_neutral_and_the_residual_is_only_rounding(@ForAll("proposals") Proposal proposal) {
        Priced priced = TariffPricing.price(proposal);
        BigDecimal exactValue = BigDecimal.ZERO;
        BigDecimal pricedUnits = BigDecimal.ZERO;
        BigDecimal planned = BigDecimal.ZERO;
        BigDecimal weightedRri = BigDecimal.ZERO;
        for (CodePrice c : priced.codes()) {
            exactValue = exactValue.add(c.exactPrice().multiply(c.pricedUnits()));
            pricedUnits = pricedUnits.add(c.pricedUnits());
            planned = planned.add(c.plannedUnits());
            weightedRri = weightedRri.add(c.rri().multiply(c.plannedUnits()));
            assertThat(c.price().subtract(c.exactPrice()).abs()).isLessThanOrEqualTo(HALF_PENNY);
            if (!c.components().isEmpty()) {
                assertThat(c.components().stream().map(TariffPricing.Component::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .isEqualByComparingTo(c.price());
                assertThat(c.components()).allSatisfy(x -> assertThat(x.amount().signum()).isGreaterThanOrEqualTo(0));
            }
        }
        BigDecimal target = proposal.contractValue().multiply(BigDecimal.ONE.subtract(
                proposal.efficiencyPercent().movePointLeft(2)));
        assertThat(priced.target()).isEqualByComparingTo(target);
        // Neutral at the exact prices, to far below a penny...
        assertThat(exactValue.subtract(target).abs()).isLessThan(new BigDecimal("1e-15"));
        // ...and at the rounded prices up to the residual, which is exactly what rounding left and no more.
        assertThat(priced.plannedValue().add(priced.roundingResidual())).isEqualByComparingTo(target);
        assertThat(priced.roundingResidual().abs()).isLessThanOrEqualTo(HALF_PENNY.multiply(pricedUnits));
        // RRI averages 1 over the planned activity.
        assertThat(weightedRri.divide(planned, TariffPricing.EXACT).subtract(BigDecimal.ONE).abs())
                .isLessThan(new BigDecimal("1e-25"));
    }

    @Property(tries = 300)
    void prices_scale_with_the_contract_value(@ForAll("proposals") Proposal proposal,
            @ForAll @IntRange(min = 2, max = 50) int factor) {
        Priced once = TariffPricing.price(proposal);
        BigDecimal k = BigDecimal.valueOf(factor);
        Priced scaled = TariffPricing.price(new Proposal(proposal.codes(), proposal.contractValue().multiply(k),
                proposal.efficiencyPercent(), proposal.topUpPercent()));
        for (int i = 0; i < once.codes().size(); i++) {
            BigDecimal exact = once.codes().get(i).exactPrice();
            assertThat(scaled.codes().get(i).exactPrice().subtract(exact.multiply(k)).abs())
                    .isLessThanOrEqualTo(exact.multiply(k).abs().multiply(new BigDecimal("1e-30")).add(new BigDecimal("1e-30")));
            // Rounded prices are within the two roundings of k x the price: half a penny, and k half pennies.
            assertThat(scaled.codes().get(i).price().subtract(once.codes().get(i).price().multiply(k)).abs())
                    .isLessThanOrEqualTo(HALF_PENNY.multiply(k.add(BigDecimal.ONE)));
        }
    }

    @Provide
    Arbitrary<Proposal> proposals() {
        Arbitrary<CodeInput> codes = Combinators.combine(
                Arbitraries.integers().between(1, 2_000_000).map(p -> BigDecimal.valueOf(p, 2)),
                Arbitraries.integers().between(0, 5_000_000).map(u -> BigDecimal.valueOf(u, 2)),
                Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 100_000))
                .as((cost, units, flaggedShare, staff, overhead) -> new CodeInput("X", cost, units,
                        Map.of("COMORBIDITY", units.multiply(BigDecimal.valueOf(flaggedShare)).divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN)),
                        Map.of("Nurse", BigDecimal.valueOf(staff, 2), "Support overhead", BigDecimal.valueOf(overhead, 2))));
        return Combinators.combine(codes.list().ofMinSize(1).ofMaxSize(22),
                Arbitraries.longs().between(100, 100_000_000_000L).map(p -> BigDecimal.valueOf(p, 2)),
                Arbitraries.integers().between(0, 1500).map(e -> BigDecimal.valueOf(e, 2)),
                Arbitraries.integers().between(1, 20000).map(t -> BigDecimal.valueOf(t, 2)))
                .as((list, value, efficiency, uplift) -> {
                    List<CodeInput> named = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        CodeInput c = list.get(i);
                        // the first code always has units, so there is activity to price
                        BigDecimal units = i == 0 && c.plannedUnits().signum() == 0 ? BigDecimal.ONE : c.plannedUnits();
                        named.add(new CodeInput(String.format("%02d", i), c.unitCost(), units, c.flaggedUnits(), c.componentCost()));
                    }
                    return new Proposal(named, value, efficiency, Map.of("COMORBIDITY", uplift));
                });
    }
}
