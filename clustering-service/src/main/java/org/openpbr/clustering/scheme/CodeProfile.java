package org.openpbr.clustering.scheme;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One code's row of a profile grid: for each of the 18 scales and each rating 0-4, its
 * {@link GridCell}. Immutable. Written as one five-letter word per scale, a letter per rating from
 * 0 to 4 (for example {@code MMUUU}: ratings 0 and 1 are a must, 2 to 4 unlikely).
 */
public final class CodeProfile {

    public static final int RATINGS = Scale.MAX_RATING + 1;

    private final GridCell[] cells = new GridCell[Scale.COUNT * RATINGS];

    private CodeProfile() {
    }

    /**
     * @param words a five-letter word for every scale, already checked by {@link #faultIn(String)}
     * @throws IllegalArgumentException if a scale is missing or a word is not valid
     */
    public static CodeProfile of(Map<Scale, String> words) {
        CodeProfile profile = new CodeProfile();
        for (Scale scale : Scale.ALL) {
            String word = words.get(scale);
            String fault = word == null ? "is missing" : faultIn(word);
            if (fault != null) {
                throw new IllegalArgumentException("scale " + scale.id() + " " + fault);
            }
            for (int rating = 0; rating < RATINGS; rating++) {
                profile.cells[scale.ordinal() * RATINGS + rating] = GridCell.byLetter(word.charAt(rating)).orElseThrow();
            }
        }
        return profile;
    }

    /** Why a scale's word is not a valid row of five cells, or null when it is. */
    public static String faultIn(String word) {
        if (word.length() != RATINGS) {
            return "must have exactly " + RATINGS + " letters (one per rating 0-4), not " + word.length();
        }
        for (int i = 0; i < RATINGS; i++) {
            if (GridCell.byLetter(word.charAt(i)).isEmpty()) {
                return "has '" + word.charAt(i) + "' for rating " + i + "; use M (must), E (expected), Y (may) or U (unlikely)";
            }
        }
        return null;
    }

    public GridCell cell(Scale scale, int rating) {
        return cells[scale.ordinal() * RATINGS + rating];
    }

    /** Whether the scale carries a red rule (at least one MUST cell). */
    public boolean hasRedRule(Scale scale) {
        return mask(scale, GridCell.MUST) != 0;
    }

    /** Bit {@code r} is set when rating {@code r} is in a cell of this kind. */
    public int mask(Scale scale, GridCell kind) {
        int mask = 0;
        for (int rating = 0; rating < RATINGS; rating++) {
            if (cell(scale, rating) == kind) {
                mask |= 1 << rating;
            }
        }
        return mask;
    }

    /** The profile as written: scale id to five-letter word, in scale order. */
    public Map<String, String> words() {
        Map<String, String> words = new LinkedHashMap<>();
        for (Scale scale : Scale.ALL) {
            StringBuilder word = new StringBuilder(RATINGS);
            for (int rating = 0; rating < RATINGS; rating++) {
                word.append(cell(scale, rating).letter());
            }
            words.put(scale.id(), word.toString());
        }
        return words;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodeProfile profile && Arrays.equals(cells, profile.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }
}
