package org.openpbr.contract.statement.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an activity component pays for one code and period, from its planned and payable units, the
 * unit price and the marginal rate. Three modes, as contracts on the cluster currency use them:
 * <ul>
 * <li>{@link Mode#ALL_UNITS}: every unit up to plan at the price, and units above plan at the price
 * x the marginal rate (a rate of 1 pays every unit alike);</li>
 * <li>{@link Mode#ABOVE_PLAN}: only units above plan, at the price x the marginal rate, as the
 * variable element of an aligned payment does (the plan is paid through the fixed element);</li>
 * <li>{@link Mode#ABOVE_AND_BELOW_PLAN}: as above plan, and units short of plan deducted at the same
 * rate.</li>
 * </ul>
 * The amount is exact, then rounded once to the penny (half to even), with the residual shown.
 */
public final class ActivityPayment {

    /** How the component pays. */
    public enum Mode {
        ALL_UNITS, ABOVE_PLAN, ABOVE_AND_BELOW_PLAN
    }

    /** One payment: the units it pays at each rate, and the amount, exact and rounded. */
    public record Payment(BigDecimal unitsAtPrice, BigDecimal unitsAtMarginalRate, BigDecimal exact, BigDecimal amount,
            BigDecimal roundingResidual) {
    }

    private ActivityPayment() {
    }

    /**
     * @param planned      planned units, not negative
     * @param actual       payable units, not negative
     * @param price        the unit price, not negative
     * @param marginalRate the share of the price paid (or deducted) for units beyond plan, 0 to 1
     */
    public static Payment of(Mode mode, BigDecimal planned, BigDecimal actual, BigDecimal price, BigDecimal marginalRate) {
        if (planned.signum() < 0 || actual.signum() < 0 || price.signum() < 0 || marginalRate.signum() < 0
                || marginalRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("units and price are not negative, and a marginal rate is from 0 to 1");
        }
        BigDecimal beyond = actual.subtract(planned);
        BigDecimal atPrice;
        BigDecimal atRate;
        switch (mode) {
            case ALL_UNITS -> {
                atPrice = actual.min(planned);
                atRate = beyond.max(BigDecimal.ZERO);
            }
            case ABOVE_PLAN -> {
                atPrice = BigDecimal.ZERO;
                atRate = beyond.max(BigDecimal.ZERO);
            }
            default -> {
                atPrice = BigDecimal.ZERO;
                atRate = beyond;
            }
        }
        BigDecimal exact = atPrice.multiply(price).add(atRate.multiply(price).multiply(marginalRate));
        BigDecimal amount = exact.setScale(2, RoundingMode.HALF_EVEN);
        return new Payment(atPrice, atRate, exact, amount, exact.subtract(amount));
    }
}
