package org.openpbr.clustering.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openpbr.clustering.decision.Grids.grid;
import static org.openpbr.clustering.decision.Grids.ratings;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.scheme.GridCell;
import org.openpbr.clustering.scheme.Scale;

/** Worked examples of rule profile-fit-1, each result worked out by hand from the grid written in the test. */
class ProfileFitExamplesTest {

    // X: red rule 7 in {3,4}; 1 rated 2 is EXPECTED. Y: red rule 7 in {0,1,2}; 7 rated 3-4 UNLIKELY.
    // Z: red rule 6 in {0}; nothing expected.
    private final ProfileFit xyz = grid()
            .code("X", "7", "UUUMM", "1", "UUEUU")
            .code("Y", "7", "MMMUU")
            .code("Z", "6", "MUUUU")
            .fit();

    @Test
    void the_code_meeting_its_red_rules_with_most_expected_cells_is_suggested() {
        // 7=3: X meets (M), Y breaks (U: 1 unlikely, 1 breach), Z meets (6=0 is M).
        // Every other scale is rated 0, a MAY cell, except X's scale 1 (rated 2 here, an EXPECTED cell).
        // 1=2: X expected 1; Y and Z may. So X (meets, 1 expected) > Z (meets, 0) > Y (breaks).
        FitResult result = xyz.evaluate(ratings("7", 3, "1", 2));

        assertThat(result.outcome()).isEqualTo(FitResult.Outcome.SUGGESTED);
        assertThat(result.suggestedCode()).isEqualTo("X");
        assertThat(result.ranking()).containsExactly(
                new CodeFit("X", 1, false, FitGroup.MEETS_RED_RULES, 1, 0, 0, 0),
                new CodeFit("Z", 2, false, FitGroup.MEETS_RED_RULES, 0, 0, 0, 0),
                new CodeFit("Y", 3, false, FitGroup.BREAKS_RED_RULES, 0, 1, 1, 0));
        assertThat(result.nearestCodes()).isEmpty();
        assertThat(result.agreesWith("X")).isTrue();
        assertThat(result.agreesWith("Z")).isFalse();
    }

    @Test
    void a_9_on_a_red_rule_scale_leaves_the_code_unconfirmed_never_met() {
        // 7 not known: X and Y cannot be confirmed (their red rules are on 7); Z meets (6=0).
        // Among the unconfirmed, X has 1 rated 0, an UNLIKELY cell, so Y (no unlikely cell) ranks above it.
        FitResult result = xyz.evaluate(ratings("7", 9));

        assertThat(result.ranking()).extracting(CodeFit::code, CodeFit::group, CodeFit::unconfirmed, CodeFit::unlikely)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Z", FitGroup.MEETS_RED_RULES, 0, 0),
                        org.assertj.core.groups.Tuple.tuple("Y", FitGroup.UNCONFIRMED, 1, 0),
                        org.assertj.core.groups.Tuple.tuple("X", FitGroup.UNCONFIRMED, 1, 1));
        assertThat(result.suggestedCode()).isEqualTo("Z");
        assertThat(result.ratings().missing()).isEqualTo(1);
    }

    @Test
    void when_no_code_meets_its_red_rules_the_variance_code_is_suggested_with_the_nearest() {
        // 6=2 breaks Z; 7 not known leaves X and Y unconfirmed: no code meets its red rules.
        FitResult result = xyz.evaluate(ratings("6", 2, "7", 9));

        assertThat(result.outcome()).isEqualTo(FitResult.Outcome.VARIANCE);
        assertThat(result.suggestedCode()).isEqualTo("00");
        // Y (unconfirmed, no unlikely cell), X (unconfirmed, 1 rated 0 is UNLIKELY), Z (breaks).
        assertThat(result.nearestCodes()).containsExactly("Y", "X", "Z");
        assertThat(result.ranking()).extracting(CodeFit::code, CodeFit::rank, CodeFit::group).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Y", 1, FitGroup.UNCONFIRMED),
                org.assertj.core.groups.Tuple.tuple("X", 2, FitGroup.UNCONFIRMED),
                org.assertj.core.groups.Tuple.tuple("Z", 3, FitGroup.BREAKS_RED_RULES));
        assertThat(result.agreesWith("00")).isTrue();
        assertThat(result.agreesWith("X")).isFalse();
    }

    @Test
    void equal_keys_at_the_top_are_reported_as_a_tie() {
        // P and Q both: red rule 2 in {0}; 3 rated 1 expected. Identical keys, so tied; P first by scheme order.
        ProfileFit fit = grid().code("P", "2", "MUUUU", "3", "UEUUU").code("Q", "2", "MUUUU", "3", "UEUUU")
                .code("R", "2", "UMUUU").fit();
        FitResult result = fit.evaluate(ratings("3", 1));

        assertThat(result.outcome()).isEqualTo(FitResult.Outcome.TIED);
        assertThat(result.suggestedCode()).isEqualTo("P");
        assertThat(result.tiedCodes()).containsExactly("P", "Q");
        assertThat(result.agreesWith("Q")).isTrue();
        assertThat(result.agreesWith("R")).isFalse();
    }

    @Test
    void within_a_group_fewer_unlikely_cells_then_fewer_breaches_decide() {
        // All three break their red rule on 2 (rated 3, a U cell); none has an expected cell rated.
        // A: 1 unlikely, 1 breach. B: 2 unlikely (2=3 and 5=0), 1 breach.
        // C: 1 unlikely, 2 breaches (2, and 4 rated 0 outside its MUST cell at 1).
        ProfileFit fit = grid()
                .code("A", "2", "MUUUU")
                .code("B", "2", "MUUUU", "5", "UYYYY")
                .code("C", "2", "MUUUU", "4", "YMYYY")
                .fit();
        FitResult result = fit.evaluate(ratings("2", 3));

        // A (1 unlikely, 1 breach) < C (1 unlikely, 2 breaches) < B (2 unlikely, 1 breach).
        assertThat(result.ranking()).extracting(CodeFit::code, CodeFit::unlikely, CodeFit::breaches).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", 1, 1),
                org.assertj.core.groups.Tuple.tuple("C", 1, 2),
                org.assertj.core.groups.Tuple.tuple("B", 2, 1));
        assertThat(result.suggestedCode()).isEqualTo("00");
    }

    @Test
    void the_trace_shows_each_scales_cell_red_rule_and_breach() {
        FitResult result = xyz.evaluate(ratings("7", 3, "1", 2, "6", 9));
        List<ScaleTrace> y = result.trace("Y").orElseThrow();

        assertThat(y).hasSize(18);
        assertThat(y.get(Scale.S7.ordinal())).isEqualTo(new ScaleTrace(Scale.S7, 3, GridCell.UNLIKELY, true, true));
        assertThat(y.get(Scale.S1.ordinal())).isEqualTo(new ScaleTrace(Scale.S1, 2, GridCell.MAY, false, false));
        assertThat(y.get(Scale.S6.ordinal())).isEqualTo(new ScaleTrace(Scale.S6, 9, null, false, false));
        assertThat(result.trace("Z").orElseThrow().get(Scale.S6.ordinal()))
                .isEqualTo(new ScaleTrace(Scale.S6, 9, null, true, false));
        assertThat(result.trace("00")).isEmpty();
    }

    @Test
    void a_scheme_without_a_grid_has_no_rule() {
        assertThatThrownBy(() -> ProfileFit.of(new org.openpbr.clustering.scheme.SchemeDefinition("rg", "1", "RG",
                java.time.LocalDate.of(2024, 4, 1), java.util.Optional.empty(), false, java.util.Optional.empty(),
                List.of(new org.openpbr.clustering.scheme.SchemeCode("AOA-COM", "Adult", "Adult",
                        java.time.Period.ofMonths(12), java.util.Optional.empty())))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allocated by hand");
    }

    @Test
    void ratings_outside_0_to_4_and_9_are_refused() {
        assertThatThrownBy(() -> ratings("7", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ratings.of(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
