package org.openpbr.platform.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SmallNumbersTest {

    @Test
    void counts_of_one_to_four_are_withheld_and_zero_is_shown() {
        SmallNumbers exact = SmallNumbers.exact();
        assertThat(exact.shown(0)).isEqualTo(0);
        assertThat(exact.shown(1)).isNull();
        assertThat(exact.shown(4)).isNull();
        assertThat(exact.shown(5)).isEqualTo(5);
        assertThat(exact.shown(123)).isEqualTo(123);
        assertThat(SmallNumbers.withheld(7, 3)).as("a share over a small base").isTrue();
        assertThat(SmallNumbers.withheld(0, 9)).isFalse();
    }

    @Test
    void published_counts_round_to_the_nearest_five_half_up() {
        SmallNumbers national = new SmallNumbers(5);
        assertThat(national.shown(4)).isNull();
        assertThat(national.shown(5)).isEqualTo(5);
        assertThat(national.shown(7)).isEqualTo(5);
        assertThat(national.shown(8)).isEqualTo(10);
        assertThat(national.shown(12)).isEqualTo(10);
        assertThat(national.shown(13)).isEqualTo(15);
        assertThat(national.shown(1002)).isEqualTo(1000);
        assertThatThrownBy(() -> new SmallNumbers(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void a_rounded_count_is_a_multiple_within_half_a_step(@ForAll @IntRange(min = 5, max = 10_000_000) int count,
            @ForAll @IntRange(min = 1, max = 10) int step) {
        int shown = new SmallNumbers(step).shown(count);
        assertThat(shown % step).isZero();
        assertThat(Math.abs(shown - count) * 2).isLessThanOrEqualTo(step);
    }
}
