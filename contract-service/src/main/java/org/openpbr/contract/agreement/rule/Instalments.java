package org.openpbr.contract.agreement.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed element's monthly instalments, months 1-12 of the contract year. Equal twelfths, or a
 * phasing profile (twelve non-negative weights, not all 0): months 1-11 get their exact share
 * rounded down to the penny, and month 12 gets the rest. So the instalments always sum exactly to
 * the annual amount, and the residual pennies are paid in month 12, never earlier.
 */
public final class Instalments {

    public static final int MONTHS = 12;

    private Instalments() {
    }

    /** Equal twelfths: £1,000,000.00 is 11 x £83,333.33 and £83,333.37 in month 12. */
    public static List<BigDecimal> equal(BigDecimal annual) {
        List<BigDecimal> weights = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            weights.add(BigDecimal.ONE);
        }
        return phased(annual, weights);
    }

    /**
     * @param annual  the annual amount, pennies, not negative
     * @param weights twelve weights, not negative, not all zero (a month's share is its weight over their sum)
     */
    public static List<BigDecimal> phased(BigDecimal annual, List<BigDecimal> weights) {
        if (annual.signum() < 0 || annual.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("an annual amount is pounds and pence, not negative");
        }
        if (weights.size() != MONTHS || weights.stream().anyMatch(w -> w.signum() < 0)) {
            throw new IllegalArgumentException("a phasing profile has twelve weights, none negative");
        }
        BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0) {
            throw new IllegalArgumentException("a phasing profile's weights must not all be zero");
        }
        List<BigDecimal> instalments = new ArrayList<>(MONTHS);
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        for (int m = 0; m < MONTHS - 1; m++) {
            // annual x weight / total, rounded down: the exact share is never exceeded before month 12
            BigDecimal month = annual.multiply(weights.get(m)).divide(total, 2, RoundingMode.DOWN);
            instalments.add(month);
            paid = paid.add(month);
        }
        instalments.add(annual.setScale(2).subtract(paid));
        return List.copyOf(instalments);
    }
}
