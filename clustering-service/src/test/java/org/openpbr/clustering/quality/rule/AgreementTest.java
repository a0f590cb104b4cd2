package org.openpbr.clustering.quality.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AgreementTest {

    @Test
    void cohens_kappa_worked_by_hand() {
        // 10 pairs: 7 agree (4 x 03/03, 3 x 11/11), 3 disagree (2 x 03/04, 1 x 04/11).
        // Rater 1: 03 x6, 11 x3, 04 x1. Rater 2: 03 x4, 04 x2, 11 x4.
        // po = 0.7; pe = 0.6*0.4 + 0.3*0.4 + 0.1*0.2 = 0.24 + 0.12 + 0.02 = 0.38; kappa = 0.32/0.62 = 0.516129...
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pairs.add(new String[] { "03", "03" });
        }
        for (int i = 0; i < 3; i++) {
            pairs.add(new String[] { "11", "11" });
        }
        pairs.add(new String[] { "03", "04" });
        pairs.add(new String[] { "03", "04" });
        pairs.add(new String[] { "04", "11" });
        assertThat(Agreement.cohenKappa(pairs).getAsDouble()).isCloseTo(0.32 / 0.62, within(1e-12));
    }

    @Test
    void weighted_kappa_worked_by_hand() {
        // Pairs (0,0), (1,2), (2,2), (9,3): the 9 is left out, n = 3.
        // Observed weighted disagreement: (1-2)^2 / 3 = 1/3.
        // Margins: rater 1 {0:1, 1:1, 2:1}, rater 2 {0:1, 2:2}; expected = sum w * r_i * c_j / 9:
        // i=0: j=2 w4 *1*2 = 8; i=1: j=0 w1 *1*1 = 1, j=2 w1 *1*2 = 2; i=2: j=0 w4 *1*1 = 4 -> 15/9.
        // kappa = 1 - (1/3)/(15/9) = 1 - 3/15 = 0.8
        List<int[]> pairs = List.of(new int[] { 0, 0 }, new int[] { 1, 2 }, new int[] { 2, 2 }, new int[] { 9, 3 });
        assertThat(Agreement.weightedKappa(pairs, 4).getAsDouble()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void undefined_cases_are_empty() {
        assertThat(Agreement.cohenKappa(List.of())).isEmpty();
        assertThat(Agreement.cohenKappa(List.<String[]>of(new String[] { "01", "01" }))).isEmpty();
        assertThat(Agreement.weightedKappa(List.of(new int[] { 9, 9 }), 4)).isEmpty();
    }

    @Property
    void perfect_agreement_is_1_and_kappa_never_exceeds_1(@ForAll @Size(min = 2, max = 40) List<@IntRange(min = 0, max = 4) Integer> first,
            @ForAll @IntRange(min = 0, max = 4) int shift) {
        List<String[]> same = new ArrayList<>();
        List<int[]> sameRatings = new ArrayList<>();
        List<String[]> shifted = new ArrayList<>();
        for (int value : first) {
            same.add(new String[] { "c" + value, "c" + value });
            sameRatings.add(new int[] { value, value });
            shifted.add(new String[] { "c" + value, "c" + ((value + shift) % 5) });
        }
        Agreement.cohenKappa(same).ifPresent(k -> assertThat(k).isCloseTo(1.0, within(1e-9)));
        Agreement.weightedKappa(sameRatings, 4).ifPresent(k -> assertThat(k).isCloseTo(1.0, within(1e-9)));
        Agreement.cohenKappa(shifted).ifPresent(k -> assertThat(k).isLessThanOrEqualTo(1.0 + 1e-9));
    }
}
