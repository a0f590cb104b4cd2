package org.openpbr.contract.quality.rule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A quality incentive: a pot (a share of a base value, held back as a withhold or paid on top as a
 * bonus) spread over weighted indicators. Each indicator earns its weight's part of the pot times
 * its achievement share, from 0 to 1. The share is linear between the floor (0) and the target (1),
 * or all-or-nothing at the target, for indicators where higher is better or where lower is better.
 * Each indicator's amount is kept to 34 significant digits. The total earned is their sum, rounded once to
 * the penny (half to even), with the rounding residual shown.
 */
public final class QualityIncentive {

    /** How achievement between the floor and the target is paid. */
    public enum Scale {
        LINEAR, ALL_OR_NOTHING
    }

    /** Which way is better. */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER
    }

    /** One indicator's terms; {@code floor} is ignored for ALL_OR_NOTHING. */
    public record Indicator(String measureId, BigDecimal weight, BigDecimal target, BigDecimal floor, Scale scale,
            Direction direction) {

        public Indicator {
            if (weight.signum() <= 0) {
                throw new IllegalArgumentException("an indicator's weight is positive");
            }
            if (scale == Scale.LINEAR) {
                int side = direction == Direction.HIGHER_IS_BETTER ? floor.compareTo(target) : target.compareTo(floor);
                if (side >= 0) {
                    throw new IllegalArgumentException("a linear indicator's floor lies on the worse side of its target");
                }
            }
        }

        /** The share earned, 0 to 1, for an achieved value. */
        BigDecimal share(BigDecimal achieved) {
            boolean higher = direction == Direction.HIGHER_IS_BETTER;
            int toTarget = higher ? achieved.compareTo(target) : target.compareTo(achieved);
            if (toTarget >= 0) {
                return BigDecimal.ONE;
            }
            if (scale == Scale.ALL_OR_NOTHING) {
                return BigDecimal.ZERO;
            }
            int toFloor = higher ? achieved.compareTo(floor) : floor.compareTo(achieved);
            if (toFloor <= 0) {
                return BigDecimal.ZERO;
            }
            return achieved.subtract(floor).divide(target.subtract(floor), MathContext.DECIMAL128);
        }
    }

    /** One indicator's result: its share of the pot, what it earned exactly, and what it could have. */
    public record Earned(String measureId, BigDecimal achieved, BigDecimal share, BigDecimal available, BigDecimal exact) {
    }

    /** The pot, each indicator's result, and the total earned, rounded once. */
    public record Result(BigDecimal pot, List<Earned> indicators, BigDecimal earned, BigDecimal roundingResidual,
            BigDecimal notEarned) {
    }

    private QualityIncentive() {
    }

    /** The pot: rate x base, rounded once to the penny (half to even); 1.25% of £48,000,000.00 is £600,000.00. */
    public static BigDecimal pot(BigDecimal base, BigDecimal rate) {
        if (base.signum() < 0 || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a base value is not negative and a rate is from 0 to 1");
        }
        return base.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * @param pot        the amount at stake
     * @param indicators the terms
     * @param achieved   each indicator's achieved value, in the same order (null: not reported, earns nothing)
     */
    public static Result settle(BigDecimal pot, List<Indicator> indicators, List<BigDecimal> achieved) {
        if (indicators.isEmpty() || indicators.size() != achieved.size()) {
            throw new IllegalArgumentException("one achieved value (or null) for each indicator");
        }
        BigDecimal weights = indicators.stream().map(Indicator::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Earned> results = new ArrayList<>();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < indicators.size(); i++) {
            Indicator indicator = indicators.get(i);
            BigDecimal value = achieved.get(i);
            BigDecimal share = value == null ? BigDecimal.ZERO : indicator.share(value);
            // pot x weight / total weight, to 34 significant digits (exact where the quotient terminates)
            BigDecimal available = pot.multiply(indicator.weight()).divide(weights, MathContext.DECIMAL128);
            BigDecimal earned = available.multiply(share);
            results.add(new Earned(indicator.measureId(), value, share, available, earned));
            exact = exact.add(earned);
        }
        BigDecimal rounded = exact.setScale(2, RoundingMode.HALF_EVEN);
        return new Result(pot, List.copyOf(results), rounded, exact.subtract(rounded), pot.subtract(rounded));
    }
}
