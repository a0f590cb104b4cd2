package org.openpbr.clustering.assessment;

/** Why the clinician chose a code other than the top suggestion. */
public enum OverrideReason {
    /** The person's needs are not captured by the ratings. */
    NEEDS_NOT_CAPTURED_BY_RATINGS,
    /** Ratings were incomplete (scales rated 9) when the suggestion was made. */
    RATINGS_INCOMPLETE,
    /** A recent change not yet reflected in the two-week rating period. */
    RECENT_CHANGE,
    /** Clinical judgement; needs text. */
    CLINICAL_JUDGEMENT,
    /** Anything else; needs text. */
    OTHER;

    public boolean needsText() {
        return this == CLINICAL_JUDGEMENT || this == OTHER;
    }
}
