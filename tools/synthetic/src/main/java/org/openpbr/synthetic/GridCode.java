package org.openpbr.synthetic;

import java.time.Period;
import java.util.List;

/**
 * One code of the scheme the synthetic trust is clustered in, as the generator needs it.
 *
 * @param code         the code
 * @param superClass   its super-class (overrides choose a neighbour in the same one)
 * @param reviewPeriod its maximum review period
 * @param profile      18 five-letter words (M must, E expected, Y may, U unlikely for ratings 0-4), in
 *                     MHCT scale order; empty for a code without a grid row (such as variance)
 */
public record GridCode(String code, String superClass, Period reviewPeriod, List<String> profile) {

    /** The MHCT scale ids in rating order: scales 1-13, then the historical A-E. */
    public static final List<String> SCALES = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
            "13", "A", "B", "C", "D", "E");

    public GridCode {
        profile = List.copyOf(profile);
        if (!profile.isEmpty() && profile.size() != 18) {
            throw new IllegalArgumentException("a profile has 18 scales");
        }
    }

    public boolean graded() {
        return !profile.isEmpty();
    }
}
