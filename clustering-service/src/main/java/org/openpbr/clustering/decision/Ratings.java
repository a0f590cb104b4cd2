package org.openpbr.clustering.decision;

import java.util.Arrays;
import java.util.Map;

import org.openpbr.clustering.scheme.Scale;

/** The 18 MHCT ratings of one assessment, in scale order; each 0-4 or 9 (not known). Immutable. */
public final class Ratings {

    private final byte[] values;

    private Ratings(byte[] values) {
        this.values = values;
    }

    /**
     * @param values 18 ratings in scale order
     * @throws IllegalArgumentException when there are not 18 or one is not 0-4 or 9
     */
    public static Ratings of(int... values) {
        if (values.length != Scale.COUNT) {
            throw new IllegalArgumentException("an MHCT has " + Scale.COUNT + " ratings, not " + values.length);
        }
        byte[] copy = new byte[Scale.COUNT];
        for (int i = 0; i < values.length; i++) {
            if (!Scale.isValidRating(values[i])) {
                throw new IllegalArgumentException("rating " + values[i] + " for scale " + Scale.ALL.get(i).id()
                        + " is not 0-4 or 9");
            }
            copy[i] = (byte) values[i];
        }
        return new Ratings(copy);
    }

    public static Ratings of(Map<Scale, Integer> byScale) {
        int[] values = new int[Scale.COUNT];
        for (Scale scale : Scale.ALL) {
            Integer rating = byScale.get(scale);
            if (rating == null) {
                throw new IllegalArgumentException("scale " + scale.id() + " is not rated");
            }
            values[scale.ordinal()] = rating;
        }
        return of(values);
    }

    public int get(Scale scale) {
        return values[scale.ordinal()];
    }

    int get(int scaleIndex) {
        return values[scaleIndex];
    }

    public boolean isKnown(Scale scale) {
        return values[scale.ordinal()] != Scale.NOT_KNOWN;
    }

    /** How many scales are rated 9 (not known). */
    public int missing() {
        int missing = 0;
        for (byte value : values) {
            if (value == Scale.NOT_KNOWN) {
                missing++;
            }
        }
        return missing;
    }

    public int[] toArray() {
        int[] copy = new int[Scale.COUNT];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values[i];
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ratings ratings && Arrays.equals(values, ratings.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
