package org.openpbr.costing.run.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class ChangeEffectsTest {

    @Test
    void a_code_dearer_per_day_and_with_more_days_splits_into_price_and_volume_as_worked_by_hand() {
        // Old: 1,000.00 over 100 days, 10.00 a day. New: 1,320.00 over 120 days, 11.00 a day.
        // Price: (11.00 - 10.00) x 120 = 120.00. Volume: 10.00 x (120 - 100) = 200.00. Together 320.00.
        ChangeEffects.Effects e = ChangeEffects.of(new BigDecimal("1000.00"), 100, new BigDecimal("1320.00"), 120);
        assertThat(e.change()).isEqualByComparingTo("320.00");
        assertThat(e.price()).isEqualByComparingTo("120.00");
        assertThat(e.volume()).isEqualByComparingTo("200.00");
        assertThat(e.residual()).isEqualByComparingTo("0.00");
    }

    @Test
    void a_fall_reads_as_a_fall_and_a_new_code_is_all_volume() {
        // 900.00 over 90 days to 450.00 over 90: the same days, half the price: -450.00, all price.
        ChangeEffects.Effects fall = ChangeEffects.of(new BigDecimal("900.00"), 90, new BigDecimal("450.00"), 90);
        assertThat(fall.change()).isEqualByComparingTo("-450.00");
        assertThat(fall.price()).isEqualByComparingTo("-450.00");
        assertThat(fall.volume()).isEqualByComparingTo("0.00");
        ChangeEffects.Effects added = ChangeEffects.of(new BigDecimal("0.00"), 0, new BigDecimal("75.10"), 3);
        assertThat(added.price()).isNull();
        assertThat(added.volume()).isEqualByComparingTo("75.10");
    }

    @Test
    void one_third_of_a_penny_each_way_leaves_the_residual_shown() {
        // Old 1.00 over 3 days; new 1.00 over 4: volume = 1.00 x 1 / 3 = 0.333.. -> 0.33, price =
        // -0.333.. -> -0.33, change 0.00: residual 0.00. Old 0.10 over 3, new 0.20 over 4: volume
        // 0.0333.. -> 0.03, price 0.0666.. -> 0.07, change 0.10, residual 0.00.
        ChangeEffects.Effects e = ChangeEffects.of(new BigDecimal("1.00"), 3, new BigDecimal("1.00"), 4);
        assertThat(e.volume()).isEqualByComparingTo("0.33");
        assertThat(e.price()).isEqualByComparingTo("-0.33");
        assertThat(e.residual()).isEqualByComparingTo("0.00");
        ChangeEffects.Effects f = ChangeEffects.of(new BigDecimal("0.10"), 3, new BigDecimal("0.20"), 4);
        assertThat(f.volume()).isEqualByComparingTo("0.03");
        assertThat(f.price()).isEqualByComparingTo("0.07");
    }

    @Property(tries = 500)
    void price_and_volume_and_the_residual_add_up_to_the_change_and_each_is_within_half_a_penny(
            @ForAll @LongRange(min = -10_000_000, max = 100_000_000) long oldPennies,
            @ForAll @LongRange(min = 1, max = 100_000) long oldDays,
            @ForAll @LongRange(min = -10_000_000, max = 100_000_000) long newPennies,
            @ForAll @LongRange(min = 0, max = 100_000) long newDays) {
        BigDecimal oldCost = BigDecimal.valueOf(oldPennies, 2);
        BigDecimal newCost = BigDecimal.valueOf(newPennies, 2);
        ChangeEffects.Effects e = ChangeEffects.of(oldCost, oldDays, newCost, newDays);
        assertThat(e.price().add(e.volume()).add(e.residual())).isEqualByComparingTo(e.change());
        assertThat(e.residual().abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));
        // exact volume, compared without rounding: |volume x oldDays - oldCost x (newDays - oldDays)| <= oldDays / 200
        BigDecimal exactGap = e.volume().multiply(BigDecimal.valueOf(oldDays))
                .subtract(oldCost.multiply(BigDecimal.valueOf(newDays - oldDays))).abs();
        assertThat(exactGap).isLessThanOrEqualTo(BigDecimal.valueOf(oldDays).divide(BigDecimal.valueOf(200)));
        if (newDays == oldDays) {
            assertThat(e.volume()).isEqualByComparingTo("0.00");
        }
    }
}
