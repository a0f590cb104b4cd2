package org.openpbr.clustering.decision;

import java.util.ArrayList;
import java.util.Arrays;
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

    private final List<SchemeCode> codes;
    private final String varianceCode;
    private final int size;
    // Per code, per scale: bit r set when rating r is in a cell of that kind.
    private final byte[] must;
    private final byte[] expected;
    private final byte[] unlikely;

    private ProfileFit(List<SchemeCode> codes, String varianceCode) {
        this.codes = List.copyOf(codes);
        this.varianceCode = varianceCode;
        this.size = codes.size();
        this.must = new byte[size * Scale.COUNT];
        this.expected = new byte[size * Scale.COUNT];
        this.unlikely = new byte[size * Scale.COUNT];
        for (int c = 0; c < size; c++) {
            CodeProfile profile = codes.get(c).profile().orElseThrow();
            for (Scale scale : Scale.ALL) {
                int at = c * Scale.COUNT + scale.ordinal();
                must[at] = (byte) profile.mask(scale, GridCell.MUST);
                expected[at] = (byte) profile.mask(scale, GridCell.EXPECTED);
                unlikely[at] = (byte) profile.mask(scale, GridCell.UNLIKELY);
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
        long[] keys = new long[size];
        for (int c = 0; c < size; c++) {
            keys[c] = key(c, ratings);
        }
        Arrays.sort(keys);
        return new FitResult(this, ratings, keys);
    }

    private long key(int c, Ratings ratings) {
        int expectedCount = 0;
        int unlikelyCount = 0;
        int breaches = 0;
        int unconfirmed = 0;
        int base = c * Scale.COUNT;
        for (int s = 0; s < Scale.COUNT; s++) {
            int rating = ratings.get(s);
            int mustMask = must[base + s];
            if (rating == Scale.NOT_KNOWN) {
                if (mustMask != 0) {
                    unconfirmed++;
                }
                continue;
            }
            int bit = 1 << rating;
            if (mustMask != 0 && (mustMask & bit) == 0) {
                breaches++;
            }
            if ((expected[base + s] & bit) != 0) {
                expectedCount++;
            }
            if ((unlikely[base + s] & bit) != 0) {
                unlikelyCount++;
            }
        }
        FitGroup group = breaches > 0 ? FitGroup.BREAKS_RED_RULES
                : unconfirmed > 0 ? FitGroup.UNCONFIRMED : FitGroup.MEETS_RED_RULES;
        long key = group.ordinal();
        key = (key << COUNT_BITS) | (Scale.COUNT - expectedCount);
        key = (key << COUNT_BITS) | unlikelyCount;
        key = (key << COUNT_BITS) | breaches;
        key = (key << INDEX_BITS) | c;
        return (key << UNCONFIRMED_BITS) | unconfirmed;
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
