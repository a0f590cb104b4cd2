package org.openpbr.clustering.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpbr.clustering.scheme.SchemeDefinition;


/**
 * The shipped grid in force (2012-illustrative-2) suggests each cluster for a textbook profile of
 * it, written from the cluster's description rather than from the grid: the ratings a clinician
 * would give a typical person in that cluster. Each must be suggested as its cluster, first and not
 * tied. Ratings are in MHCT order: scales 1-13, then historical A-E.
 */
class TextbookProfilesTest {

    /** A typical person of a cluster, and what the description says about them. */
    record Textbook(String code, String person, int... ratings) {
    }

    static final List<Textbook> PROFILES = List.of(
            new Textbook("01", "mild low mood and worry, a little strain at work and home",
                    0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0),
            new Textbook("01", "mild anxiety, mood fine", 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0),
            new Textbook("02", "mild to moderate depression and anxiety, more need than cluster 1, past self-harm",
                    0, 0, 0, 0, 0, 0, 2, 2, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0),
            new Textbook("02", "moderate anxiety, mood a little low", 0, 0, 0, 0, 0, 0, 1, 2, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0),
            new Textbook("03", "moderate depression with anxiety, relationships and work affected",
                    0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 1, 2, 0, 0, 1, 0, 0, 0),
            new Textbook("03", "moderately severe anxiety, mood not low (the plain moderate-anxiety case)",
                    0, 0, 0, 0, 0, 0, 0, 3, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0),
            new Textbook("03", "moderately severe anxiety, mood a little low",
                    0, 0, 0, 0, 0, 0, 1, 3, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0),
            new Textbook("04", "severe depression and anxiety, some self-harm, unable to work",
                    0, 2, 0, 0, 0, 0, 3, 3, 2, 2, 1, 3, 0, 0, 2, 0, 0, 0),
            new Textbook("04", "severe obsessive or anxiety disorder, mood moderately low",
                    0, 1, 0, 0, 0, 0, 2, 4, 2, 2, 1, 3, 0, 0, 1, 0, 0, 0),
            new Textbook("05", "very severe, complex depression with serious self-harm and vulnerability",
                    0, 3, 0, 0, 1, 0, 4, 3, 3, 3, 2, 4, 0, 0, 3, 0, 0, 2),
            new Textbook("06", "over-valued ideas (body dysmorphia, severe health anxiety) held strongly",
                    0, 0, 0, 0, 0, 0, 2, 3, 2, 1, 0, 2, 3, 0, 0, 0, 0, 0),
            new Textbook("07", "enduring depression and anxiety with high disability in daily living and work",
                    0, 0, 0, 0, 1, 0, 2, 2, 2, 3, 2, 3, 0, 0, 1, 0, 0, 1),
            new Textbook("08", "chaotic, challenging lifestyle: repeat self-harm, drink, poor engagement",
                    2, 2, 2, 0, 0, 0, 2, 2, 3, 1, 1, 2, 0, 1, 3, 0, 3, 2),
            new Textbook("10", "first presentation with moderately severe psychotic symptoms",
                    1, 0, 0, 0, 0, 3, 1, 1, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0),
            new Textbook("11", "psychosis in the past, symptoms now controlled, minor problems",
                    0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0),
            new Textbook("12", "recurrent psychosis with high disability in daily living and work",
                    0, 0, 0, 0, 0, 2, 1, 0, 2, 3, 2, 3, 0, 0, 0, 0, 0, 1),
            new Textbook("13", "ongoing severe psychotic symptoms and high disability",
                    2, 0, 0, 0, 0, 4, 2, 0, 3, 3, 2, 3, 0, 1, 0, 0, 1, 1),
            new Textbook("14", "acute psychotic crisis: severe symptoms, disturbed behaviour, role functioning lost",
                    3, 0, 0, 0, 0, 4, 1, 0, 3, 3, 1, 3, 0, 3, 0, 0, 2, 1),
            new Textbook("15", "severe depressive episode with psychotic symptoms and serious self-harm risk",
                    0, 3, 0, 0, 0, 3, 4, 0, 2, 3, 1, 3, 0, 0, 1, 0, 0, 1),
            new Textbook("16", "psychosis with harmful drug and alcohol use and an unstable lifestyle",
                    2, 0, 3, 0, 0, 2, 2, 0, 2, 1, 2, 2, 0, 1, 1, 0, 2, 1),
            new Textbook("17", "psychosis, difficult to engage, history of aggression",
                    3, 0, 1, 0, 0, 3, 1, 0, 3, 1, 2, 2, 0, 3, 0, 0, 4, 1),
            new Textbook("18", "early cognitive impairment, low need", 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0),
            new Textbook("19", "dementia with moderate need: clear cognitive problems, low mood, some help at home",
                    1, 0, 0, 3, 1, 0, 2, 1, 1, 2, 1, 1, 0, 0, 0, 0, 0, 1),
            new Textbook("20", "dementia with high need: agitation, some psychotic symptoms, much help needed",
                    3, 0, 0, 3, 1, 2, 2, 0, 2, 3, 1, 2, 0, 1, 0, 0, 1, 3),
            new Textbook("21", "dementia with high physical need: severe cognitive and physical problems",
                    0, 0, 0, 4, 4, 0, 1, 0, 1, 4, 1, 2, 0, 0, 0, 0, 2, 3));

    static SchemeDefinition inForce() throws IOException {
        return ShippedGridTest.shipped("mh-care-clusters-2012-illustrative-2");
    }

    @Test
    void every_cluster_is_suggested_for_its_textbook_profile_first_and_untied() throws IOException {
        ProfileFit fit = ProfileFit.of(inForce());
        assertThat(PROFILES.stream().map(Textbook::code).distinct()).hasSize(20);
        for (Textbook textbook : PROFILES) {
            FitResult result = fit.evaluate(Ratings.of(textbook.ratings()));
            assertThat(result.suggestedCode()).as("%s: %s", textbook.code(), textbook.person()).isEqualTo(textbook.code());
            assertThat(result.outcome()).as("%s: %s", textbook.code(), textbook.person())
                    .isEqualTo(FitResult.Outcome.SUGGESTED);
        }
    }

    @Test
    void the_first_grid_sent_the_plain_moderate_anxiety_case_to_variance() throws IOException {
        // Why version 2 exists: version 1 put a severity band on depressed mood (7) as a red rule, so
        // moderately severe anxiety (8 = 3) with mood not low broke every non-psychotic cluster:
        // 01 allows 8 only 0-2, and 02-05 need 7 at 1 or more.
        int[] anxiety = { 0, 0, 0, 0, 0, 0, 0, 3, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0 };
        FitResult result = ProfileFit.of(ShippedGridTest.careClusters()).evaluate(Ratings.of(anxiety));
        assertThat(result.outcome()).isEqualTo(FitResult.Outcome.VARIANCE);
        assertThat(ProfileFit.of(inForce()).evaluate(Ratings.of(anxiety)).suggestedCode()).isEqualTo("03");
    }
}
