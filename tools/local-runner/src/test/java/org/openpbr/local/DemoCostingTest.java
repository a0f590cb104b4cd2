package org.openpbr.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DemoCostingTest {

    @Test
    void the_demo_costs_the_financial_year_that_ended_most_recently() {
        assertThat(DemoCosting.lastFinancialYear(LocalDate.of(2026, 11, 23)))
                .containsExactly(LocalDate.of(2025, 4, 1), LocalDate.of(2026, 3, 31));
        // on 31 March the year is not yet over
        assertThat(DemoCosting.lastFinancialYear(LocalDate.of(2026, 3, 31)))
                .containsExactly(LocalDate.of(2024, 4, 1), LocalDate.of(2025, 3, 31));
        assertThat(DemoCosting.lastFinancialYear(LocalDate.of(2026, 4, 1)))
                .containsExactly(LocalDate.of(2025, 4, 1), LocalDate.of(2026, 3, 31));
        assertThat(DemoCosting.lastFinancialYear(LocalDate.of(2024, 1, 15)))
                .containsExactly(LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31));
    }
}
