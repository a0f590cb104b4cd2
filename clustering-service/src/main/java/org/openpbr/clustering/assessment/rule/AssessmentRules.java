package org.openpbr.clustering.assessment.rule;

import java.util.ArrayList;
import java.util.List;

import org.openpbr.clustering.assessment.AssessmentReason;
import org.openpbr.clustering.assessment.Item8ProblemType;
import org.openpbr.clustering.assessment.OverrideReason;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.platform.problem.FieldError;

/** How an assessment's fields constrain each other, before anything is looked up. */
public final class AssessmentRules {

    private AssessmentRules() {
    }

    /** Every cross-field fault of an assessment request. */
    public static List<FieldError> faults(AssessmentReason reason, Integer item8Rating, Item8ProblemType type,
            String text, boolean allocationGiven) {
        List<FieldError> faults = new ArrayList<>(item8(item8Rating, type, text));
        faults.addAll(allocationAllowed(reason, allocationGiven));
        return faults;
    }

    /**
     * Item 8 (other mental and behavioural problems) names its problem type only when it is rated
     * 1-4, and free text only with J_OTHER. Judged on item 8's own rating, so these faults are
     * reported even when another scale is wrong; an invalid item 8 is reported by its own check.
     */
    public static List<FieldError> item8(Integer item8Rating, Item8ProblemType type, String text) {
        List<FieldError> faults = new ArrayList<>();
        if (item8Rating == null || !Scale.isValidRating(item8Rating)) {
            return faults;
        }
        boolean problem = item8Rating >= 1 && item8Rating <= 4;
        boolean textGiven = text != null && !text.isBlank();
        if (problem && type == null) {
            faults.add(new FieldError("item8ProblemType", "is required when item 8 is rated 1-4 (A-J)"));
        }
        if (!problem && type != null) {
            faults.add(new FieldError("item8ProblemType", "is only recorded when item 8 is rated 1-4"));
        }
        if (type == Item8ProblemType.J_OTHER && !textGiven) {
            faults.add(new FieldError("item8ProblemText", "is required with J_OTHER"));
        }
        if (textGiven && type != Item8ProblemType.J_OTHER) {
            faults.add(new FieldError("item8ProblemText", "is only recorded with J_OTHER"));
        }
        return faults;
    }

    /** A discharge assessment ends the episode; it cannot carry an allocation. */
    public static List<FieldError> allocationAllowed(AssessmentReason reason, boolean allocationGiven) {
        if (reason == AssessmentReason.DISCHARGE && allocationGiven) {
            return List.of(new FieldError("allocation", "a discharge assessment ends the episode and allocates no cluster"));
        }
        return List.of();
    }

    /** An override's free text goes with a reason, and the reasons that need text must have it. */
    public static List<FieldError> overrideText(OverrideReason reason, String text) {
        boolean hasText = text != null && !text.isBlank();
        if (reason != null && reason.needsText() && !hasText) {
            return List.of(new FieldError("overrideText", "is required with " + reason));
        }
        if (hasText && reason == null) {
            return List.of(new FieldError("overrideText", "goes with an overrideReason"));
        }
        return List.of();
    }
}
