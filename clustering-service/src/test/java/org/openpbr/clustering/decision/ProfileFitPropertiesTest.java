package org.openpbr.clustering.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.openpbr.clustering.scheme.CodeProfile;
import org.openpbr.clustering.scheme.GridCell;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.clustering.scheme.SchemeCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of rule profile-fit-1 on random grids and ratings, checked against a plain reference
 * reading of the rule (cell by cell, then a comparator), independent of the packed keys the rule uses.
 */
class ProfileFitPropertiesTest {

    record Case(ProfileFit fit, Ratings ratings) {
    }

    /** The rule read literally from the issue, one code at a time. */
    record Reference(String code, int index, FitGroup group, int expected, int unlikely, int breaches, int unconfirmed) {

        static Reference of(SchemeCode code, int index, Ratings ratings) {
            CodeProfile profile = code.profile().orElseThrow();
            int expected = 0;
            int unlikely = 0;
            int breaches = 0;
            int unconfirmed = 0;
            for (Scale scale : Scale.ALL) {
                boolean hasMust = false;
                for (int r = 0; r <= 4; r++) {
                    hasMust |= profile.cell(scale, r) == GridCell.MUST;
                }
                int rating = ratings.get(scale);
                if (rating == 9) {
                    unconfirmed += hasMust ? 1 : 0;
                    continue;
                }
                GridCell cell = profile.cell(scale, rating);
                breaches += hasMust && cell != GridCell.MUST ? 1 : 0;
                expected += cell == GridCell.EXPECTED ? 1 : 0;
                unlikely += cell == GridCell.UNLIKELY ? 1 : 0;
            }
            FitGroup group = breaches > 0 ? FitGroup.BREAKS_RED_RULES
                    : unconfirmed > 0 ? FitGroup.UNCONFIRMED : FitGroup.MEETS_RED_RULES;
            return new Reference(code.code(), index, group, expected, unlikely, breaches, unconfirmed);
        }

        /** The readable rule from main code, applied to the counts made cell by cell here. */
        static final Comparator<Reference> ORDER = Comparator.comparing(Reference::asFit, CodeFit.RANKING);

        CodeFit asFit() {
            return new CodeFit(code, 0, false, group, expected, unlikely, breaches, unconfirmed);
        }
    }

    @Property
    void every_codes_verdict_and_counts_match_the_grid_cell_by_cell(@ForAll("cases") Case c) {
        FitResult result = c.fit().evaluate(c.ratings());
        List<SchemeCode> codes = c.fit().codes();
        for (int i = 0; i < codes.size(); i++) {
            Reference expected = Reference.of(codes.get(i), i, c.ratings());
            CodeFit actual = result.fitOf(expected.code()).orElseThrow();
            assertThat(actual.group()).isEqualTo(expected.group());
            assertThat(actual.expected()).isEqualTo(expected.expected());
            assertThat(actual.unlikely()).isEqualTo(expected.unlikely());
            assertThat(actual.breaches()).isEqualTo(expected.breaches());
            assertThat(actual.unconfirmed()).isEqualTo(expected.unconfirmed());
        }
    }

    @Property
    void a_9_on_a_scale_with_must_cells_never_meets_the_red_rules(@ForAll("cases") Case c) {
        FitResult result = c.fit().evaluate(c.ratings());
        for (SchemeCode code : c.fit().codes()) {
            boolean nineOnMust = Scale.ALL.stream().anyMatch(
                    scale -> c.ratings().get(scale) == 9 && code.profile().orElseThrow().hasRedRule(scale));
            if (nineOnMust) {
                assertThat(result.fitOf(code.code()).orElseThrow().group()).isNotEqualTo(FitGroup.MEETS_RED_RULES);
            }
        }
    }

    @Property
    void the_packed_fast_path_ranks_exactly_as_the_readable_rule_with_ties_reported(@ForAll("cases") Case c) {
        FitResult result = c.fit().evaluate(c.ratings());
        List<CodeFit> ranking = result.ranking();
        List<SchemeCode> codes = c.fit().codes();

        assertThat(ranking).hasSize(codes.size());
        assertThat(new HashSet<>(ranking.stream().map(CodeFit::code).toList()))
                .isEqualTo(new HashSet<>(codes.stream().map(SchemeCode::code).toList()));
        assertThat(c.fit().evaluate(c.ratings()).ranking()).isEqualTo(ranking);

        List<Reference> reference = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            reference.add(Reference.of(codes.get(i), i, c.ratings()));
        }
        reference.sort(Reference.ORDER.thenComparingInt(Reference::index));
        assertThat(ranking.stream().map(CodeFit::code).toList())
                .isEqualTo(reference.stream().map(Reference::code).toList());
        for (int i = 0; i < reference.size(); i++) {
            boolean tiedBefore = i > 0 && Reference.ORDER.compare(reference.get(i - 1), reference.get(i)) == 0;
            boolean tiedAfter = i + 1 < reference.size()
                    && Reference.ORDER.compare(reference.get(i), reference.get(i + 1)) == 0;
            assertThat(ranking.get(i).tied()).isEqualTo(tiedBefore || tiedAfter);
            assertThat(ranking.get(i).rank()).isEqualTo(tiedBefore ? ranking.get(i - 1).rank() : i + 1);
        }
    }

    @Property
    void the_suggestion_is_the_best_code_meeting_its_red_rules_or_variance(@ForAll("cases") Case c) {
        FitResult result = c.fit().evaluate(c.ratings());
        CodeFit top = result.ranking().get(0);
        if (top.group() == FitGroup.MEETS_RED_RULES) {
            assertThat(result.suggestedCode()).isEqualTo(top.code());
            assertThat(result.nearestCodes()).isEmpty();
        } else {
            assertThat(result.suggestedCode()).isEqualTo("00");
            assertThat(result.outcome()).isEqualTo(FitResult.Outcome.VARIANCE);
            assertThat(result.nearestCodes()).startsWith(top.code()).hasSizeGreaterThanOrEqualTo(
                    Math.min(3, c.fit().codes().size()));
        }
    }

    /**
     * A vector inside one code's MUST and EXPECTED cells, and outside every other code's MUST cells,
     * ranks that code first. Built constructively: the grid is drawn around the vector.
     */
    @Property
    void a_vector_inside_one_codes_profile_and_outside_every_other_red_rule_ranks_that_code_first(
            @ForAll("vectors") int[] vector, @ForAll @IntRange(min = 2, max = 12) int codeCount,
            @ForAll @IntRange(min = 0, max = 11) int chosenIndex, @ForAll("seeds") long seed) {
        int chosen = chosenIndex % codeCount;
        java.util.Random random = new java.util.Random(seed);
        Grids grid = Grids.grid();
        for (int c = 0; c < codeCount; c++) {
            Map<Scale, String> words = new EnumMap<>(Scale.class);
            for (Scale scale : Scale.ALL) {
                words.put(scale, randomWord(random));
            }
            int rating = 0;
            if (c == chosen) {
                // every scale: the rating sits in a MUST cell (scale with a red rule) or an EXPECTED cell
                for (Scale scale : Scale.ALL) {
                    char[] word = words.get(scale).toCharArray();
                    rating = vector[scale.ordinal()];
                    word[rating] = random.nextBoolean() ? 'M' : 'E';
                    if (word[rating] == 'E') {
                        for (int r = 0; r < word.length; r++) {
                            if (word[r] == 'M') {
                                word[r] = 'Y'; // no red rule on this scale, so an E rating cannot break one
                            }
                        }
                    }
                    words.put(scale, new String(word));
                }
            } else {
                // at least one red rule that the vector breaks
                Scale broken = Scale.ALL.get(random.nextInt(Scale.COUNT));
                char[] word = words.get(broken).toCharArray();
                rating = vector[broken.ordinal()];
                word[rating] = random.nextBoolean() ? 'U' : 'Y';
                word[(rating + 1) % word.length] = 'M';
                words.put(broken, new String(word));
            }
            grid.profile("C" + c, CodeProfile.of(words));
        }
        FitResult result = grid.fit().evaluate(Ratings.of(vector));

        assertThat(result.ranking().get(0).code()).isEqualTo("C" + chosen);
        assertThat(result.ranking().get(0).tied()).isFalse();
        assertThat(result.suggestedCode()).isEqualTo("C" + chosen);
        assertThat(result.outcome()).isEqualTo(FitResult.Outcome.SUGGESTED);
    }

    private static String randomWord(java.util.Random random) {
        String letters = "MEYU";
        char[] word = new char[5];
        for (int i = 0; i < word.length; i++) {
            word[i] = letters.charAt(random.nextInt(4));
        }
        return new String(word);
    }

    @Provide
    Arbitrary<int[]> vectors() {
        return Arbitraries.integers().between(0, 4).array(int[].class).ofSize(Scale.COUNT);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> word = Arbitraries.of('M', 'E', 'Y', 'U').list().ofSize(5)
                .map(letters -> letters.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<CodeProfile> profile = word.list().ofSize(Scale.COUNT).map(words -> {
            Map<Scale, String> byScale = new EnumMap<>(Scale.class);
            for (Scale scale : Scale.ALL) {
                byScale.put(scale, words.get(scale.ordinal()));
            }
            return CodeProfile.of(byScale);
        });
        // Small grids and few distinct cells make ties common, so tie handling is exercised.
        Arbitrary<ProfileFit> fits = profile.list().ofMinSize(1).ofMaxSize(25).map(profiles -> {
            Grids grid = Grids.grid();
            for (int i = 0; i < profiles.size(); i++) {
                grid.profile(String.format("%02d", i + 1), profiles.get(i));
            }
            return grid.fit();
        });
        Arbitrary<Ratings> ratings = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(0, 4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(9)))
                .array(int[].class).ofSize(Scale.COUNT).map(Ratings::of);
        return Combinators.combine(fits, ratings).as(Case::new);
    }
}
