package org.openpbr.clustering.patient;

/** Where a referral came from (a short national-style list; OTHER covers the rest). */
public enum ReferralSource {
    GP, SELF, ACUTE_HOSPITAL, CRIMINAL_JUSTICE, SOCIAL_CARE, NHS_MENTAL_HEALTH_PROVIDER,
    /** From an independent-sector provider; such a referral may arrive already clustered. */
    INDEPENDENT_PROVIDER,
    OTHER
}
