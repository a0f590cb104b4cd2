package org.openpbr.contract.agreement.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class InstalmentsTest {

    @Test
    void a_million_a_year_is_eleven_times_83333_33_and_83333_37_in_month_twelve() {
        // 1,000,000.00 / 12 = 83,333.333..; 11 x 83,333.33 = 916,666.63; 1,000,000.00 - 916,666.63 = 83,333.37
        List<BigDecimal> months = Instalments.equal(new BigDecimal("1000000.00"));
        assertThat(months).hasSize(12);
        assertThat(months.subList(0, 11)).allSatisfy(m -> assertThat(m).isEqualByComparingTo("83333.33"));
        assertThat(months.get(11)).isEqualByComparingTo("83333.37");
    }

    @Test
    void a_phasing_profile_pays_each_month_its_share_rounded_down_and_the_rest_in_month_twelve() {
        // £100.00 over weights 1 x 11 and 2 in month 12 (total 13): months 1-11 get 100/13 = 7.6923.. -> 7.69
        // each (84.59), month 12 gets 100.00 - 84.59 = 15.41 (its exact share 15.3846.. and the 0.0253.. residual).
        List<BigDecimal> weights = new ArrayList<>(Collections.nCopies(11, BigDecimal.ONE));
        weights.add(new BigDecimal("2"));
        List<BigDecimal> months = Instalments.phased(new BigDecimal("100.00"), weights);
        assertThat(months.subList(0, 11)).allSatisfy(m -> assertThat(m).isEqualByComparingTo("7.69"));
        assertThat(months.get(11)).isEqualByComparingTo("15.41");
    }

    @Test
    void a_profile_needs_twelve_weights_not_negative_and_not_all_zero_and_an_amount_in_pence() {
        assertThatThrownBy(() -> Instalments.phased(BigDecimal.TEN, Collections.nCopies(11, BigDecimal.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Instalments.phased(BigDecimal.TEN, Collections.nCopies(12, BigDecimal.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Instalments.equal(new BigDecimal("10.001"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Instalments.equal(new BigDecimal("-1.00"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void instalments_sum_exactly_and_no_month_before_the_twelfth_is_paid_more_than_its_exact_share(
            @ForAll @LongRange(min = 0, max = 100_000_000_000L) long pennies,
            @ForAll @Size(12) List<@IntRange(min = 0, max = 1000) Integer> raw) {
        List<BigDecimal> weights = raw.stream().map(BigDecimal::valueOf).toList();
        if (weights.stream().allMatch(w -> w.signum() == 0)) {
            return;
        }
        BigDecimal annual = BigDecimal.valueOf(pennies, 2);
        List<BigDecimal> months = Instalments.phased(annual, weights);
        assertThat(months.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(annual);
        BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int m = 0; m < 11; m++) {
            BigDecimal exact = annual.multiply(weights.get(m));
            // month x total <= annual x weight, and short of it by less than a penny x total
            assertThat(months.get(m).multiply(total)).isLessThanOrEqualTo(exact);
            assertThat(exact.subtract(months.get(m).multiply(total))).isLessThan(new BigDecimal("0.01").multiply(total));
            assertThat(months.get(m).scale()).isEqualTo(2);
        }
        assertThat(months.get(11).signum()).isGreaterThanOrEqualTo(0);
    }
}
