package org.openpbr.costing.run.rule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shares an amount of money among claimants in proportion to their weights, in whole pennies, so
 * that the shares add up to the amount exactly (the largest-remainder method): each claimant first
 * gets the pennies its exact share rounds down to, then the pennies left over go one each to the
 * claimants whose exact shares lost most in that rounding (ties to the earlier claimant). A
 * negative amount (a credit) is shared the same way with its sign.
 *
 * <p>The costing run applies the same rule in SQL to activity; this is the rule, and its tests.
 */
public final class PennyAllocation {

    private PennyAllocation() {
    }

    /**
     * @param amount  money with at most two decimal places
     * @param weights non-negative weights with a positive sum, one per claimant
     * @return each claimant's share, scale 2, adding up to {@code amount}
     */
    public static List<BigDecimal> share(BigDecimal amount, List<BigDecimal> weights) {
        BigInteger pennies = amount.movePointRight(2).toBigIntegerExact();
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal weight : weights) {
            if (weight.signum() < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            total = total.add(weight);
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("weights must have a positive sum");
        }
        // Exact integer arithmetic: scale every weight to an integer, so that each share is
        // floor(|pennies| x weight / total) with an exact remainder.
        int scale = weights.stream().mapToInt(BigDecimal::scale).max().orElse(0);
        BigInteger denominator = total.setScale(Math.max(scale, 0)).unscaledValue();
        BigInteger magnitude = pennies.abs();
        List<BigInteger> base = new ArrayList<>(weights.size());
        List<BigInteger> remainder = new ArrayList<>(weights.size());
        BigInteger given = BigInteger.ZERO;
        for (BigDecimal weight : weights) {
            BigInteger[] qr = magnitude.multiply(weight.setScale(Math.max(scale, 0)).unscaledValue())
                    .divideAndRemainder(denominator);
            base.add(qr[0]);
            remainder.add(qr[1]);
            given = given.add(qr[0]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainder.get(i)).reversed().thenComparing(i -> i));
        int left = magnitude.subtract(given).intValueExact();
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            base.set(i, base.get(i).add(BigInteger.ONE));
        }
        List<BigDecimal> shares = new ArrayList<>(weights.size());
        for (BigInteger share : base) {
            shares.add(new BigDecimal(pennies.signum() < 0 ? share.negate() : share, 2));
        }
        return shares;
    }
}
