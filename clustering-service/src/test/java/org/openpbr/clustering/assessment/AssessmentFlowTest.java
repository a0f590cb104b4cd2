package org.openpbr.clustering.assessment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openpbr.clustering.ClusteringApi.assessment;
import static org.openpbr.clustering.ClusteringApi.patientWithSpell;
import static org.openpbr.clustering.ClusteringApi.ratings;
import static org.openpbr.clustering.ClusteringApi.trustClinician;
import static org.openpbr.testing.Api.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@ServiceTest
class AssessmentFlowTest {

    // Ratings inside cluster 14 (psychotic crisis) of the illustrative grid: 6 and 1 severe; every other
    // code breaks a red rule (non-psychotic codes need 6 <= 1; 13 needs 10 >= 2; 15 needs 7 >= 3...).
    static final Map<String, Object> CRISIS = ratings("6", 4, "1", 4, "10", 2, "A", 2, "7", 1);

    @Test
    void an_assessment_with_an_allocation_is_stored_with_its_suggestion_and_starts_an_episode() {
        LocalDate start = LocalDate.now().minusDays(60);
        String[] patient = patientWithSpell(trustClinician(), "FLOW-1", start);
        Map<String, Object> body = assessment(patient, start.plusDays(1), "INITIAL", CRISIS);
        body.put("allocation", Map.of("code", "14"));

        api(trustClinician()).contentType(ContentType.JSON).body(body).post("/v1/assessments").then()
                .statusCode(201)
                .body("suggestion.suggestedCode", equalTo("14"))
                .body("suggestion.outcome", equalTo("SUGGESTED"))
                .body("suggestion.ruleVersion", equalTo("profile-fit-1"))
                .body("scheme.version", equalTo("2012-illustrative-2"))
                .body("scheme.illustrative", equalTo(true))
                .body("allocation.chosenCode", equalTo("14"))
                .body("allocation.followsSuggestion", equalTo(true))
                .body("allocation.chosenMeetsRedRules", equalTo(true))
                .body("episode.code", equalTo("14"))
                .body("episode.startDate", equalTo(start.plusDays(1).toString()))
                // cluster 14's maximum review period is 4 weeks (28 days)
                .body("episode.reviewDue", equalTo(start.plusDays(29).toString()));
    }

    @Test
    void choosing_another_code_needs_an_override_reason_and_reclustering_ends_the_previous_episode() {
        LocalDate start = LocalDate.now().minusDays(100);
        String[] patient = patientWithSpell(trustClinician(), "FLOW-2", start);
        Map<String, Object> first = assessment(patient, start, "INITIAL", CRISIS);
        first.put("allocation", Map.of("code", "13"));
        api(trustClinician()).contentType(ContentType.JSON).body(first).post("/v1/assessments").then()
                .statusCode(400)
                .body("errors.field", hasItem("allocation.overrideReason"));

        first.put("allocation", Map.of("code", "13", "overrideReason", "CLINICAL_JUDGEMENT", "overrideText",
                "Long history of recurrent psychosis"));
        api(trustClinician()).contentType(ContentType.JSON).body(first).post("/v1/assessments").then()
                .statusCode(201)
                .body("allocation.suggestedCode", equalTo("14"))
                .body("allocation.chosenCode", equalTo("13"))
                .body("allocation.followsSuggestion", equalTo(false))
                .body("allocation.overrideReason", equalTo("CLINICAL_JUDGEMENT"))
                .body("allocation.chosenMeetsRedRules", equalTo(false));

        Map<String, Object> review = assessment(patient, start.plusDays(20), "SCHEDULED_REVIEW", CRISIS);
        review.put("allocation", Map.of("code", "14"));
        api(trustClinician()).contentType(ContentType.JSON).body(review).post("/v1/assessments").then()
                .statusCode(201).body("episode.code", equalTo("14"));

        api(trustClinician()).get("/v1/patients/" + patient[0] + "/episodes").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].code", equalTo("13"))
                .body("items[0].endDate", equalTo(start.plusDays(19).toString()))
                .body("items[0].endReason", equalTo("RECLUSTERED"))
                .body("items[1].code", equalTo("14"))
                .body("items[1].endDate", nullValue());

        Map<String, Object> discharge = assessment(patient, start.plusDays(40), "DISCHARGE", ratings());
        api(trustClinician()).contentType(ContentType.JSON).body(discharge).post("/v1/assessments").then()
                .statusCode(201)
                .body("suggestion", nullValue())
                .body("episode.endDate", equalTo(start.plusDays(40).toString()))
                .body("episode.endReason", equalTo("DISCHARGED"));
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_result_and_stores_nothing_more() {
        LocalDate start = LocalDate.now().minusDays(30);
        String[] patient = patientWithSpell(trustClinician(), "FLOW-3", start);
        Map<String, Object> body = assessment(patient, start, "INITIAL", CRISIS);
        body.put("allocation", Map.of("code", "14"));
        String first = api(trustClinician()).header("Idempotency-Key", "flow-3-a").contentType(ContentType.JSON)
                .body(body).post("/v1/assessments").then().statusCode(201).extract().path("id");
        api(trustClinician()).header("Idempotency-Key", "flow-3-a").contentType(ContentType.JSON).body(body)
                .post("/v1/assessments").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        api(trustClinician()).get("/v1/patients/" + patient[0] + "/episodes").then().body("items", hasSize(1));

        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("rater", "C9999");
        api(trustClinician()).header("Idempotency-Key", "flow-3-a").contentType(ContentType.JSON).body(other)
                .post("/v1/assessments").then().statusCode(409);
    }

    @Test
    void the_recorded_suggestion_carries_a_trace_for_every_code() {
        LocalDate start = LocalDate.now().minusDays(10);
        String[] patient = patientWithSpell(trustClinician(), "FLOW-4", start);
        String id = api(trustClinician()).contentType(ContentType.JSON)
                .body(assessment(patient, start, "INITIAL", CRISIS)).post("/v1/assessments").then().statusCode(201)
                .body("allocation", nullValue())
                .body("suggestion.candidates[0].trace", nullValue())
                .extract().path("id");
        api(trustClinician()).get("/v1/assessments/" + id + "/suggestion").then().statusCode(200)
                .body("suggestedCode", equalTo("14"))
                .body("candidates", hasSize(20))
                .body("candidates[0].trace", hasSize(18))
                .body("candidates[0].trace[5].scale", equalTo("6"))
                .body("candidates[0].trace[5].cell", equalTo("MUST"));
        api(trustClinician()).contentType(ContentType.JSON).body(Map.of("code", "14"))
                .post("/v1/assessments/" + id + "/allocation").then().statusCode(201)
                .body("allocation.chosenCode", equalTo("14")).body("episode.id", notNullValue());
        api(trustClinician()).contentType(ContentType.JSON).body(Map.of("code", "14"))
                .post("/v1/assessments/" + id + "/allocation").then().statusCode(409);
    }

    @Test
    void ending_a_care_spell_needs_its_etag_ends_the_open_episode_and_closes_the_spell_to_new_assessments() {
        LocalDate start = LocalDate.now().minusDays(40);
        String[] patient = patientWithSpell(trustClinician(), "FLOW-5", start);
        Map<String, Object> body = assessment(patient, start.plusDays(2), "INITIAL", CRISIS);
        body.put("allocation", Map.of("code", "14"));
        api(trustClinician()).contentType(ContentType.JSON).body(body).post("/v1/assessments").then().statusCode(201);
        String spellPath = "/v1/patients/" + patient[0] + "/care-spells/" + patient[1];
        String etag = api(trustClinician()).get(spellPath).then().statusCode(200).extract().header("ETag");
        Map<String, Object> end = Map.of("endDate", start.plusDays(10).toString());

        org.openpbr.testing.Api.badRequest().header("Authorization", trustClinician().bearer())
                .contentType(ContentType.JSON).body(end).post(spellPath + "/end").then().statusCode(428);
        org.openpbr.testing.Api.badRequest().header("Authorization", trustClinician().bearer())
                .header("If-Match", "\"stale\"").contentType(ContentType.JSON).body(end).post(spellPath + "/end").then()
                .statusCode(412);
        org.openpbr.testing.Api.badRequest().header("Authorization", trustClinician().bearer())
                .header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("endDate", start.toString()))
                .post(spellPath + "/end").then().statusCode(400).body("errors.field", hasItem("endDate"));
        String newTag = api(trustClinician()).header("If-Match", etag).contentType(ContentType.JSON).body(end)
                .post(spellPath + "/end").then().statusCode(200)
                .body("endDate", equalTo(start.plusDays(10).toString())).extract().header("ETag");
        org.assertj.core.api.Assertions.assertThat(newTag).isNotEqualTo(etag);
        api(trustClinician()).get("/v1/patients/" + patient[0] + "/episodes").then()
                .body("items[0].endDate", equalTo(start.plusDays(10).toString()))
                .body("items[0].endReason", equalTo("SPELL_ENDED"));
        org.openpbr.testing.Api.badRequest().header("Authorization", trustClinician().bearer())
                .contentType(ContentType.JSON).body(assessment(patient, start.plusDays(11), "SCHEDULED_REVIEW", CRISIS))
                .post("/v1/assessments").then().statusCode(400).body("errors.field", hasItem("assessedOn"));
    }
}
