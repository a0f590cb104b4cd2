package org.openpbr.costing.run.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PennyAllocationTest {

    @Test
    void sharesSupportCostAsWorkedByHand() {
        // 1,000.00 by 6,000 / 4,000 / 500: 571.428.. / 380.952.. / 47.619..; floors 999.98; the two
        // pennies left go to the largest remainders (.619 then .428).
        assertThat(PennyAllocation.share(new BigDecimal("1000.00"),
                List.of(new BigDecimal("6000"), new BigDecimal("4000"), new BigDecimal("500"))))
                .containsExactly(new BigDecimal("571.43"), new BigDecimal("380.95"), new BigDecimal("47.62"));
    }

    @Test
    void tiesGoToTheEarlierClaimantAndCreditsKeepTheirSign() {
        assertThat(PennyAllocation.share(new BigDecimal("0.02"), List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .containsExactly(new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.00"));
        assertThat(PennyAllocation.share(new BigDecimal("-10.00"), List.of(BigDecimal.ONE, new BigDecimal("2"))))
                .containsExactly(new BigDecimal("-3.33"), new BigDecimal("-6.67"));
    }

    @Property
    void sharesAddUpToTheAmountExactly(@ForAll @BigRange(min = "-10000000", max = "10000000") BigDecimal raw,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 100000) Integer> weights) {
        BigDecimal amount = raw.setScale(2, RoundingMode.DOWN);
        List<BigDecimal> w = weights.stream().map(BigDecimal::valueOf).toList();
        if (w.stream().allMatch(x -> x.signum() == 0)) {
            return;
        }
        List<BigDecimal> shares = PennyAllocation.share(amount, w);
        assertThat(shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
    }

    @Property
    void eachShareIsWithinAPennyOfItsExactProportionAndFollowsTheWeights(
            @ForAll @BigRange(min = "0", max = "1000000") BigDecimal raw,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 5000) Integer> weights) {
        BigDecimal amount = raw.setScale(2, RoundingMode.DOWN);
        List<BigDecimal> w = weights.stream().map(BigDecimal::valueOf).toList();
        BigDecimal total = w.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> shares = PennyAllocation.share(amount, w);
        for (int i = 0; i < w.size(); i++) {
            BigDecimal exact = amount.multiply(w.get(i)).divide(total, 10, RoundingMode.HALF_EVEN);
            assertThat(shares.get(i).subtract(exact).abs()).isLessThan(new BigDecimal("0.01"));
            for (int j = 0; j < w.size(); j++) {
                if (w.get(i).compareTo(w.get(j)) > 0) {
                    assertThat(shares.get(i)).isGreaterThanOrEqualTo(shares.get(j));
                }
            }
        }
    }
}
