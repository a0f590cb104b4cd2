package org.openpbr.clustering.assessment.rule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.assessment.AssessmentReason;
import org.openpbr.clustering.assessment.Item8ProblemType;
import org.openpbr.clustering.assessment.OverrideReason;
import org.openpbr.platform.problem.FieldError;

class AssessmentRulesTest {

    @Test
    void item_8_names_a_problem_type_only_when_rated_1_to_4() {
        Item8ProblemType other = Item8ProblemType.J_OTHER;
        Item8ProblemType first = Item8ProblemType.A_PHOBIC;
        assertThat(AssessmentRules.item8(2, first, null)).isEmpty();
        assertThat(AssessmentRules.item8(2, null, null))
                .containsExactly(new FieldError("item8ProblemType", "is required when item 8 is rated 1-4 (A-J)"));
        assertThat(AssessmentRules.item8(0, first, null))
                .containsExactly(new FieldError("item8ProblemType", "is only recorded when item 8 is rated 1-4"));
        // 9 (not known) is not a problem rating either.
        assertThat(AssessmentRules.item8(9, first, null)).extracting(FieldError::field).containsExactly("item8ProblemType");
        assertThat(AssessmentRules.item8(4, other, "hoarding")).isEmpty();
        assertThat(AssessmentRules.item8(4, other, " "))
                .containsExactly(new FieldError("item8ProblemText", "is required with J_OTHER"));
        assertThat(AssessmentRules.item8(4, first, "text"))
                .containsExactly(new FieldError("item8ProblemText", "is only recorded with J_OTHER"));
    }

    @Test
    void an_invalid_or_missing_item_8_rating_is_left_to_its_own_check() {
        assertThat(AssessmentRules.item8(null, null, "text")).isEmpty();
        assertThat(AssessmentRules.item8(7, null, "text")).isEmpty();
    }

    @Test
    void a_discharge_allocates_no_cluster() {
        assertThat(AssessmentRules.faults(AssessmentReason.DISCHARGE, 0, null, null, true)).containsExactly(
                new FieldError("allocation", "a discharge assessment ends the episode and allocates no cluster"));
        assertThat(AssessmentRules.faults(AssessmentReason.DISCHARGE, 0, null, null, false)).isEmpty();
        assertThat(AssessmentRules.faults(AssessmentReason.INITIAL, 0, null, null, true)).isEmpty();
    }

    @Test
    void override_text_goes_with_a_reason_that_needs_it() {
        for (OverrideReason reason : OverrideReason.values()) {
            if (reason.needsText()) {
                assertThat(AssessmentRules.overrideText(reason, null))
                        .containsExactly(new FieldError("overrideText", "is required with " + reason));
            } else {
                assertThat(AssessmentRules.overrideText(reason, null)).isEmpty();
            }
            assertThat(AssessmentRules.overrideText(reason, "seen at home")).isEmpty();
        }
        assertThat(AssessmentRules.overrideText(null, "seen at home"))
                .containsExactly(new FieldError("overrideText", "goes with an overrideReason"));
        assertThat(AssessmentRules.overrideText(null, null)).isEmpty();
    }
}
