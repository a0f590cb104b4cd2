package org.openpbr.synthetic;

import java.time.LocalDate;

/** One thing that happens in the synthetic trust, in date order. */
public sealed interface TrustEvent {

    LocalDate date();

    /** A person registered with the trust. */
    record PatientRegistered(LocalDate date, String localId, String nhsNumber, LocalDate dateOfBirth)
            implements TrustEvent {
    }

    /** A referral / care spell opened. */
    record SpellOpened(LocalDate date, String localId, String spellKey, String commissionerCode, String source)
            implements TrustEvent {
    }

    /**
     * An MHCT assessment.
     *
     * @param ratings        the 18 ratings in scale order (0-4, 9 not known)
     * @param item8Type      the item 8 problem type (A_PHOBIC...) when item 8 is rated 1-4, else null
     * @param intendedCode   the code the ratings were drawn from (the generator's truth)
     * @param allocation     what the clinician does with the suggestion
     * @param overrideCode   with OVERRIDE, the code chosen instead
     * @param overrideReason with OVERRIDE, the coded reason
     */
    record Assessed(LocalDate date, String localId, String spellKey, String reason, int[] ratings, String item8Type,
            String team, String rater, String intendedCode, Allocation allocation, String overrideCode,
            String overrideReason) implements TrustEvent {
    }

    /** What happens after an assessment. */
    enum Allocation {
        /** The clinician allocates the tool's suggestion. */
        FOLLOW_SUGGESTION,
        /** The clinician allocates another code, with a reason. */
        OVERRIDE,
        /** No allocation: a discharge, or a second rater's independent rating. */
        NONE
    }
}
