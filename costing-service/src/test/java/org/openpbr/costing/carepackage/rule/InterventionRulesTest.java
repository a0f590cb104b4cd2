package org.openpbr.costing.carepackage.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.costing.carepackage.rule.PackageCosting.Setting;
import org.openpbr.platform.problem.FieldError;

class InterventionRulesTest {

    @Test
    void community_care_names_its_staff_group_and_minutes() {
        assertThat(InterventionRules.bySetting(Setting.COMMUNITY, "Nurse", 30, 4)).isEmpty();
        assertThat(InterventionRules.bySetting(Setting.COMMUNITY, " ", null, null)).containsExactly(
                new FieldError("staffGroup", "is required for community care"),
                new FieldError("minutes", "is required for community care"));
    }

    @Test
    void a_ward_stay_has_no_staff_group_minutes_or_group() {
        assertThat(InterventionRules.bySetting(Setting.WARD, null, null, null)).isEmpty();
        assertThat(InterventionRules.bySetting(Setting.WARD, null, null, 1)).isEmpty();
        assertThat(InterventionRules.bySetting(Setting.WARD, "Nurse", 30, 2)).extracting(FieldError::field)
                .containsExactly("staffGroup", "minutes", "groupSize");
        assertThat(InterventionRules.bySetting(null, "Nurse", 30, 2)).isEmpty();
    }

    @Test
    void no_intervention_lasts_longer_than_its_package() {
        assertThat(InterventionRules.withinPackage(12, Arrays.asList(12, null, 13, 1))).containsExactly(
                new FieldError("interventions[2].durationWeeks", "must be 1 to the package's 12 weeks"));
        assertThat(InterventionRules.withinPackage(null, List.of(200))).isEmpty();
    }
}
