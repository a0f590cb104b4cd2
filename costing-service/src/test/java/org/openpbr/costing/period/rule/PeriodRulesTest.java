package org.openpbr.costing.period.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openpbr.platform.problem.FieldError;

class PeriodRulesTest {

    @Test
    void a_period_is_whole_months_and_at_most_twelve_of_them() {
        assertThat(PeriodRules.faults(LocalDate.of(2025, 4, 1), LocalDate.of(2026, 3, 31))).isEmpty();
        assertThat(PeriodRules.faults(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28))).isEmpty();
        assertThat(PeriodRules.faults(LocalDate.of(2025, 4, 1), LocalDate.of(2026, 4, 30)))
                .containsExactly(new FieldError("endDate", "makes the period 13 months long; at most 12"));
        assertThat(PeriodRules.faults(LocalDate.of(2025, 4, 2), LocalDate.of(2026, 3, 30))).containsExactly(
                new FieldError("startDate", "must be the first day of a month: periods are whole months"),
                new FieldError("endDate", "must be the last day of a month: periods are whole months"));
        assertThat(PeriodRules.faults(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 31)))
                .containsExactly(new FieldError("endDate", "must be after startDate"));
        // 2024 is a leap year: 28 February is not the month's last day.
        assertThat(PeriodRules.faults(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 28)))
                .extracting(FieldError::field).containsExactly("endDate");
        assertThat(PeriodRules.faults(null, null)).isEmpty();
    }
}
