package org.openpbr.clustering.assessment;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.openpbr.clustering.ClusteringApi.assessment;
import static org.openpbr.clustering.ClusteringApi.patientWithSpell;
import static org.openpbr.clustering.ClusteringApi.ratings;
import static org.openpbr.clustering.ClusteringApi.trustClinician;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every field of a patient, care spell, assessment and allocation is checked, all faults at once, and nothing is stored. */
@QuarkusTest
@ServiceTest
class AssessmentValidationTest {

    private static RequestSpecification clinician() {
        return badRequest().header("Authorization", trustClinician().bearer()).contentType(ContentType.JSON);
    }

    @Test
    void a_patient_with_a_bad_nhs_number_future_birth_and_bad_local_id_is_refused_whole() {
        clinician().body(Map.of("localId", "  ", "nhsNumber", "9434765918", "dateOfBirth",
                LocalDate.now().plusDays(1).toString())).post("/v1/patients").then().statusCode(400)
                .body("errors.field", hasItems("localId", "nhsNumber", "dateOfBirth")).body("errors", hasSize(3))
                .body(org.hamcrest.Matchers.not(containsString("9434765918")));
        clinician().body(Map.of("localId", "VAL-1", "dateOfBirth", "1990-02-30")).post("/v1/patients").then()
                .statusCode(400);
    }

    @Test
    void the_same_local_id_with_other_details_is_a_conflict_and_with_the_same_details_returns_the_record() {
        Map<String, Object> body = Map.of("localId", "VAL-2", "nhsNumber", "943 476 5919", "dateOfBirth", "1970-01-01");
        String id = api(trustClinician()).contentType(ContentType.JSON).body(body).post("/v1/patients").then()
                .statusCode(201).extract().path("id");
        api(trustClinician()).contentType(ContentType.JSON).body(body).post("/v1/patients").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(id));
        clinician().body(Map.of("localId", "VAL-2", "dateOfBirth", "1971-01-01")).post("/v1/patients").then()
                .statusCode(409);
    }

    @Test
    void a_care_spell_is_checked_field_by_field() {
        String[] patient = patientWithSpell(trustClinician(), "VAL-3", LocalDate.now().minusDays(5));
        Map<String, Object> spell = new LinkedHashMap<>();
        spell.put("commissionerCode", "15n");
        spell.put("startDate", "1960-01-01");
        spell.put("endDate", "1959-01-01");
        spell.put("source", "INDEPENDENT_PROVIDER");
        // The request's own rules first, all at once; what needs the stored person once those pass.
        clinician().body(spell).post("/v1/patients/" + patient[0] + "/care-spells").then().statusCode(400)
                .body("errors.field", contains("commissionerCode", "endDate", "referringOrgCode"));
        spell.put("commissionerCode", "15N");
        spell.put("endDate", "1961-01-01");
        spell.put("referringOrgCode", "NZ1");
        clinician().body(spell).post("/v1/patients/" + patient[0] + "/care-spells").then().statusCode(400)
                .body("errors.field", contains("startDate"))
                .body("errors.message", contains("must not be before the date of birth"));
        clinician().body(Map.of("commissionerCode", "15N", "startDate", "2020-01-01", "source", "CARRIER_PIGEON"))
                .post("/v1/patients/" + patient[0] + "/care-spells").then().statusCode(400);
    }

    @Test
    void every_assessment_field_is_checked_and_nothing_is_stored() {
        LocalDate start = LocalDate.now().minusDays(30);
        String[] patient = patientWithSpell(trustClinician(), "VAL-4", start);
        Map<String, Object> body = assessment(patient, LocalDate.now().plusDays(2), "INITIAL",
                ratings("8", 2, "3", 7));
        body.put("rater", "");
        body.put("team", "a team with a very long name that goes on and on past sixty-four characters in all");
        body.put("item8ProblemText", "unexpected");
        body.put("allocation", Map.of("code", "01", "overrideText", "no reason"));
        clinician().body(body).post("/v1/assessments").then().statusCode(400)
                .body("errors.field", hasItems("assessedOn", "ratings.3", "item8ProblemType", "item8ProblemText",
                        "rater", "team"));

        Map<String, Object> outside = assessment(patient, start.minusDays(1), "INITIAL", ratings());
        clinician().body(outside).post("/v1/assessments").then().statusCode(400)
                .body("errors.field", hasItem("assessedOn"))
                .body("errors[0].message", containsString("care spell"));

        Map<String, Object> item8 = assessment(patient, start, "INITIAL", ratings("8", 3));
        item8.put("item8ProblemType", "J_OTHER");
        clinician().body(item8).post("/v1/assessments").then().statusCode(400)
                .body("errors.field", hasItems("item8ProblemText"));

        Map<String, Object> discharge = assessment(patient, start, "DISCHARGE", ratings());
        discharge.put("allocation", Map.of("code", "01"));
        clinician().body(discharge).post("/v1/assessments").then().statusCode(400)
                .body("errors.field", hasItem("allocation"));

        Map<String, Object> unknownCode = assessment(patient, start, "INITIAL", ratings());
        unknownCode.put("allocation", Map.of("code", "09"));
        clinician().body(unknownCode).post("/v1/assessments").then().statusCode(400)
                .body("errors.field", hasItem("allocation.code"));

        Map<String, Object> needlessReason = assessment(patient, start, "INITIAL", ratings());
        needlessReason.put("allocation", Map.of("code", "01", "overrideReason", "RECENT_CHANGE"));
        clinician().body(needlessReason).post("/v1/assessments").then().statusCode(400)
                .body("errors.field", hasItem("allocation.overrideReason"));

        api(trustClinician()).get("/v1/patients/" + patient[0] + "/episodes").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void unknown_fields_and_wrong_types_are_refused() {
        String[] patient = patientWithSpell(trustClinician(), "VAL-5", LocalDate.now().minusDays(5));
        Map<String, Object> body = assessment(patient, LocalDate.now(), "INITIAL", ratings());
        body.put("nhsNumber", "9434765919");
        clinician().body(body).post("/v1/assessments").then().statusCode(400);
        Map<String, Object> typed = assessment(patient, LocalDate.now(), "INITIAL", ratings("7", "3"));
        clinician().body(typed).post("/v1/assessments").then().statusCode(400);
        Map<String, Object> reason = assessment(patient, LocalDate.now(), "WHIM", ratings());
        clinician().body(reason).post("/v1/assessments").then().statusCode(400);
    }

    @Test
    void a_retried_care_spell_with_its_idempotency_key_opens_one_spell() {
        String[] patient = patientWithSpell(trustClinician(), "VAL-6", LocalDate.now().minusDays(5));
        Map<String, Object> spell = Map.of("commissionerCode", "14L", "startDate", LocalDate.now().toString(),
                "source", "SELF");
        String first = api(trustClinician()).header("Idempotency-Key", "val-6-spell").contentType(ContentType.JSON)
                .body(spell).post("/v1/patients/" + patient[0] + "/care-spells").then().statusCode(201)
                .extract().path("id");
        api(trustClinician()).header("Idempotency-Key", "val-6-spell").contentType(ContentType.JSON).body(spell)
                .post("/v1/patients/" + patient[0] + "/care-spells").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", org.hamcrest.Matchers.equalTo(first));
        api(trustClinician()).get("/v1/patients/" + patient[0] + "/care-spells").then().body("items", hasSize(2));
    }
}
