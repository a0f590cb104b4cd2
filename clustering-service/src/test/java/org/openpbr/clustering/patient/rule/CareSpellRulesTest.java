package org.openpbr.clustering.patient.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openpbr.platform.problem.FieldError;

class CareSpellRulesTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 1);

    @Test
    void a_spell_ends_on_or_after_its_start() {
        assertThat(CareSpellRules.faults(START, START, false, null)).isEmpty();
        assertThat(CareSpellRules.faults(START, START.minusDays(1), false, null))
                .containsExactly(new FieldError("endDate", "must not be before startDate"));
        assertThat(CareSpellRules.faults(null, START, false, null)).isEmpty();
    }

    @Test
    void a_referral_from_an_independent_provider_names_it() {
        assertThat(CareSpellRules.faults(START, null, true, "NZ1")).isEmpty();
        assertThat(CareSpellRules.faults(START, null, true, " ")).containsExactly(
                new FieldError("referringOrgCode", "is required when the source is INDEPENDENT_PROVIDER"));
        assertThat(CareSpellRules.faults(START, null, false, null)).isEmpty();
    }

    @Test
    void a_spell_starts_on_or_after_the_date_of_birth() {
        assertThat(CareSpellRules.startAfterBirth(START, START, "careSpell.startDate")).isEmpty();
        assertThat(CareSpellRules.startAfterBirth(START, START.plusDays(1), "careSpell.startDate"))
                .containsExactly(new FieldError("careSpell.startDate", "must not be before the date of birth"));
        assertThat(CareSpellRules.startAfterBirth(START, null, "startDate")).isEmpty();
    }
}
