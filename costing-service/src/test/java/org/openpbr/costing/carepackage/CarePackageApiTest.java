package org.openpbr.costing.carepackage;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.openpbr.costing.CostingApi.activity;
import static org.openpbr.costing.CostingApi.analyst;
import static org.openpbr.costing.CostingApi.centres;
import static org.openpbr.costing.CostingApi.clinician;
import static org.openpbr.costing.CostingApi.commissioner;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.costing.CostingApi.ledger;
import static org.openpbr.costing.CostingApi.money;
import static org.openpbr.costing.CostingApi.period;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Care packages on a provider whose rates are easy to follow. RP5 in April-June 2024:
 * CMHT1 costs 300.00 over a nurse's 600 minutes (0.50 a minute); CMHT2 450.00 over a
 * psychologist's 600 minutes (0.75); WARD1 3,000.00 over 10 occupied bed days (300.00 a night).
 * Code 11: P1 and P2, 30 days each in April, all the community cost: 750.00 over 60 days,
 * 12.50 a day. Code 14: P3, 28 days with the 10 ward nights: 3,000.00. Code 12: P4, no activity.
 */
@QuarkusTest
@ServiceTest
class CarePackageApiTest {

    private static final TestTokens RP5 = finance("RP5");
    private static String runId;

    private static final Map<String, Object> PACKAGE_11 = Map.of("name", "Psychosis, low symptoms", "weeks", 26,
            "interventions", List.of(
                    Map.of("name", "Care coordination", "setting", "COMMUNITY", "staffGroup", "Nurse", "minutes", 60,
                            "everyWeeks", 2),
                    Map.of("name", "CBT group", "setting", "COMMUNITY", "staffGroup", "Psychologist", "minutes", 90,
                            "groupSize", 6, "durationWeeks", 12, "core", false)));

    @BeforeEach
    void costTheProvider() {
        if (runId != null) {
            return;
        }
        centres(RP5, "code,name,type\nCMHT1,Team 1,COMMUNITY_TEAM\nCMHT2,Team 2,COMMUNITY_TEAM\nWARD1,Ward 1,INPATIENT_WARD\n");
        period(RP5, "Q1", "2024-04-01", "2024-06-30");
        ledger(RP5, "Q1", "cost_centre,expense_type,amount,social_care\nCMHT1,Nursing,300.00,N\n"
                + "CMHT2,Psychology,450.00,N\nWARD1,Nursing,3000.00,N\n").statusCode(201);
        episodes(RP5, "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "E1,P1,11,2024-04-01,2024-04-30,2025-04-01,05X,T1\n"
                + "E2,P2,11,2024-04-01,2024-04-30,2025-04-01,05X,T1\n"
                + "E3,P3,14,2024-04-01,2024-04-28,2024-04-29,05X,T1\n"
                + "E4,P4,12,2024-04-01,2024-04-30,2025-04-01,05X,T1\n").statusCode(201);
        activity(RP5, "Q1", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "C1,P1,2024-04-02,CMHT1,Nurse,600\nC2,P2,2024-04-03,CMHT2,Psychologist,600\n").statusCode(201);
        StringBuilder nights = new StringBuilder("patient_id,bed_date,ward\n");
        for (int d = 1; d <= 10; d++) {
            nights.append("P3,2024-04-").append(String.format("%02d", d)).append(",WARD1\n");
        }
        activity(RP5, "Q1", "bed-days", nights.toString()).statusCode(201);
        runId = api(RP5).contentType(ContentType.JSON).body(Map.of("period", "Q1", "asOf", "2024-06-30")).post("/v1/runs").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void packages_are_versioned_and_changed_only_with_the_etag_last_read() {
        TestTokens lead = TestTokens.user("lead.rp6").org("RP6", OrgType.PROVIDER).roles("clinical-lead");
        Map<String, Object> first = Map.of("name", "Dementia, moderate need", "weeks", 26, "interventions", List.of(
                Map.of("name", "Memory clinic review", "setting", "COMMUNITY", "staffGroup", "Nurse", "minutes", 45,
                        "everyWeeks", 13)));
        String v1 = api(lead).contentType(ContentType.JSON).body(first).put("/v1/care-packages/19").then()
                .statusCode(201).header("ETag", "\"package-19-v1\"").body("version", equalTo(1))
                .body("interventions[0].times", equalTo(1)).body("interventions[0].durationWeeks", equalTo(26))
                .body("interventions[0].groupSize", equalTo(1)).body("interventions[0].core", equalTo(true))
                .extract().header("ETag");
        Map<String, Object> second = Map.of("name", "Dementia, moderate need", "weeks", 26, "interventions", List.of(
                Map.of("name", "Memory clinic review", "setting", "COMMUNITY", "staffGroup", "Nurse", "minutes", 60,
                        "everyWeeks", 13)));
        api(lead).contentType(ContentType.JSON).body(second).put("/v1/care-packages/19").then().statusCode(428);
        api(lead).contentType(ContentType.JSON).header("If-Match", "\"package-19-v7\"").body(second)
                .put("/v1/care-packages/19").then().statusCode(412);
        String v2 = api(lead).contentType(ContentType.JSON).header("If-Match", v1).body(second)
                .put("/v1/care-packages/19").then().statusCode(200).body("version", equalTo(2)).extract().header("ETag");
        // The stale tag stays stale: a second writer who read version 1 cannot overwrite version 2.
        api(lead).contentType(ContentType.JSON).header("If-Match", v1).body(first).put("/v1/care-packages/19").then()
                .statusCode(412);
        TestTokens clinician = clinician("RP6");
        api(clinician).get("/v1/care-packages/19").then().statusCode(200).header("ETag", v2)
                .body("interventions[0].minutes", equalTo(60));
        api(clinician).get("/v1/care-packages/19?version=1").then().statusCode(200).body("interventions[0].minutes", equalTo(45));
        api(clinician).contentType(ContentType.JSON).body(first).put("/v1/care-packages/20").then().statusCode(403);
        badRequest().header("Authorization", lead.bearer()).delete("/v1/care-packages/19").then().statusCode(428);
        api(lead).header("If-Match", v2).delete("/v1/care-packages/19").then().statusCode(204);
        api(clinician).get("/v1/care-packages/19").then().statusCode(404);
        api(clinician).get("/v1/care-packages").then().statusCode(200).body("items", hasSize(0));
        api(clinician).get("/v1/care-packages/19?version=2").then().statusCode(200);
        // Another provider sees nothing of RP6's packages, a commissioner is no provider.
        api(analyst("RP7")).get("/v1/care-packages/19?version=1").then().statusCode(404);
        api(commissioner("05X")).get("/v1/care-packages").then().statusCode(403);
    }

    @Test
    void a_bad_package_is_refused_with_every_fault_and_nothing_is_stored() {
        Map<String, Object> bad = Map.of("name", "Bad", "weeks", 12, "interventions", List.of(
                Map.of("name", "Home visit", "setting", "COMMUNITY", "staffGroup", "Nurse", "minutes", 30),
                Map.of("name", "Admission", "setting", "WARD", "minutes", 30),
                Map.of("name", "Review", "setting", "COMMUNITY", "minutes", 0),
                Map.of("name", "Group", "setting", "COMMUNITY", "staffGroup", "Nurse", "minutes", 60,
                        "durationWeeks", 13, "groupSize", 61, "everyWeeks", 0)));
        badRequest().header("Authorization", RP5.bearer()).contentType(ContentType.JSON).body(bad)
                .put("/v1/care-packages/04").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("interventions[1].minutes",
                        "interventions[2].staffGroup", "interventions[2].minutes", "interventions[3].groupSize",
                        "interventions[3].everyWeeks", "interventions[3].durationWeeks"));
        // A setting that is not one is a fault of reading, reported before any rule is judged.
        badRequest().header("Authorization", RP5.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "weeks", 12, "interventions", List.of(
                        Map.of("name", "Home visit", "setting", "HOME", "staffGroup", "Nurse", "minutes", 30))))
                .put("/v1/care-packages/04").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("interventions[0].setting"))
                .body("errors[0].message", containsString("COMMUNITY, WARD"));
        badRequest().header("Authorization", RP5.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "No weeks", "interventions", List.of())).put("/v1/care-packages/04").then()
                .statusCode(400).body("errors.field", containsInAnyOrder("weeks", "interventions"));
        badRequest().header("Authorization", RP5.bearer()).contentType(ContentType.JSON).body(PACKAGE_11)
                .put("/v1/care-packages/0-4").then().statusCode(400).body("errors[0].field", equalTo("code"));
        api(RP5).get("/v1/care-packages/04").then().statusCode(404);
    }

    @Test
    void packages_costed_at_the_runs_rates_beside_actual_cost_as_worked_by_hand() {
        api(RP5).contentType(ContentType.JSON).body(PACKAGE_11).put("/v1/care-packages/11").then().statusCode(201);
        api(RP5).contentType(ContentType.JSON).body(Map.of("name", "Psychotic crisis", "weeks", 4, "interventions", List.of(
                Map.of("name", "Admission", "setting", "WARD", "times", 7, "everyWeeks", 4),
                Map.of("name", "Occupational therapy", "setting", "COMMUNITY", "staffGroup", "OT", "minutes", 30))))
                .put("/v1/care-packages/14").then().statusCode(201);

        api(analyst("RP5")).get("/v1/runs/" + runId + "/care-packages").then().statusCode(200)
                .body("staffRates.staffGroup", contains("Nurse", "Psychologist"))
                .body("staffRates[0].costPerMinute", money("0.50")).body("staffRates[1].costPerMinute", money("0.75"))
                .body("bedDayRate.bedDays", equalTo(10)).body("bedDayRate.costPerBedDay", money("300.00"))
                .body("codesWithoutPackage", contains("12"))
                .body("packages", hasSize(2))
                // 11: 13 fortnightly hours x 0.50 = 390.00 core; 12 x 90 / 6 = 180 minutes x 0.75 = 135.00 optional
                .body("packages[0].code", equalTo("11"))
                .body("packages[0].interventions[0].occurrences", money("13")).body("packages[0].interventions[0].units", money("780"))
                .body("packages[0].interventions[0].cost", money("390.00"))
                .body("packages[0].interventions[1].units", money("180")).body("packages[0].interventions[1].cost", money("135.00"))
                .body("packages[0].coreCost", money("390.00")).body("packages[0].optionalCost", money("135.00"))
                .body("packages[0].fullCost", money("525.00")).body("packages[0].complete", equalTo(true))
                // actual: 750.00 over 60 days = 12.50 a day; over the package's 182 days 2,275.00
                .body("packages[0].actual.episodes", equalTo(2)).body("packages[0].actual.costPerClusterDay", money("12.50"))
                .body("packages[0].actual.costOverPackageLength", money("2275.00"))
                .body("packages[0].actual.nonAdmittedOverPackageLength", money("2275.00"))
                .body("packages[0].actual.admittedOverPackageLength", money("0.00"))
                .body("packages[0].differenceFromFull", money("1750.00")).body("packages[0].differenceFromCore", money("1885.00"))
                .body("packages[0].actualToFull", money("4.3333")) // 2,275 / 525
                // 14: 7 nights x 300.00 = 2,100.00; no OT in the run, so incomplete and no difference
                .body("packages[1].code", equalTo("14")).body("packages[1].wardCost", money("2100.00"))
                .body("packages[1].complete", equalTo(false)).body("packages[1].missingRates", contains("OT"))
                .body("packages[1].interventions[1].cost", nullValue())
                .body("packages[1].actual.costOverPackageLength", money("3000.00"))
                .body("packages[1].actual.admittedOverPackageLength", money("3000.00"))
                .body("packages[1].differenceFromFull", nullValue());

        api(finance("RP8")).get("/v1/runs/" + runId + "/care-packages").then().statusCode(404);
        api(clinician("RP5")).get("/v1/runs/" + runId + "/care-packages").then().statusCode(403);
    }
}
