package org.openpbr.contract.statement.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.statement.rule.ActivityPayment.Mode;
import org.openpbr.contract.statement.rule.ActivityPayment.Payment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ActivityPaymentTest {

    static final BigDecimal PRICE = new BigDecimal("1250.00");
    static final BigDecimal RATE = new BigDecimal("0.75");

    @Test
    void all_units_pays_plan_at_the_price_and_beyond_it_at_the_marginal_rate() {
        // Plan 100 episodes at 1,250.00; 110 delivered at 75% above plan:
        // 100 x 1,250.00 + 10 x 1,250.00 x 0.75 = 125,000.00 + 9,375.00 = 134,375.00.
        Payment over = ActivityPayment.of(Mode.ALL_UNITS, units(100), units(110), PRICE, RATE);
        assertThat(over.unitsAtPrice()).isEqualByComparingTo("100");
        assertThat(over.unitsAtMarginalRate()).isEqualByComparingTo("10");
        assertThat(over.amount()).isEqualByComparingTo("134375.00");
        // 90 delivered: 90 x 1,250.00 = 112,500.00, nothing at the marginal rate.
        assertThat(ActivityPayment.of(Mode.ALL_UNITS, units(100), units(90), PRICE, RATE).amount())
                .isEqualByComparingTo("112500.00");
    }

    @Test
    void above_plan_pays_only_the_excess_and_the_two_sided_mode_deducts_the_shortfall() {
        // 110 against 100: 10 x 1,250.00 x 0.75 = 9,375.00 either way. 90 against 100: nothing, or
        // -10 x 1,250.00 x 0.75 = -9,375.00 deducted.
        assertThat(ActivityPayment.of(Mode.ABOVE_PLAN, units(100), units(110), PRICE, RATE).amount())
                .isEqualByComparingTo("9375.00");
        assertThat(ActivityPayment.of(Mode.ABOVE_PLAN, units(100), units(90), PRICE, RATE).amount())
                .isEqualByComparingTo("0.00");
        assertThat(ActivityPayment.of(Mode.ABOVE_AND_BELOW_PLAN, units(100), units(90), PRICE, RATE).amount())
                .isEqualByComparingTo("-9375.00");
    }

    @Test
    void a_fraction_of_a_penny_is_rounded_once_and_shown() {
        // Capitation weighted by resource intensity: 12.5 person-months above plan at 33.33 x 0.75:
        // 12.5 x 33.33 = 416.625, x 0.75 = 312.46875 -> 312.47, residual -0.00125.
        Payment p = ActivityPayment.of(Mode.ABOVE_PLAN, units(0), new BigDecimal("12.5"), new BigDecimal("33.33"), RATE);
        assertThat(p.amount()).isEqualByComparingTo("312.47");
        assertThat(p.roundingResidual()).isEqualByComparingTo("-0.00125");
    }

    @Test
    void units_price_and_rate_must_make_sense() {
        assertThatThrownBy(() -> ActivityPayment.of(Mode.ALL_UNITS, units(-1), units(1), PRICE, RATE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActivityPayment.of(Mode.ALL_UNITS, units(1), units(1), PRICE, new BigDecimal("1.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static BigDecimal units(long n) {
        return BigDecimal.valueOf(n);
    }

    @Property(tries = 500)
    void payment_never_falls_as_units_rise_and_all_units_at_rate_one_is_units_times_price(
            @ForAll @LongRange(min = 0, max = 200_000) long planned, @ForAll @LongRange(min = 0, max = 200_000) long actual,
            @ForAll @LongRange(min = 0, max = 10_000_000) long pricePennies, @ForAll @IntRange(min = 0, max = 100) int ratePercent) {
        BigDecimal price = BigDecimal.valueOf(pricePennies, 2);
        BigDecimal rate = BigDecimal.valueOf(ratePercent, 2);
        for (Mode mode : Mode.values()) {
            Payment here = ActivityPayment.of(mode, units(planned), units(actual), price, rate);
            Payment more = ActivityPayment.of(mode, units(planned), units(actual + 1), price, rate);
            assertThat(more.exact()).isGreaterThanOrEqualTo(here.exact());
            // one more unit adds at most its price
            assertThat(more.exact().subtract(here.exact())).isLessThanOrEqualTo(price);
            assertThat(here.amount().add(here.roundingResidual())).isEqualByComparingTo(here.exact());
            assertThat(here.roundingResidual().abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
        }
        assertThat(ActivityPayment.of(Mode.ALL_UNITS, units(planned), units(actual), price, BigDecimal.ONE).exact())
                .isEqualByComparingTo(price.multiply(units(actual)));
        // at plan, only ALL_UNITS pays anything
        assertThat(ActivityPayment.of(Mode.ABOVE_AND_BELOW_PLAN, units(planned), units(planned), price, rate).exact())
                .isEqualByComparingTo("0");
    }
}
