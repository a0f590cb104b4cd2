package org.openpbr.clustering.assessment;

/** MHCT item 8 (other mental and behavioural problems): the problem type, required when item 8 is rated 1-4. */
public enum Item8ProblemType {
    A_PHOBIC, B_ANXIETY, C_OBSESSIVE_COMPULSIVE, D_MENTAL_STRAIN, E_DISSOCIATIVE, F_SOMATOFORM, G_EATING, H_SLEEP,
    I_SEXUAL,
    /** Other: needs a free-text description. */
    J_OTHER
}
