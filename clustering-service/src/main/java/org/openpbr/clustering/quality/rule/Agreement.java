package org.openpbr.clustering.quality.rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Inter-rater agreement statistics, plain maths with no framework. */
public final class Agreement {

    private Agreement() {
    }

    /**
     * Cohen's kappa for two raters' nominal categories: (po - pe) / (1 - pe), where po is the share of
     * pairs that agree and pe the agreement expected from each rater's own category shares. Empty
     * when there are no pairs, or when pe is 1 (both raters used one and the same category throughout,
     * so agreement beyond chance is undefined).
     */
    public static OptionalDouble cohenKappa(List<String[]> pairs) {
        if (pairs.isEmpty()) {
            return OptionalDouble.empty();
        }
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> second = new HashMap<>();
        int agree = 0;
        for (String[] pair : pairs) {
            first.merge(pair[0], 1, Integer::sum);
            second.merge(pair[1], 1, Integer::sum);
            if (pair[0].equals(pair[1])) {
                agree++;
            }
        }
        double n = pairs.size();
        double po = agree / n;
        double pe = 0;
        for (Map.Entry<String, Integer> entry : first.entrySet()) {
            pe += (entry.getValue() / n) * (second.getOrDefault(entry.getKey(), 0) / n);
        }
        if (pe >= 1.0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((po - pe) / (1 - pe));
    }

    /**
     * Weighted kappa with quadratic weights for ordinal ratings 0..{@code max}: 1 - sum(w*o)/sum(w*e),
     * with w = (i-j)^2, o the observed and e the chance-expected pair shares. Pairs where either rating
     * is outside 0..max (e.g. 9, not known) are left out. Empty without pairs or when no disagreement
     * is possible by chance.
     */
    public static OptionalDouble weightedKappa(List<int[]> pairs, int max) {
        int k = max + 1;
        double[][] observed = new double[k][k];
        double[] rowTotals = new double[k];
        double[] columnTotals = new double[k];
        int n = 0;
        for (int[] pair : pairs) {
            if (pair[0] < 0 || pair[0] > max || pair[1] < 0 || pair[1] > max) {
                continue;
            }
            observed[pair[0]][pair[1]]++;
            rowTotals[pair[0]]++;
            columnTotals[pair[1]]++;
            n++;
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        double weightedObserved = 0;
        double weightedExpected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = (double) (i - j) * (i - j);
                weightedObserved += w * observed[i][j] / n;
                weightedExpected += w * (rowTotals[i] / n) * (columnTotals[j] / n);
            }
        }
        if (weightedExpected == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(1 - weightedObserved / weightedExpected);
    }
}
