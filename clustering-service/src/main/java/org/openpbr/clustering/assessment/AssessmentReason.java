package org.openpbr.clustering.assessment;

/** Why the MHCT was rated (the care transition protocol's points of (re-)clustering). */
public enum AssessmentReason {
    INITIAL, SCHEDULED_REVIEW, ADMISSION, TRANSFER, CRISIS,
    /** Rated for outcomes; ends the cluster episode and allocates no new cluster. */
    DISCHARGE,
    OTHER
}
