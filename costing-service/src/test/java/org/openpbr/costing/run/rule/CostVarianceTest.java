package org.openpbr.costing.run.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.costing.run.rule.CostVariance.CodeVariance;
import org.openpbr.costing.run.rule.CostVariance.Episode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CostVarianceTest {

    /*
     * Code 04, five episodes of 10 days: 100, 200, 300, 400 and 5,000 pounds, so 10, 20, 30, 40 and
     * 500 a day. Type 7 quantiles sit at position (n - 1) p = 4p of the sorted values:
     *   p10 at 0.4 = 10 + 0.4 x 10 = 14;  p25 at 1 = 20;  median at 2 = 30;  p75 at 3 = 40;
     *   p90 at 3.6 = 40 + 0.6 x 460 = 316.
     * Mean 600 / 5 = 120. Deviations -110 -100 -90 -80 380; squares sum to 181,000; / 4 = 45,250;
     * sd = sqrt(45,250) = 212.7205; CV = 212.7205 / 120 = 1.7727; fold 316 / 14 = 22.5714.
     * Trim point 40 + 1.5 x (40 - 20) = 70: the 500-a-day episode is the one outlier.
     *
     * Code 11, two episodes of 10 days: 50 and 150 pounds, 5 and 15 a day.
     * All seven per-day values: grand mean 620 / 7. Sum of squares 253,250, so
     *   total SS = 253,250 - 620^2 / 7 = 198,335.7143;
     *   between SS = 5 (120 - 620/7)^2 + 2 (10 - 620/7)^2 = 17,285.7143;
     *   eta squared = 0.0872.
     */
    @Test
    void a_worked_example() {
        List<Episode> episodes = List.of(episode(1, "04", "100", 10), episode(2, "04", "200", 10),
                episode(3, "04", "300", 10), episode(4, "04", "400", 10), episode(5, "04", "5000", 10),
                episode(6, "11", "50", 10), episode(7, "11", "150", 10));

        CostVariance.Result result = CostVariance.of(episodes, CostVariance.DEFAULT_TRIM_MULTIPLIER);

        CodeVariance c04 = result.codes().get(0);
        assertThat(c04.code()).isEqualTo("04");
        assertThat(c04.episodes()).isEqualTo(5);
        assertThat(c04.p10()).isEqualByComparingTo("14.00");
        assertThat(c04.p25()).isEqualByComparingTo("20.00");
        assertThat(c04.median()).isEqualByComparingTo("30.00");
        assertThat(c04.p75()).isEqualByComparingTo("40.00");
        assertThat(c04.p90()).isEqualByComparingTo("316.00");
        assertThat(c04.mean()).isEqualByComparingTo("120.00");
        assertThat(c04.standardDeviation()).isEqualByComparingTo("212.72");
        assertThat(c04.coefficientOfVariation()).isEqualByComparingTo("1.7727");
        assertThat(c04.p90p10Fold()).isEqualByComparingTo("22.5714");
        assertThat(c04.min()).isEqualByComparingTo("10.00");
        assertThat(c04.max()).isEqualByComparingTo("500.00");
        assertThat(c04.trimPoint()).isEqualByComparingTo("70.00");
        assertThat(c04.outliers()).extracting(Episode::id).containsExactly(5L);
        assertThat(c04.outlierCost()).isEqualByComparingTo("5000");
        assertThat(c04.outlierDays()).isEqualTo(10);
        assertThat(c04.totalCost()).isEqualByComparingTo("6000");

        CodeVariance c11 = result.codes().get(1);
        assertThat(c11.median()).isEqualByComparingTo("10.00");
        assertThat(c11.outliers()).isEmpty();
        assertThat(result.etaSquaredCostPerDay()).isEqualByComparingTo("0.0872");
        // Every episode has 10 days, so episode cost is per-day cost x 10 and explains the same share.
        assertThat(result.etaSquaredEpisodeCost()).isEqualByComparingTo("0.0872");
    }

    @Test
    void a_single_episode_has_no_spread_and_zero_cost_episodes_have_no_fold() {
        CostVariance.Result one = CostVariance.of(List.of(episode(1, "01", "70", 7)), CostVariance.DEFAULT_TRIM_MULTIPLIER);
        assertThat(one.codes().get(0).standardDeviation()).isNull();
        assertThat(one.codes().get(0).mean()).isEqualByComparingTo("10.00");
        assertThat(one.etaSquaredCostPerDay()).as("nothing varies").isNull();

        CostVariance.Result zeros = CostVariance.of(List.of(episode(1, "02", "0", 7), episode(2, "02", "0", 7),
                episode(3, "02", "90", 9)), CostVariance.DEFAULT_TRIM_MULTIPLIER);
        assertThat(zeros.codes().get(0).zeroCostEpisodes()).isEqualTo(2);
        assertThat(zeros.codes().get(0).p90p10Fold()).as("p10 is 0").isNull();
    }

    @Property(tries = 200)
    void eta_squared_is_a_share_and_outliers_lie_above_the_trim_point(
            @ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 100_000) Integer> pennies,
            @ForAll @IntRange(min = 1, max = 5) int codes, @ForAll @IntRange(min = 0, max = 30) int tenthsOfK) {
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < pennies.size(); i++) {
            episodes.add(episode(i, "C" + (i % codes), BigDecimal.valueOf(pennies.get(i), 2).toPlainString(), 1 + i % 90));
        }
        CostVariance.Result result = CostVariance.of(episodes, BigDecimal.valueOf(tenthsOfK, 1));
        if (result.etaSquaredCostPerDay() != null) {
            assertThat(result.etaSquaredCostPerDay()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        }
        int counted = 0;
        for (CodeVariance code : result.codes()) {
            counted += code.episodes();
            assertThat(code.min()).isLessThanOrEqualTo(code.p10());
            assertThat(code.p10()).isLessThanOrEqualTo(code.median());
            assertThat(code.median()).isLessThanOrEqualTo(code.p90());
            assertThat(code.p90()).isLessThanOrEqualTo(code.max());
            assertThat(code.trimPoint()).isGreaterThanOrEqualTo(code.p75());
            for (Episode outlier : code.outliers()) {
                assertThat(outlier.cost().doubleValue() / outlier.clusterDays()).isGreaterThan(code.trimPoint().doubleValue() - 0.005);
            }
        }
        assertThat(counted).isEqualTo(pennies.size());
    }

    private static Episode episode(long id, String code, String cost, int days) {
        return new Episode(id, code, new BigDecimal(cost), days);
    }
}
