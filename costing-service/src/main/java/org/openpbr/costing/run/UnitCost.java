package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Costs per unit (per cluster day, per episode) for presentation: rounded half-up to the penny,
 * with what the rounding leaves over (the total less the rounded unit cost times the units), so
 * that nothing is hidden in the rounding.
 */
public record UnitCost(BigDecimal perUnit, BigDecimal roundingResidual) {

    /** Null when there are no units to divide by. */
    public static UnitCost of(BigDecimal total, long units) {
        if (units <= 0) {
            return null;
        }
        BigDecimal perUnit = total.divide(BigDecimal.valueOf(units), 2, RoundingMode.HALF_UP);
        return new UnitCost(perUnit, total.subtract(perUnit.multiply(BigDecimal.valueOf(units))));
    }

    /** The unrounded unit cost times a number of days, rounded once, to the penny. */
    public static BigDecimal over(BigDecimal total, long units, long days) {
        if (units <= 0) {
            return null;
        }
        return total.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(units), 2, RoundingMode.HALF_UP);
    }
}
