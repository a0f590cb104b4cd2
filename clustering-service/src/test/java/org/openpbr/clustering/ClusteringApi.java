package org.openpbr.clustering;

import static org.openpbr.testing.Api.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.TestTokens;

import io.restassured.http.ContentType;

/** Tokens and request bodies shared by clustering-service's API tests. */
public final class ClusteringApi {

    public static final String[] SCALES = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "A",
            "B", "C", "D", "E" };

    private ClusteringApi() {
    }

    public static TestTokens trustClinician() {
        return TestTokens.user("clinician.rx1").org("RX1", OrgType.PROVIDER).roles("clinician");
    }

    public static TestTokens otherTrustClinician() {
        return TestTokens.user("clinician.rx2").org("RX2", OrgType.PROVIDER).roles("clinician");
    }

    public static TestTokens independentClinician() {
        return TestTokens.user("clinician.nz1").org("NZ1", OrgType.INDEPENDENT_PROVIDER).roles("clinician");
    }

    public static TestTokens commissioner() {
        return TestTokens.user("analyst.15n").org("15N", OrgType.COMMISSIONER).roles("analyst");
    }

    public static TestTokens admin() {
        return TestTokens.user("admin").org("X24", OrgType.NATIONAL).roles("admin");
    }

    /** A valid NHS number, different for each n (nine digits from n, then the modulus 11 check digit). */
    public static String nhsNumber(int n) {
        for (int candidate = n * 7; ; candidate++) {
            String nine = String.format("9%08d", candidate % 100_000_000);
            int check = org.openpbr.platform.nhs.NhsNumber.checkDigit(nine);
            if (check >= 0) {
                return nine + check;
            }
        }
    }

    /** Ratings with every scale 0 except the given pairs. */
    public static Map<String, Object> ratings(Object... pairs) {
        Map<String, Object> ratings = new LinkedHashMap<>();
        for (String scale : SCALES) {
            ratings.put(scale, 0);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            ratings.put((String) pairs[i], pairs[i + 1]);
        }
        return ratings;
    }

    /** Registers a patient with a care spell for the token's provider; returns {patientId, careSpellId}. */
    public static String[] patientWithSpell(TestTokens token, String localId, LocalDate spellStart) {
        String patientId = api(token).contentType(ContentType.JSON)
                .body(Map.of("localId", localId, "nhsNumber", "9434765919", "dateOfBirth", "1980-05-17"))
                .post("/v1/patients").then().statusCode(201).extract().path("id");
        String spellId = api(token).contentType(ContentType.JSON)
                .body(Map.of("commissionerCode", "15N", "startDate", spellStart.toString(), "source", "GP"))
                .post("/v1/patients/" + patientId + "/care-spells").then().statusCode(201).extract().path("id");
        return new String[] { patientId, spellId };
    }

    public static Map<String, Object> assessment(String[] patient, LocalDate on, String reason,
            Map<String, Object> ratings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientId", patient[0]);
        body.put("careSpellId", patient[1]);
        body.put("assessedOn", on.toString());
        body.put("reason", reason);
        body.put("ratings", ratings);
        body.put("rater", "C1234");
        body.put("team", "CMHT-NORTH");
        return body;
    }
}
