package org.openpbr.platform.disclosure;

/**
 * The one small-number rule for every aggregate a commissioner or a dashboard sees: a count of 1
 * to 4 is withheld (0 is shown: it identifies nobody), and a derived figure whose count or base is
 * withheld is withheld with it. Published outputs can also round every shown count to the nearest
 * multiple of {@code roundTo} (5 in national statistics; 1 means exact).
 */
public final class SmallNumbers {

    /** Counts from 1 up to, but not including, this are withheld. */
    public static final int THRESHOLD = 5;

    private final int roundTo;

    public SmallNumbers(int roundTo) {
        if (roundTo < 1) {
            throw new IllegalArgumentException("openpbr.disclosure.round-counts-to must be 1 (exact) or more, e.g. 5");
        }
        this.roundTo = roundTo;
    }

    /** Exact counts, 1-4 withheld. */
    public static SmallNumbers exact() {
        return new SmallNumbers(1);
    }

    public int roundTo() {
        return roundTo;
    }

    /** True when the count must be withheld. */
    public static boolean withheld(long count) {
        return count > 0 && count < THRESHOLD;
    }

    /** True when a figure over this count and base must be withheld (either is a small number). */
    public static boolean withheld(long count, long base) {
        return withheld(count) || withheld(base);
    }

    /** The count as shown: null when withheld, otherwise rounded half up to a multiple of {@code roundTo}. */
    public Integer shown(long count) {
        if (withheld(count)) {
            return null;
        }
        long rounded = roundTo == 1 ? count : Math.floorDiv(count + roundTo / 2, (long) roundTo) * roundTo;
        return Math.toIntExact(rounded);
    }
}
