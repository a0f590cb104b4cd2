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

    @Test
    void the_summary_names_what_the_files_hold_and_what_the_run_counted() {
        DemoCosting.Summary summary = new DemoCosting.Summary("FY2025-26", 6_000, 2_000, 643, 9_773, "r-1",
                "100.00", "89.99", "8.00", "2.00", "0.01");
        // 6,000 contacts + 2,000 bed days + the sessions' 1,773 attendances = the run's 9,773 rows.
        assertThat(summary.toString()).isEqualTo("period FY2025-26: loaded 6,000 contacts, 2,000 bed days and 643"
                + " group sessions; run r-1 costed 9,773 activity rows (contacts, bed days and group-session"
                + " attendances): costed 100.00 = allocated 89.99 + not clustered 8.00 + unallocated 2.00"
                + " + rounding residual 0.01");
    }

    @Test
    void money_in_the_summary_keeps_its_pennies() throws Exception {
        com.fasterxml.jackson.databind.JsonNode run = DemoCosting.moneyReader()
                .readTree("{\"unallocated\": 0.00, \"costedTotal\": 930064.40}");
        assertThat(run.path("unallocated").asText()).isEqualTo("0.00");
        assertThat(run.path("costedTotal").asText()).isEqualTo("930064.40");
    }
}
