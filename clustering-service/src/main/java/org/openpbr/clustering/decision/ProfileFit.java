package org.openpbr.clustering.decision;

import java.util.ArrayList;
import java.util.List;

import org.openpbr.clustering.scheme.CodeProfile;
import org.openpbr.clustering.scheme.GridCell;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.clustering.scheme.SchemeDefinition;

/**
 * Decision support rule {@value #RULE_VERSION}: ranks every code that has a profile grid by how
 * well a set of ratings fits it.
 * <ol>
 * <li>A code meets its red rules when every scale with MUST cells is rated in one of them; a 9 on
 * such a scale (and no broken red rule) leaves the code unconfirmed, never met.</li>
 * <li>Codes meeting their red rules rank first, then unconfirmed ones, then the rest; within a group,
 * more scales rated in EXPECTED cells, then fewer in UNLIKELY cells, then fewer broken red rules,
 * then scheme order. Codes with equal keys are reported as tied.</li>
 * <li>When no code meets its red rules, the suggestion is the scheme's variance code.</li>
 * </ol>
 * Ratings of 9 never count as EXPECTED or UNLIKELY. Thread-safe and allocation-light: one call
 * builds one small array; the per-scale trace is derived only when asked for.
 */
public final class ProfileFit {

    public static final String RULE_VERSION = "profile-fit-1";

    /** Codes listed as nearest when the suggestion falls back to the variance code. */
    static final int NEAREST = 3;

    // Packed ranking key, most significant first: group | (18 - expected) | unlikely | breaches | code index
    // | unconfirmed. Sorting the longs ascending sorts by the rule; shifting away the last two fields
    // leaves the part that decides ties.
    private static final int UNCONFIRMED_BITS = 5;
    private static final int INDEX_BITS = 10;
    private static final int COUNT_BITS = 5;
    static final int TIE_SHIFT = UNCONFIRMED_BITS + INDEX_BITS;
    static final int GROUP_SHIFT = TIE_SHIFT + 3 * COUNT_BITS;
    /** More codes with a grid than the packed key can index. */
    public static final int MAX_CODES = (1 << INDEX_BITS) - 1;

    // Counters packed in one int per code, 5 bits each: expected, unlikely, breaches, unconfirmed.
    private static final int EXPECTED_SHIFT = 0;
    private static final int UNLIKELY_SHIFT = 5;
    private static final int BREACH_SHIFT = 10;
    private static final int UNCONFIRMED_SHIFT = 15;
    private static final int FIELD = (1 << 5) - 1;
    /** Rating slots per scale: 0-4, and 9 (not known) in slot 5. */
    private static final int SLOTS = 6;

    private final List<SchemeCode> codes;
    private final String varianceCode;
    private final int size;
    /**
     * For scale s, rating slot r and code c, at (s * SLOTS + r) * size + c: what that rating adds to the
     * code's packed counters. Laid out scale-major so that one rating updates every code in one
     * contiguous pass, which the JIT can vectorise.
     */
    private final int[] increments;

    private ProfileFit(List<SchemeCode> codes, String varianceCode) {
        this.codes = List.copyOf(codes);
        this.varianceCode = varianceCode;
        this.size = codes.size();
        this.increments = new int[Scale.COUNT * SLOTS * size];
        for (int c = 0; c < size; c++) {
            CodeProfile profile = codes.get(c).profile().orElseThrow();
            for (Scale scale : Scale.ALL) {
                boolean redRule = profile.hasRedRule(scale);
                for (int rating = 0; rating <= Scale.MAX_RATING; rating++) {
                    GridCell cell = profile.cell(scale, rating);
                    int add = 0;
                    if (redRule && cell != GridCell.MUST) {
                        add += 1 << BREACH_SHIFT;
                    }
                    if (cell == GridCell.EXPECTED) {
                        add += 1 << EXPECTED_SHIFT;
                    }
                    if (cell == GridCell.UNLIKELY) {
                        add += 1 << UNLIKELY_SHIFT;
                    }
                    increments[(scale.ordinal() * SLOTS + rating) * size + c] = add;
                }
                // A 9 is never scored; on a scale with a red rule it leaves the code unconfirmed.
                increments[(scale.ordinal() * SLOTS + SLOTS - 1) * size + c] = redRule ? 1 << UNCONFIRMED_SHIFT : 0;
            }
        }
    }

    /**
     * The rule for a scheme version's grid.
     *
     * @throws IllegalArgumentException if the scheme has no grid or no variance code
     */
    public static ProfileFit of(SchemeDefinition scheme) {
        List<SchemeCode> graded = new ArrayList<>();
        for (SchemeCode code : scheme.codes()) {
            if (code.profile().isPresent()) {
                graded.add(code);
            }
        }
        if (graded.isEmpty()) {
            throw new IllegalArgumentException("scheme " + scheme.scheme() + " " + scheme.version()
                    + " has no profile grid: its codes are allocated by hand");
        }
        if (graded.size() > MAX_CODES) {
            throw new IllegalArgumentException("a grid may have at most " + MAX_CODES + " codes");
        }
        String variance = scheme.varianceCode().orElseThrow(
                () -> new IllegalArgumentException("a scheme with a grid needs a variance code"));
        return new ProfileFit(graded, variance);
    }

    /** Ranks every code with a grid for these ratings. */
    public FitResult evaluate(Ratings ratings) {
        int[] counters = new int[size];
        for (int s = 0; s < Scale.COUNT; s++) {
            int rating = ratings.get(s);
            int slot = rating == Scale.NOT_KNOWN ? SLOTS - 1 : rating;
            int offset = (s * SLOTS + slot) * size;
            for (int c = 0; c < size; c++) {
                counters[c] += increments[offset + c];
            }
        }
        long[] keys = new long[size];
        for (int c = 0; c < size; c++) {
            keys[c] = key(c, counters[c]);
        }
        return new FitResult(this, ratings, keys);
    }

    private static long key(int c, int counters) {
        int expectedCount = (counters >>> EXPECTED_SHIFT) & FIELD;
        int unlikelyCount = (counters >>> UNLIKELY_SHIFT) & FIELD;
        int breaches = (counters >>> BREACH_SHIFT) & FIELD;
        int unconfirmed = (counters >>> UNCONFIRMED_SHIFT) & FIELD;
        FitGroup group = breaches > 0 ? FitGroup.BREAKS_RED_RULES
                : unconfirmed > 0 ? FitGroup.UNCONFIRMED : FitGroup.MEETS_RED_RULES;
        long key = group.ordinal();
        key = (key << COUNT_BITS) | (Scale.COUNT - expectedCount);
        key = (key << COUNT_BITS) | unlikelyCount;
        key = (key << COUNT_BITS) | breaches;
        key = (key << INDEX_BITS) | c;
        return (key << UNCONFIRMED_BITS) | unconfirmed;
    }

    /** The code at a packed key's index. */
    String codeOf(long key) {
        return codes.get((int) ((key >>> UNCONFIRMED_BITS) & ((1 << INDEX_BITS) - 1))).code();
    }

    /** The scheme's codes that have a grid, in scheme order. */
    public List<SchemeCode> codes() {
        return codes;
    }

    public String varianceCode() {
        return varianceCode;
    }

    int indexOf(String code) {
        for (int c = 0; c < size; c++) {
            if (codes.get(c).code().equals(code)) {
                return c;
            }
        }
        return -1;
    }

    static CodeFit decode(List<SchemeCode> codes, long key, int rank, boolean tied) {
        int unconfirmed = (int) (key & ((1 << UNCONFIRMED_BITS) - 1));
        key >>>= UNCONFIRMED_BITS;
        int index = (int) (key & ((1 << INDEX_BITS) - 1));
        key >>>= INDEX_BITS;
        int breaches = (int) (key & ((1 << COUNT_BITS) - 1));
        key >>>= COUNT_BITS;
        int unlikelyCount = (int) (key & ((1 << COUNT_BITS) - 1));
        key >>>= COUNT_BITS;
        int expectedCount = Scale.COUNT - (int) (key & ((1 << COUNT_BITS) - 1));
        key >>>= COUNT_BITS;
        FitGroup group = FitGroup.values()[(int) key];
        return new CodeFit(codes.get(index).code(), rank, tied, group, expectedCount, unlikelyCount, breaches,
                unconfirmed);
    }

    /** How the ratings sit in one code's grid, scale by scale. */
    List<ScaleTrace> trace(int c, Ratings ratings) {
        CodeProfile profile = codes.get(c).profile().orElseThrow();
        List<ScaleTrace> trace = new ArrayList<>(Scale.COUNT);
        for (Scale scale : Scale.ALL) {
            int rating = ratings.get(scale);
            boolean redRule = profile.hasRedRule(scale);
            if (rating == Scale.NOT_KNOWN) {
                trace.add(new ScaleTrace(scale, rating, null, redRule, false));
            } else {
                GridCell cell = profile.cell(scale, rating);
                trace.add(new ScaleTrace(scale, rating, cell, redRule, redRule && cell != GridCell.MUST));
            }
        }
        return trace;
    }
}
