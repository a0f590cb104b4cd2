package org.openpbr.costing.run.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class PresentedSharesTest {

    private static BigInteger p(long pennies) {
        return BigInteger.valueOf(pennies);
    }

    /** A ward's £100.00 over weights, as exact pennies: 10,000 x w / sum(w). */
    private static List<Fraction> exactShares(long pennies, List<Integer> weights) {
        long total = weights.stream().mapToLong(Integer::longValue).sum();
        List<Fraction> shares = new ArrayList<>();
        for (int w : weights) {
            shares.add(Fraction.of(BigInteger.valueOf(pennies).multiply(BigInteger.valueOf(w)), BigInteger.valueOf(total)));
        }
        return shares;
    }

    @Test
    void a_100_pound_ward_with_three_people_one_night_each_gives_33_33_each_and_a_penny_left() {
        // 10,000p / 3 = 3,333 1/3p each; the one penny left could go to any of three equal remainders.
        PresentedShares.Rounded three = PresentedShares.round(p(10_000), exactShares(10_000, List.of(1, 1, 1)));
        assertThat(three.pennies()).containsExactly(p(3333), p(3333), p(3333));
        assertThat(three.residual()).isEqualTo(p(1));
    }

    @Test
    void the_same_ward_top_down_code_then_not_clustered_then_episodes() {
        // Two of the three are in cluster 11. Level 2: 6,666 2/3p and 3,333 1/3p: the penny goes to
        // the larger remainder (2/3), so 66.67 and 33.33, nothing left.
        PresentedShares.Rounded level2 = PresentedShares.round(p(10_000),
                List.of(Fraction.of(20_000, 3), Fraction.of(10_000, 3)));
        assertThat(level2.pennies()).containsExactly(p(6667), p(3333));
        assertThat(level2.residual()).isEqualTo(p(0));
        // Level 3, the two episodes under 66.67: 3,333 1/3p each, floors 66.66, one penny that only a
        // tie-break could place: 33.33 each, and the code's episodes show a 1p residual.
        PresentedShares.Rounded episodes = PresentedShares.round(p(6667),
                List.of(Fraction.of(10_000, 3), Fraction.of(10_000, 3)));
        assertThat(episodes.pennies()).containsExactly(p(3333), p(3333));
        assertThat(episodes.residual()).isEqualTo(p(1));
    }

    @Test
    void pennies_go_to_larger_remainders_before_a_tied_group() {
        // 1,000.00 by 6,000 / 4,000 / 500 as PennyAllocation's hand example: distinct remainders,
        // so the same answer (571.43 / 380.95 / 47.62) and no residual.
        PresentedShares.Rounded rounded = PresentedShares.round(p(100_000),
                exactShares(100_000, List.of(6000, 4000, 500)));
        assertThat(rounded.pennies()).containsExactly(p(57143), p(38095), p(4762));
        assertThat(rounded.residual()).isEqualTo(p(0));
        // 10p by 3 / 1 / 1 / 1 over 6: 5p, then 5/3p each: floors 5 + 1 + 1 + 1 = 8; two pennies
        // left and three equal remainders (2/3): none of them can take one.
        PresentedShares.Rounded tied = PresentedShares.round(p(10), exactShares(10, List.of(3, 1, 1, 1)));
        assertThat(tied.pennies()).containsExactly(p(5), p(1), p(1), p(1));
        assertThat(tied.residual()).isEqualTo(p(2));
    }

    @Test
    void a_parent_rounded_down_leaves_its_children_less_than_their_exact_sum() {
        // Children 1/3 + 1/3 + 1/3 = 1p exactly under a parent shown as 1p: floors 0, one penny
        // among three equal remainders: none, the residual is 1p.
        assertThat(PresentedShares.round(p(1), List.of(Fraction.of(1, 3), Fraction.of(1, 3), Fraction.of(1, 3))))
                .isEqualTo(new PresentedShares.Rounded(List.of(p(0), p(0), p(0)), p(1)));
        // A credit: -10.00 by 1 / 2 is -333 1/3p and -666 2/3p; floors -334 and -667 (sum -1001),
        // one penny back to the larger remainder (2/3 of -333 1/3 = -334 + 2/3): -3.33 and -6.67.
        assertThat(PresentedShares.round(p(-1000), List.of(Fraction.of(-1000, 3), Fraction.of(-2000, 3))).pennies())
                .containsExactly(p(-333), p(-667));
    }

    @Test
    void a_target_further_than_a_penny_from_the_exact_sum_is_refused() {
        assertThatThrownBy(() -> PresentedShares.round(p(3), List.of(Fraction.of(1), Fraction.of(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void every_share_is_within_a_penny_and_the_shares_and_residual_add_up(
            @ForAll @LongRange(min = -10_000_000, max = 10_000_000) long pennies,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 50) Integer> weights) {
        if (weights.stream().mapToInt(Integer::intValue).sum() == 0) {
            return;
        }
        List<Fraction> exact = exactShares(pennies, weights);
        BigInteger target = BigInteger.valueOf(pennies);
        PresentedShares.Rounded rounded = PresentedShares.round(target, exact);
        BigInteger total = rounded.residual();
        for (int i = 0; i < exact.size(); i++) {
            Fraction error = Fraction.of(rounded.pennies().get(i), BigInteger.ONE).subtract(exact.get(i));
            assertThat(error.compareTo(Fraction.of(1))).as("share %d over its exact amount", i).isLessThan(0);
            assertThat(error.compareTo(Fraction.of(-1))).as("share %d under its exact amount", i).isGreaterThan(0);
            total = total.add(rounded.pennies().get(i));
        }
        assertThat(total).isEqualTo(target);
        assertThat(rounded.residual().signum()).isGreaterThanOrEqualTo(0);
        assertThat(rounded.residual().intValueExact()).isLessThan(exact.size());
    }

    @Property
    void a_parent_shown_a_penny_away_still_gives_each_child_its_exact_amount_within_a_penny(
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 1_000_000) Integer> numerators,
            @ForAll @IntRange(min = 1, max = 97) int denominator, @ForAll boolean up) {
        List<Fraction> exact = numerators.stream().map(n -> Fraction.of(n, denominator)).toList();
        Fraction sum = exact.stream().reduce(Fraction.ZERO, Fraction::add);
        boolean whole = sum.fractionalPart().signum() == 0;
        BigInteger target = whole || !up ? sum.floor() : sum.floor().add(BigInteger.ONE);
        PresentedShares.Rounded rounded = PresentedShares.round(target, exact);
        BigInteger total = rounded.residual();
        for (int i = 0; i < exact.size(); i++) {
            Fraction error = Fraction.of(rounded.pennies().get(i), BigInteger.ONE).subtract(exact.get(i));
            assertThat(error.compareTo(Fraction.of(1))).isLessThan(0);
            assertThat(error.compareTo(Fraction.of(-1))).isGreaterThan(0);
            total = total.add(rounded.pennies().get(i));
        }
        assertThat(total).isEqualTo(target);
    }

    @Property
    void the_order_the_shares_come_in_changes_nothing(
            @ForAll @LongRange(min = 0, max = 1_000_000) long pennies,
            @ForAll @Size(min = 2, max = 20) List<@IntRange(min = 1, max = 12) Integer> weights,
            @ForAll long seed) {
        List<Fraction> exact = exactShares(pennies, weights);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < exact.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Fraction> shuffled = order.stream().map(exact::get).toList();
        PresentedShares.Rounded straight = PresentedShares.round(BigInteger.valueOf(pennies), exact);
        PresentedShares.Rounded mixed = PresentedShares.round(BigInteger.valueOf(pennies), shuffled);
        assertThat(mixed.residual()).isEqualTo(straight.residual());
        for (int k = 0; k < order.size(); k++) {
            assertThat(mixed.pennies().get(k)).isEqualTo(straight.pennies().get(order.get(k)));
        }
    }

    @Property
    void without_ties_it_is_penny_allocation(
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long pennies,
            @ForAll @Size(min = 1, max = 15) List<@IntRange(min = 1, max = 100_000) Integer> weights) {
        List<Fraction> exact = exactShares(pennies, weights);
        PresentedShares.Rounded rounded = PresentedShares.round(BigInteger.valueOf(pennies), exact);
        if (rounded.residual().signum() != 0) {
            return;
        }
        List<BigDecimal> byPennyAllocation = PennyAllocation.share(BigDecimal.valueOf(pennies, 2),
                weights.stream().map(BigDecimal::valueOf).toList());
        for (int i = 0; i < weights.size(); i++) {
            assertThat(new BigDecimal(rounded.pennies().get(i), 2)).isEqualByComparingTo(byPennyAllocation.get(i));
        }
    }
}
