package org.openpbr.contract.riskshare.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule.Adjustment;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule.Band;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RiskShareScheduleTest {

    // Over delivery: the commissioner pays 0% of the variance up to 2% of plan, 50% from 2% to 5%,
    // 100% beyond. Under delivery: it recovers 0% up to 2% and 50% beyond.
    static final List<Band> OVER = List.of(new Band(BigDecimal.ZERO, BigDecimal.ZERO),
            new Band(new BigDecimal("0.02"), new BigDecimal("0.5")), new Band(new BigDecimal("0.05"), BigDecimal.ONE));
    static final List<Band> UNDER = List.of(new Band(BigDecimal.ZERO, BigDecimal.ZERO),
            new Band(new BigDecimal("0.02"), new BigDecimal("0.5")));
    static final BigDecimal PLAN = new BigDecimal("10000000.00");

    @Test
    void six_per_cent_over_a_ten_million_plan_pays_250000_more_and_the_provider_bears_350000() {
        // Variance 600,000: 0% of the first 200,000, 50% of the next 300,000 (150,000), 100% of the
        // last 100,000 (100,000): 250,000; payment 10,250,000.00; the provider bears 350,000.
        Adjustment a = new RiskShareSchedule(OVER, UNDER, null, null).apply(PLAN, new BigDecimal("10600000.00"));
        assertThat(a.variance()).isEqualByComparingTo("600000.00");
        assertThat(a.amount()).isEqualByComparingTo("250000.00");
        assertThat(PLAN.add(a.amount())).isEqualByComparingTo("10250000.00");
        assertThat(a.providerShare()).isEqualByComparingTo("350000.00");
        assertThat(a.roundingResidual()).isEqualByComparingTo("0");
        assertThat(a.capped()).isFalse();
    }

    @Test
    void three_per_cent_under_recovers_50000() {
        // Variance -300,000: 0% of the first 200,000, 50% of the last 100,000: 50,000 recovered; payment 9,950,000.00.
        Adjustment a = new RiskShareSchedule(OVER, UNDER, null, null).apply(PLAN, new BigDecimal("9700000.00"));
        assertThat(a.amount()).isEqualByComparingTo("-50000.00");
        assertThat(PLAN.add(a.amount())).isEqualByComparingTo("9950000.00");
    }

    @Test
    void a_cap_of_200000_on_the_extra_payment_pays_10200000_for_six_per_cent_over() {
        Adjustment a = new RiskShareSchedule(OVER, UNDER, new BigDecimal("200000.00"), null)
                .apply(PLAN, new BigDecimal("10600000.00"));
        assertThat(PLAN.add(a.amount())).isEqualByComparingTo("10200000.00");
        assertThat(a.capped()).isTrue();
    }

    @Test
    void a_third_of_a_penny_is_rounded_once_and_shown() {
        // Plan 100.00, all variance shared at 1/3 (0.333..): represented as 0.3333 here, 1.00 over gives
        // 0.3333 exactly, rounded to 0.33 with 0.0033 shown.
        RiskShareSchedule third = new RiskShareSchedule(List.of(new Band(BigDecimal.ZERO, new BigDecimal("0.3333"))),
                List.of(new Band(BigDecimal.ZERO, new BigDecimal("0.3333"))), null, null);
        Adjustment over = third.apply(new BigDecimal("100.00"), new BigDecimal("101.00"));
        assertThat(over.amount()).isEqualByComparingTo("0.33");
        assertThat(over.roundingResidual()).isEqualByComparingTo("0.0033");
        Adjustment under = third.apply(new BigDecimal("100.00"), new BigDecimal("99.00"));
        assertThat(under.amount()).isEqualByComparingTo("-0.33");
        assertThat(under.roundingResidual()).isEqualByComparingTo("-0.0033");
    }

    @Test
    void a_schedule_starts_at_zero_in_rising_order_with_shares_from_zero_to_one() {
        assertThatThrownBy(() -> new RiskShareSchedule(List.of(new Band(new BigDecimal("0.01"), BigDecimal.ONE)), UNDER,
                null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskShareSchedule(List.of(new Band(BigDecimal.ZERO, BigDecimal.ONE),
                new Band(BigDecimal.ZERO, BigDecimal.ONE)), UNDER, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Band(BigDecimal.ZERO, new BigDecimal("1.5"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** A schedule from drawn shares (percent) and band starts (tenths of a percent). */
    static RiskShareSchedule drawn(int s0, int s1, int s2, int start1, int gap, Long cap) {
        BigDecimal b1 = BigDecimal.valueOf(start1 + 1L, 3);
        BigDecimal b2 = b1.add(BigDecimal.valueOf(gap + 1L, 3));
        List<Band> bands = List.of(new Band(BigDecimal.ZERO, BigDecimal.valueOf(s0, 2)),
                new Band(b1, BigDecimal.valueOf(s1, 2)), new Band(b2, BigDecimal.valueOf(s2, 2)));
        BigDecimal c = cap == null ? null : BigDecimal.valueOf(cap, 2);
        return new RiskShareSchedule(bands, bands, c, c);
    }

    @Property(tries = 400)
    void the_adjustment_is_zero_at_plan_monotone_continuous_within_the_variance_and_the_cap(
            @ForAll @IntRange(min = 0, max = 100) int s0, @ForAll @IntRange(min = 0, max = 100) int s1,
            @ForAll @IntRange(min = 0, max = 100) int s2, @ForAll @IntRange(min = 0, max = 100) int start1,
            @ForAll @IntRange(min = 0, max = 100) int gap,
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long planPennies,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long actualPennies,
            @ForAll @LongRange(min = 1, max = 1_000_000) long stepPennies,
            @ForAll @LongRange(min = 0, max = 100_000_000L) long capPennies) {
        BigDecimal plan = BigDecimal.valueOf(planPennies, 2);
        BigDecimal actual = BigDecimal.valueOf(actualPennies, 2);
        BigDecimal step = BigDecimal.valueOf(stepPennies, 2);
        for (RiskShareSchedule schedule : List.of(drawn(s0, s1, s2, start1, gap, null),
                drawn(s0, s1, s2, start1, gap, capPennies))) {
            assertThat(schedule.apply(plan, plan).exact()).isEqualByComparingTo("0");
            Adjustment here = schedule.apply(plan, actual);
            Adjustment next = schedule.apply(plan, actual.add(step));
            // monotone: more activity never lowers the adjustment
            assertThat(next.exact()).isGreaterThanOrEqualTo(here.exact());
            // continuous (Lipschitz with constant 1: shares are at most 1)
            assertThat(next.exact().subtract(here.exact())).isLessThanOrEqualTo(step);
            // never beyond the variance, same sign as the variance
            assertThat(here.exact().abs()).isLessThanOrEqualTo(here.variance().abs());
            assertThat(here.exact().signum() * here.variance().signum()).isGreaterThanOrEqualTo(0);
            // rounded once: amount + residual is the exact figure, within half a penny
            assertThat(here.amount().add(here.roundingResidual())).isEqualByComparingTo(here.exact());
            assertThat(here.roundingResidual().abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
        }
        Adjustment capped = drawn(s0, s1, s2, start1, gap, capPennies).apply(plan, actual);
        assertThat(capped.exact().abs()).isLessThanOrEqualTo(BigDecimal.valueOf(capPennies, 2));
    }
}
