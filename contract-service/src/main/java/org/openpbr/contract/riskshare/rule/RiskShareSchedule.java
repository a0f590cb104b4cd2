package org.openpbr.contract.riskshare.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How the variance between actual activity value and plan is shared. Over delivery (actual above
 * plan) and under delivery each have a schedule of bands. A band runs from one share of the plan to
 * the next, for example from 2% to 5% of plan. Within it, the commissioner pays (over) or recovers
 * (under) a share of the variance, from 0 to 1. The last band of each schedule runs on without end.
 * The commissioner's extra payment, and its recovery, may each be capped.
 *
 * <p>The adjustment is the sum over bands of share x the part of the variance inside the band. It
 * is computed exactly, then rounded once to the penny (half to even), and the residual is shown. So
 * the activity payment is plan + adjustment. The function is continuous and never decreases as
 * actual rises. It is 0 at plan, and with shares of at most 1 it never exceeds the variance.
 */
public final class RiskShareSchedule {

    /** A band from {@code from} (a share of plan, e.g. 0.02 for 2%) up to the next band's start, with the commissioner's share of the variance in it. */
    public record Band(BigDecimal from, BigDecimal share) {

        public Band {
            if (from.signum() < 0 || share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a band starts at 0 or above, and its share is from 0 to 1");
            }
        }
    }

    /** The adjustment to plan: positive, the commissioner pays more; negative, it recovers. */
    public record Adjustment(BigDecimal variance, BigDecimal exact, BigDecimal amount, BigDecimal roundingResidual,
            boolean capped) {

        /** What the provider bears (over delivery) or keeps (under delivery): variance - adjustment. */
        public BigDecimal providerShare() {
            return variance.subtract(amount);
        }
    }

    private final List<Band> over;
    private final List<Band> under;
    private final BigDecimal overCap;
    private final BigDecimal underCap;

    /**
     * @param over     bands for actual above plan, starting at 0, in rising order
     * @param under    bands for actual below plan, starting at 0, in rising order
     * @param overCap  the most the commissioner pays above plan, or null for no cap
     * @param underCap the most the commissioner recovers below plan, or null for no cap
     */
    public RiskShareSchedule(List<Band> over, List<Band> under, BigDecimal overCap, BigDecimal underCap) {
        this.over = checked(over);
        this.under = checked(under);
        if ((overCap != null && overCap.signum() < 0) || (underCap != null && underCap.signum() < 0)) {
            throw new IllegalArgumentException("a cap is an amount, not negative");
        }
        this.overCap = overCap;
        this.underCap = underCap;
    }

    private static List<Band> checked(List<Band> bands) {
        if (bands.isEmpty() || bands.get(0).from().signum() != 0) {
            throw new IllegalArgumentException("a schedule's first band starts at 0");
        }
        for (int i = 1; i < bands.size(); i++) {
            if (bands.get(i).from().compareTo(bands.get(i - 1).from()) <= 0) {
                throw new IllegalArgumentException("bands start in rising order");
            }
        }
        return List.copyOf(bands);
    }

    /** The adjustment for a year's (or a period's) planned and actual activity value. */
    public Adjustment apply(BigDecimal plan, BigDecimal actual) {
        if (plan.signum() < 0 || actual.signum() < 0) {
            throw new IllegalArgumentException("plan and actual are values, not negative");
        }
        BigDecimal variance = actual.subtract(plan);
        boolean above = variance.signum() >= 0;
        List<Band> bands = above ? over : under;
        BigDecimal size = variance.abs();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < bands.size(); i++) {
            BigDecimal start = plan.multiply(bands.get(i).from());
            if (size.compareTo(start) <= 0) {
                break;
            }
            BigDecimal end = i + 1 < bands.size() ? plan.multiply(bands.get(i + 1).from()) : null;
            BigDecimal inside = (end == null || size.compareTo(end) < 0 ? size : end).subtract(start);
            exact = exact.add(inside.multiply(bands.get(i).share()));
        }
        BigDecimal cap = above ? overCap : underCap;
        boolean capped = cap != null && exact.compareTo(cap) > 0;
        if (capped) {
            exact = cap;
        }
        BigDecimal rounded = exact.setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal residual = exact.subtract(rounded);
        return above ? new Adjustment(variance, exact, rounded, residual, capped)
                : new Adjustment(variance, exact.negate(), rounded.negate(), residual.negate(), capped);
    }
}
