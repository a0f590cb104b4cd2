package org.openpbr.costing.tariff.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.platform.problem.FieldError;

class ProposalRulesTest {

    private static final LocalDate APRIL = LocalDate.of(2026, 4, 1);

    private static List<FieldError> validity(LocalDate from, LocalDate to) {
        return ProposalRules.faults(from, to, List.of(), List.of());
    }

    @Test
    void a_tariff_is_valid_for_at_most_three_years_of_366_days() {
        // 2026-04-01 to 2029-03-31 is 365 + 366 (29 February 2028) + 365 = 1,096 days, so 2029-04-02
        // is the 1,098th day: allowed; one more is not.
        assertThat(validity(APRIL, LocalDate.of(2029, 4, 2))).isEmpty();
        assertThat(validity(APRIL, LocalDate.of(2029, 4, 3))).containsExactly(
                new FieldError("validTo", "makes the tariff valid for 1099 days; at most 1098"));
        assertThat(validity(APRIL, APRIL)).isEmpty();
        assertThat(validity(APRIL, APRIL.minusDays(1)))
                .containsExactly(new FieldError("validTo", "must not be before validFrom"));
        assertThat(validity(null, APRIL)).isEmpty();
    }

    @Test
    void flags_are_declared_once_and_planned_lines_use_only_declared_flags_within_their_units() {
        List<FieldError> faults = ProposalRules.faults(APRIL, APRIL.plusDays(364), List.of("ABI", "DEAF", "ABI"),
                List.of(new ProposalRules.Line("11", new BigDecimal("10"), Map.of("ABI", new BigDecimal("10"))),
                        new ProposalRules.Line("12", new BigDecimal("3"), Map.of("ABI", new BigDecimal("3.01"))),
                        new ProposalRules.Line("13", new BigDecimal("3"), Map.of("BLIND", BigDecimal.ONE)),
                        new ProposalRules.Line("11", BigDecimal.ONE, null)));
        assertThat(faults).containsExactly(
                new FieldError("topUps[2].flag", "is given twice"),
                new FieldError("activity[1].flaggedUnits[ABI]", "must be at most the code's units (3)"),
                new FieldError("activity[2].flaggedUnits[BLIND]", "is not a flag of topUps"),
                new FieldError("activity[3].code", "is planned twice"));
    }

    @Test
    void missing_parts_are_left_to_their_own_checks() {
        assertThat(ProposalRules.faults(null, null, java.util.Arrays.asList((String) null),
                java.util.Arrays.asList(null, new ProposalRules.Line(null, null, Map.of())))).isEmpty();
    }
}
