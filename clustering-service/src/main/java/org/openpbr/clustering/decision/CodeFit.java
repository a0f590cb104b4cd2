package org.openpbr.clustering.decision;

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
}
