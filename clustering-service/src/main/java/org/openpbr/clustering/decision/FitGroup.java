package org.openpbr.clustering.decision;

/** Where a code stands against its red rules (its MUST cells); candidates rank in this order. */
public enum FitGroup {
    /** Every scale with MUST cells is rated in one of them. */
    MEETS_RED_RULES,
    /** No red rule is broken, but a scale with MUST cells is rated 9 (not known), so it cannot be confirmed. */
    UNCONFIRMED,
    /** At least one scale with MUST cells is rated (0-4) outside them. */
    BREAKS_RED_RULES
}
