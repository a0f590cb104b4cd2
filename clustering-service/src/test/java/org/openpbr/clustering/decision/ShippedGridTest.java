package org.openpbr.clustering.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.scheme.CodeProfile;
import org.openpbr.clustering.scheme.GridCell;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.clustering.scheme.SchemeDefinition;
import org.openpbr.clustering.scheme.SchemeDraft;
import org.openpbr.clustering.scheme.SchemeValidation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The shipped illustrative grid is usable for decision support: every cluster has ratings, inside
 * its own MUST and EXPECTED cells, that break every other cluster's red rules, and such ratings
 * always rank it first.
 */
class ShippedGridTest {

    static SchemeDefinition careClusters() throws IOException {
        return shipped("mh-care-clusters-2012-illustrative-1");
    }

    /** A shipped scheme version, validated as an upload would be. */
    static SchemeDefinition shipped(String name) throws IOException {
        try (InputStream in = ShippedGridTest.class.getResourceAsStream("/schemes/" + name + ".json")) {
            SchemeDraft draft = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, SchemeDraft.class);
            SchemeValidation.Result result = SchemeValidation.validate(draft, SchemeValidation.JSON);
            assertThat(result.errors()).isEmpty();
            return result.definition().orElseThrow();
        }
    }

    @Test
    void every_cluster_has_ratings_that_only_it_fits_and_they_rank_it_first() throws IOException {
        SchemeDefinition scheme = careClusters();
        ProfileFit fit = ProfileFit.of(scheme);
        assertThat(fit.codes()).hasSize(20);
        Random random = new Random(20120401);
        for (SchemeCode code : fit.codes()) {
            CodeProfile profile = code.profile().orElseThrow();
            int exclusive = 0;
            for (int sample = 0; sample < 5000; sample++) {
                int[] vector = new int[Scale.COUNT];
                for (Scale scale : Scale.ALL) {
                    GridCell wanted = profile.hasRedRule(scale) ? GridCell.MUST : GridCell.EXPECTED;
                    List<Integer> options = java.util.stream.IntStream.rangeClosed(0, 4)
                            .filter(r -> profile.cell(scale, r) == wanted).boxed().toList();
                    assertThat(options).as("cluster %s scale %s has %s cells", code.code(), scale.id(), wanted)
                            .isNotEmpty();
                    vector[scale.ordinal()] = options.get(random.nextInt(options.size()));
                }
                FitResult result = fit.evaluate(Ratings.of(vector));
                boolean othersBreak = result.ranking().stream().filter(f -> !f.code().equals(code.code()))
                        .allMatch(f -> f.group() == FitGroup.BREAKS_RED_RULES);
                if (othersBreak) {
                    exclusive++;
                    assertThat(result.suggestedCode()).isEqualTo(code.code());
                }
                assertThat(result.fitOf(code.code()).orElseThrow().group()).isEqualTo(FitGroup.MEETS_RED_RULES);
            }
            assertThat(exclusive).as("ratings only cluster %s fits", code.code()).isPositive();
        }
    }

    @Test
    void all_zero_ratings_fit_a_low_severity_cluster_and_all_not_known_fall_to_variance() throws IOException {
        ProfileFit fit = ProfileFit.of(careClusters());
        // All 0: non-psychotic codes without a MUST above 0 meet their red rules; 01 requires 6, 4, 12, 10, 2, B <= 1
        // and 7, 8, 13, D <= 2, all met, and has the most EXPECTED cells at 0.
        assertThat(fit.evaluate(Ratings.of(new int[18])).suggestedCode()).isEqualTo("01");
        int[] unknown = new int[18];
        java.util.Arrays.fill(unknown, 9);
        FitResult result = fit.evaluate(Ratings.of(unknown));
        assertThat(result.outcome()).isEqualTo(FitResult.Outcome.VARIANCE);
        assertThat(result.ranking()).allMatch(f -> f.group() == FitGroup.UNCONFIRMED);
    }
}
