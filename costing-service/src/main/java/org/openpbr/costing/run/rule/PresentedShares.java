package org.openpbr.costing.run.rule;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rounds exact shares to whole pennies for presentation, once, so that they add up to the figure
 * above them, and shows what they leave.
 *
 * <p>Each share is first its exact amount rounded down; the pennies still needed to reach the
 * target go one each to the shares that lost most in that rounding (largest remainders). When the
 * last pennies would have to be given to some but not all of several shares whose remainders are
 * exactly equal, none of those shares gets one: any choice among them would favour one claimant
 * (a code over "not clustered", an earlier episode over a later one), so those pennies stay as the
 * level's residual. Invariants: every share is strictly within one penny of its exact amount; the
 * shares plus the residual equal the target; the residual is 0 to (number of tied shares - 1)
 * pennies; the result does not depend on the order the shares are given in.
 */
public final class PresentedShares {

    private PresentedShares() {
    }

    /** Whole pennies per share, in the order given, and the pennies no share could take without a tie-break. */
    public record Rounded(List<BigInteger> pennies, BigInteger residual) {
    }

    /**
     * @param target the figure the shares add up to, in pennies: the level above as presented
     * @param exact  each share's exact amount in pennies; their sum must be within one penny of the target
     */
    public static Rounded round(BigInteger target, List<Fraction> exact) {
        BigInteger denominator = BigInteger.ONE;
        for (Fraction share : exact) {
            denominator = denominator.divide(denominator.gcd(share.denominator())).multiply(share.denominator());
        }
        List<BigInteger> numerators = new ArrayList<>(exact.size());
        for (Fraction share : exact) {
            numerators.add(share.numerator().multiply(denominator.divide(share.denominator())));
        }
        return round(target, numerators, denominator);
    }

    /**
     * As {@link #round(BigInteger, List)}, for shares over one common denominator: share i is
     * {@code numerators[i] / denominator} pennies. Equal remainders are then equal integers, so the
     * rounding needs no fraction arithmetic however many shares there are.
     */
    public static Rounded round(BigInteger target, List<BigInteger> numerators, BigInteger denominator) {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("the denominator must be positive");
        }
        BigInteger sum = BigInteger.ZERO;
        List<BigInteger> pennies = new ArrayList<>(numerators.size());
        List<BigInteger> remainders = new ArrayList<>(numerators.size());
        BigInteger given = BigInteger.ZERO;
        for (BigInteger share : numerators) {
            sum = sum.add(share);
            BigInteger[] qr = share.divideAndRemainder(denominator);
            BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
            pennies.add(floor);
            remainders.add(qr[1].signum() < 0 ? qr[1].add(denominator) : qr[1]);
            given = given.add(floor);
        }
        if (target.multiply(denominator).subtract(sum).abs().compareTo(denominator) >= 0) {
            throw new IllegalArgumentException("the exact shares (" + sum + "/" + denominator
                    + ") are not within a penny of the target " + target);
        }
        // At least 0, and at most the number of shares with a remainder, when the sum is right.
        int left = target.subtract(given).intValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(remainders::get, Comparator.reverseOrder()));
        int giving = left;
        if (left > 0 && left < order.size()
                && remainders.get(order.get(left - 1)).compareTo(remainders.get(order.get(left))) == 0) {
            // The cut falls inside a group of equal remainders: give only to those strictly above it.
            BigInteger tied = remainders.get(order.get(left));
            giving = 0;
            while (remainders.get(order.get(giving)).compareTo(tied) > 0) {
                giving++;
            }
        }
        for (int k = 0; k < giving; k++) {
            int i = order.get(k);
            pennies.set(i, pennies.get(i).add(BigInteger.ONE));
        }
        return new Rounded(pennies, BigInteger.valueOf(left - giving));
    }
}
