package org.openpbr.costing.run.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A code's change in cost between two runs, new against old, split into price (cost per cluster
 * day) and volume (cluster days): price = (new cost per day - old cost per day) x new days; volume
 * = old cost per day x (new days - old days). Both are exact rationals that add up to the change;
 * each is rounded once to the penny, half to even, and what the two roundings leave is shown as the
 * residual (-0.01, 0.00 or 0.01). A code new in the later run has no old cost per day: its whole
 * change is volume.
 */
public final class ChangeEffects {

    private ChangeEffects() {
    }

    /** price null when the old run had no days of the code. */
    public record Effects(BigDecimal change, BigDecimal price, BigDecimal volume, BigDecimal residual) {
    }

    public static Effects of(BigDecimal oldCost, long oldDays, BigDecimal newCost, long newDays) {
        BigDecimal change = newCost.subtract(oldCost);
        if (oldDays == 0) {
            return new Effects(change, null, change, BigDecimal.ZERO.setScale(2));
        }
        // volume = old cost x (new days - old days) / old days; price = change - volume, exactly
        BigDecimal volumeNumerator = oldCost.multiply(BigDecimal.valueOf(newDays - oldDays));
        BigDecimal days = BigDecimal.valueOf(oldDays);
        BigDecimal volume = volumeNumerator.divide(days, 2, RoundingMode.HALF_EVEN);
        BigDecimal priceNumerator = change.multiply(days).subtract(volumeNumerator);
        BigDecimal price = priceNumerator.divide(days, 2, RoundingMode.HALF_EVEN);
        return new Effects(change, price, volume, change.subtract(price).subtract(volume));
    }
}
