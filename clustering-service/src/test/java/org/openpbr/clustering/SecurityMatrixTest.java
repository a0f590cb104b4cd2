package org.openpbr.clustering;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.openpbr.clustering.ClusteringApi.admin;
import static org.openpbr.clustering.ClusteringApi.assessment;
import static org.openpbr.clustering.ClusteringApi.commissioner;
import static org.openpbr.clustering.ClusteringApi.otherTrustClinician;
import static org.openpbr.clustering.ClusteringApi.patientWithSpell;
import static org.openpbr.clustering.ClusteringApi.ratings;
import static org.openpbr.clustering.ClusteringApi.trustClinician;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Provider A cannot read or write provider B's records; commissioners and admins see no patient data. */
@QuarkusTest
@ServiceTest
class SecurityMatrixTest {

    private String[] patient;
    private String assessmentId;

    @BeforeEach
    void trustRecordsAnAssessment() {
        LocalDate start = LocalDate.now().minusDays(20);
        patient = patientWithSpell(trustClinician(), "SEC-" + System.nanoTime(), start);
        Map<String, Object> body = assessment(patient, start, "INITIAL", ratings());
        body.put("allocation", Map.of("code", "01"));
        assessmentId = api(trustClinician()).contentType(ContentType.JSON).body(body).post("/v1/assessments").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void another_provider_gets_404_for_every_read_and_write_of_the_record() {
        for (String path : new String[] { "/v1/patients/" + patient[0], "/v1/patients/" + patient[0] + "/care-spells",
                "/v1/patients/" + patient[0] + "/episodes", "/v1/assessments/" + assessmentId,
                "/v1/assessments/" + assessmentId + "/suggestion" }) {
            as(otherTrustClinician()).get(path).then().statusCode(404)
                    .body(not(containsString("9434765919")));
        }
        as(otherTrustClinician()).contentType(ContentType.JSON)
                .body(Map.of("commissionerCode", "15N", "startDate", "2025-01-01", "source", "GP"))
                .post("/v1/patients/" + patient[0] + "/care-spells").then().statusCode(404);
        as(otherTrustClinician()).contentType(ContentType.JSON)
                .body(assessment(patient, LocalDate.now(), "INITIAL", ratings()))
                .post("/v1/assessments").then().statusCode(404);
        as(otherTrustClinician()).contentType(ContentType.JSON).body(Map.of("code", "01"))
                .post("/v1/assessments/" + assessmentId + "/allocation").then().statusCode(404);
    }

    @Test
    void a_commissioner_and_an_admin_cannot_read_patient_level_records() {
        for (TestTokens token : new TestTokens[] { commissioner(), admin() }) {
            as(token).get("/v1/patients/" + patient[0]).then().statusCode(403);
            as(token).get("/v1/assessments/" + assessmentId).then().statusCode(403);
            as(token).get("/v1/reviews").then().statusCode(403);
        }
    }

    @Test
    void a_commissioner_token_with_a_clinician_role_still_sees_no_patient_data() {
        TestTokens odd = TestTokens.user("odd").org("15N", org.openpbr.platform.caller.OrgType.COMMISSIONER)
                .roles("clinician");
        as(odd).get("/v1/patients/" + patient[0]).then().statusCode(403);
        as(odd).contentType(ContentType.JSON)
                .body(Map.of("localId", "X1", "dateOfBirth", "1990-01-01")).post("/v1/patients").then().statusCode(403);
    }

    private static io.restassured.specification.RequestSpecification as(TestTokens token) {
        return badRequest().header("Authorization", token.bearer());
    }

    @Test
    void the_owner_can_read_its_record() {
        api(trustClinician()).get("/v1/patients/" + patient[0]).then().statusCode(200);
    }
}
