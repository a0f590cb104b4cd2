package org.openpbr.clustering.decision;

import java.util.Comparator;

/**
 * How well one code fits a set of ratings under {@link ProfileFit}.
 *
 * @param code        the code
 * @param rank        its rank, 1 for the best; tied codes share a rank (1, 1, 3...)
 * @param tied        whether another code has exactly the same ranking key
 * @param group       where it stands against its red rules
 * @param expected    scales rated in an EXPECTED cell
 * @param unlikely    scales rated in an UNLIKELY cell
 * @param breaches    scales with MUST cells rated (0-4) outside them: broken red rules
 * @param unconfirmed scales with MUST cells rated 9 (not known)
 */
public record CodeFit(String code, int rank, boolean tied, FitGroup group, int expected, int unlikely, int breaches,
        int unconfirmed) {

    /**
     * The order profile-fit-1 ranks codes in, as a person reads it: the red-rule group first (meets,
     * unconfirmed, breaks), then more expected cells, fewer unlikely cells, fewer red rules broken;
     * codes equal on all four are tied and keep scheme order. ProfileFit packs these into one key per
     * code for speed; a property test checks that the packed keys rank exactly as this comparator.
     */
    public static final Comparator<CodeFit> RANKING = Comparator.comparing(CodeFit::group)
            .thenComparing(Comparator.comparingInt(CodeFit::expected).reversed())
            .thenComparingInt(CodeFit::unlikely)
            .thenComparingInt(CodeFit::breaches);
}
