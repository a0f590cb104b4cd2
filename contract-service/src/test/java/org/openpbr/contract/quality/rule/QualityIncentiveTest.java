package org.openpbr.contract.quality.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.quality.rule.QualityIncentive.Direction;
import org.openpbr.contract.quality.rule.QualityIncentive.Indicator;
import org.openpbr.contract.quality.rule.QualityIncentive.Result;
import org.openpbr.contract.quality.rule.QualityIncentive.Scale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class QualityIncentiveTest {

    static Indicator allOrNothing(String id) {
        return new Indicator(id, BigDecimal.ONE, new BigDecimal("80"), BigDecimal.ZERO, Scale.ALL_OR_NOTHING,
                Direction.HIGHER_IS_BETTER);
    }

    @Test
    void a_withhold_of_1_25_per_cent_of_48_million_over_five_indicators_earns_360000_with_two_missed() {
        // 48,000,000.00 x 0.0125 = 600,000.00; five equal weights: 120,000.00 each; three achieved: 360,000.00.
        BigDecimal pot = QualityIncentive.pot(new BigDecimal("48000000.00"), new BigDecimal("0.0125"));
        assertThat(pot).isEqualByComparingTo("600000.00");
        List<Indicator> five = List.of(allOrNothing("Q1"), allOrNothing("Q2"), allOrNothing("Q3"), allOrNothing("Q4"),
                allOrNothing("Q5"));
        Result result = QualityIncentive.settle(pot, five, Arrays.asList(new BigDecimal("85"), new BigDecimal("80"),
                new BigDecimal("79.9"), new BigDecimal("90"), null));
        assertThat(result.indicators()).allSatisfy(i -> assertThat(i.available()).isEqualByComparingTo("120000"));
        assertThat(result.earned()).isEqualByComparingTo("360000.00");
        assertThat(result.notEarned()).isEqualByComparingTo("240000.00");
        assertThat(result.roundingResidual()).isEqualByComparingTo("0");
    }

    @Test
    void target_80_floor_60_and_70_achieved_earns_half_its_weight() {
        // (70 - 60) / (80 - 60) = 0.5 of a 1,000.00 pot on one indicator: 500.00.
        Indicator linear = new Indicator("Q1", BigDecimal.ONE, new BigDecimal("80"), new BigDecimal("60"), Scale.LINEAR,
                Direction.HIGHER_IS_BETTER);
        Result result = QualityIncentive.settle(new BigDecimal("1000.00"), List.of(linear), List.of(new BigDecimal("70")));
        assertThat(result.indicators().get(0).share()).isEqualByComparingTo("0.5");
        assertThat(result.earned()).isEqualByComparingTo("500.00");
        assertThat(QualityIncentive.settle(new BigDecimal("1000.00"), List.of(linear), List.of(new BigDecimal("55")))
                .earned()).isEqualByComparingTo("0.00");
        assertThat(QualityIncentive.settle(new BigDecimal("1000.00"), List.of(linear), List.of(new BigDecimal("95")))
                .earned()).isEqualByComparingTo("1000.00");
    }

    @Test
    void where_lower_is_better_the_floor_is_above_the_target() {
        // Waiting weeks: target 4, floor 8; 5 weeks achieved is (8 - 5) / (8 - 4) = 0.75 of 400.00: 300.00.
        Indicator waits = new Indicator("W1", BigDecimal.ONE, new BigDecimal("4"), new BigDecimal("8"), Scale.LINEAR,
                Direction.LOWER_IS_BETTER);
        assertThat(QualityIncentive.settle(new BigDecimal("400.00"), List.of(waits), List.of(new BigDecimal("5")))
                .earned()).isEqualByComparingTo("300.00");
        assertThatThrownBy(() -> new Indicator("W2", BigDecimal.ONE, new BigDecimal("4"), new BigDecimal("2"),
                Scale.LINEAR, Direction.LOWER_IS_BETTER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thirds_of_a_pot_are_rounded_once_with_the_residual_shown() {
        // 100.00 over three equal indicators, two achieved: 66.666.. -> 66.67, residual -0.00333..
        List<Indicator> three = List.of(allOrNothing("A"), allOrNothing("B"), allOrNothing("C"));
        Result result = QualityIncentive.settle(new BigDecimal("100.00"), three,
                List.of(new BigDecimal("80"), new BigDecimal("81"), new BigDecimal("1")));
        assertThat(result.earned()).isEqualByComparingTo("66.67");
        assertThat(result.roundingResidual().setScale(6, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo("-0.003333");
    }

    @Property(tries = 400)
    void earned_is_between_nothing_and_the_pot_and_never_falls_as_any_indicator_improves(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long potPennies,
            @ForAll @Size(min = 1, max = 15) List<@IntRange(min = 1, max = 20) Integer> weights,
            @ForAll @Size(15) List<@IntRange(min = 0, max = 100) Integer> achieved,
            @ForAll @IntRange(min = 0, max = 14) int improved) {
        BigDecimal pot = BigDecimal.valueOf(potPennies, 2);
        List<Indicator> indicators = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            indicators.add(new Indicator("Q" + i, BigDecimal.valueOf(weights.get(i)), new BigDecimal("80"),
                    new BigDecimal("40"), i % 2 == 0 ? Scale.LINEAR : Scale.ALL_OR_NOTHING, Direction.HIGHER_IS_BETTER));
            values.add(BigDecimal.valueOf(achieved.get(i)));
        }
        Result result = QualityIncentive.settle(pot, indicators, values);
        assertThat(result.earned()).isBetween(BigDecimal.ZERO, pot);
        assertThat(result.earned().add(result.notEarned())).isEqualByComparingTo(pot);
        assertThat(result.roundingResidual().abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
        int which = improved % weights.size();
        List<BigDecimal> better = new ArrayList<>(values);
        better.set(which, better.get(which).add(BigDecimal.TEN));
        assertThat(QualityIncentive.settle(pot, indicators, better).earned()).isGreaterThanOrEqualTo(result.earned());
        List<BigDecimal> allMet = new ArrayList<>();
        indicators.forEach(i -> allMet.add(new BigDecimal("80")));
        assertThat(QualityIncentive.settle(pot, indicators, allMet).earned()).isEqualByComparingTo(pot);
    }
}
