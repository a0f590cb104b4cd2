package org.openpbr.costing.run.rule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How much episode costs vary within each code, and how much of their variation the codes
 * explain. The measure is an episode's cost per cluster day (its cost in the period over its days
 * in the period), so that episodes cut by the period's ends compare with whole ones.
 * <p>
 * Quantiles, the mean, the trim point and the choice of outliers are exact decimals (they decide
 * which money unit costs leave out); the spread measures (standard deviation, coefficient of
 * variation, fold, eta squared) are decimals to 34 significant digits, and everything is rounded
 * for presentation.
 * Quantiles use linear interpolation between order statistics (Hyndman and Fan type 7, as
 * spreadsheets' PERCENTILE.INC and PostgreSQL's percentile_cont), so an analyst can reproduce them.
 */
public final class CostVariance {

    /** The default trim point: upper quartile + 1.5 x interquartile range. */
    public static final BigDecimal DEFAULT_TRIM_MULTIPLIER = new BigDecimal("1.5");

    /** Decimal places kept for cost per day inside the statistics (far below a penny). */
    private static final int SCALE = 10;

    /** For the spread measures, whose square roots and ratios have no exact decimal. */
    private static final MathContext SPREAD = MathContext.DECIMAL128;

    /** One episode as a run costed it. */
    public record Episode(long id, String code, BigDecimal cost, int clusterDays) {

        public Episode {
            if (clusterDays <= 0) {
                throw new IllegalArgumentException("an episode in a run has at least one cluster day");
            }
        }

        BigDecimal exactCostPerDay() {
            return cost.divide(BigDecimal.valueOf(clusterDays), SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** One code's spread, and its outliers by the trim point. */
    public record CodeVariance(String code, int episodes, int zeroCostEpisodes, BigDecimal totalCost, long clusterDays,
            BigDecimal mean, BigDecimal median, BigDecimal p10, BigDecimal p25, BigDecimal p75, BigDecimal p90,
            BigDecimal min, BigDecimal max, BigDecimal standardDeviation, BigDecimal coefficientOfVariation,
            BigDecimal p90p10Fold, BigDecimal trimPoint, List<Episode> outliers, BigDecimal outlierCost,
            long outlierDays) {
    }

    /** Every code's spread, and the share of the variation the codes explain. */
    public record Result(BigDecimal trimMultiplier, List<CodeVariance> codes, BigDecimal etaSquaredCostPerDay,
            BigDecimal etaSquaredEpisodeCost) {

        /** Every outlier of every code, the costliest per day first. */
        public List<Episode> outliers() {
            List<Episode> all = new ArrayList<>();
            codes.forEach(c -> all.addAll(c.outliers()));
            all.sort(Comparator.comparing(Episode::exactCostPerDay).reversed().thenComparingLong(Episode::id));
            return all;
        }
    }

    private CostVariance() {
    }

    public static Result of(Collection<Episode> episodes, BigDecimal trimMultiplier) {
        if (trimMultiplier.signum() < 0) {
            throw new IllegalArgumentException("the trim multiplier cannot be negative");
        }
        Map<String, List<Episode>> byCode = new TreeMap<>();
        episodes.forEach(e -> byCode.computeIfAbsent(e.code(), k -> new ArrayList<>()).add(e));
        List<CodeVariance> codes = new ArrayList<>();
        byCode.forEach((code, list) -> codes.add(code(code, list, trimMultiplier)));
        return new Result(trimMultiplier, codes, etaSquared(byCode, Episode::exactCostPerDay),
                etaSquared(byCode, Episode::cost));
    }

    private static CodeVariance code(String code, List<Episode> list, BigDecimal k) {
        BigDecimal[] perDay = list.stream().map(Episode::exactCostPerDay).sorted().toArray(BigDecimal[]::new);
        int n = perDay.length;
        BigDecimal p25 = quantile(perDay, "0.25");
        BigDecimal p75 = quantile(perDay, "0.75");
        BigDecimal p10 = quantile(perDay, "0.10");
        BigDecimal p90 = quantile(perDay, "0.90");
        BigDecimal sum = Arrays.stream(perDay).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), SPREAD);
        BigDecimal sd = null;
        if (n > 1) {
            BigDecimal squares = Arrays.stream(perDay).map(x -> x.subtract(mean).pow(2)).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            sd = squares.divide(BigDecimal.valueOf(n - 1L), SPREAD).sqrt(SPREAD);
        }
        // The trim point and which episodes lie above it are exact: they decide what money unit costs leave out.
        BigDecimal trim = p75.add(k.multiply(p75.subtract(p25)));
        List<Episode> outliers = list.stream()
                .filter(e -> e.cost().compareTo(trim.multiply(BigDecimal.valueOf(e.clusterDays()))) > 0)
                .sorted(Comparator.comparing(Episode::exactCostPerDay).reversed().thenComparingLong(Episode::id))
                .toList();
        BigDecimal total = list.stream().map(Episode::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        long days = list.stream().mapToLong(Episode::clusterDays).sum();
        return new CodeVariance(code, n, (int) list.stream().filter(e -> e.cost().signum() == 0).count(), total, days,
                money(sum.divide(BigDecimal.valueOf(n), SCALE, RoundingMode.HALF_EVEN)), money(quantile(perDay, "0.50")),
                money(p10), money(p25), money(p75), money(p90), money(perDay[0]), money(perDay[n - 1]),
                sd == null ? null : money(sd),
                sd == null || mean.signum() == 0 ? null : ratio(sd.divide(mean, SPREAD)),
                p10.signum() == 0 ? null : ratio(p90.divide(p10, SPREAD)), money(trim), outliers,
                outliers.stream().map(Episode::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                outliers.stream().mapToLong(Episode::clusterDays).sum());
    }

    /** Type 7: at position (n - 1) p of the sorted values, interpolating linearly between neighbours; exact. */
    static BigDecimal quantile(BigDecimal[] sorted, String probability) {
        BigDecimal position = new BigDecimal(probability).multiply(BigDecimal.valueOf(sorted.length - 1L));
        int below = position.intValue();
        BigDecimal fraction = position.subtract(BigDecimal.valueOf(below));
        if (below + 1 >= sorted.length || fraction.signum() == 0) {
            return sorted[below];
        }
        return sorted[below].add(fraction.multiply(sorted[below + 1].subtract(sorted[below])));
    }

    /** Between-code sum of squares over total sum of squares; null when nothing varies. */
    private static BigDecimal etaSquared(Map<String, List<Episode>> byCode, Function<Episode, BigDecimal> measure) {
        BigDecimal sum = BigDecimal.ZERO;
        long n = 0;
        for (List<Episode> list : byCode.values()) {
            for (Episode e : list) {
                sum = sum.add(measure.apply(e));
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        BigDecimal grand = sum.divide(BigDecimal.valueOf(n), SPREAD);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal between = BigDecimal.ZERO;
        for (List<Episode> list : byCode.values()) {
            BigDecimal groupSum = list.stream().map(measure).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal groupMean = groupSum.divide(BigDecimal.valueOf(list.size()), SPREAD);
            between = between.add(groupMean.subtract(grand).pow(2).multiply(BigDecimal.valueOf(list.size())));
            for (Episode e : list) {
                total = total.add(measure.apply(e).subtract(grand).pow(2));
            }
        }
        return total.signum() == 0 ? null : ratio(between.divide(total, SPREAD));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP);
    }
}
