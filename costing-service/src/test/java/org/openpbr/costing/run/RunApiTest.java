package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.openpbr.costing.CostingApi.activity;
import static org.openpbr.costing.CostingApi.analyst;
import static org.openpbr.costing.CostingApi.centres;
import static org.openpbr.costing.CostingApi.clinician;
import static org.openpbr.costing.CostingApi.commissioner;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.costing.CostingApi.money;
import static org.openpbr.costing.CostingApi.ledger;
import static org.openpbr.costing.CostingApi.period;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The worked example of {@link CostingMethodV1WorkedExampleTest}, loaded as CSV files and costed
 * through the API; the figures are the ones worked by hand there.
 */
@QuarkusTest
@ServiceTest
class RunApiTest {

    private static final TestTokens RW2 = finance("RW2");
    private static String runId;

    @BeforeEach
    void costTheTrust() {
        if (runId != null) {
            return;
        }
        centres(RW2, "code,name,type\nSUP1,Estates,SUPPORT\nWARD1,Ward,INPATIENT_WARD\nCMHT1,Team 1,COMMUNITY_TEAM\n"
                + "CMHT2,Team 2,COMMUNITY_TEAM\n");
        period(RW2, "2025-Q1", "2025-04-01", "2025-06-30");
        ledger(RW2, "2025-Q1", "cost_centre,expense_type,amount,social_care\nSUP1,Estates,1000.00,N\n"
                + "WARD1,Nursing,6000.00,N\nCMHT1,Medical,3000.00,N\nCMHT1,Social work,1000.00,Y\nCMHT2,Nursing,500.00,N\n")
                .statusCode(201);
        episodes(RW2, "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "E1,P1,11,2025-03-01,,2026-03-01,15N,T1\nE2,P2,04,2025-04-10,2025-05-31,2025-10-10,15N,T1\n"
                + "E3,P2,05,2025-06-01,,2025-12-01,14L,T2\n").statusCode(201);
        activity(RW2, "2025-Q1", "bed-days", "patient_id,bed_date,ward\nP1,2025-04-01,WARD1\nP1,2025-04-02,WARD1\n"
                + "P1,2025-04-03,WARD1\nP1,2025-04-04,WARD1\nP1,2025-04-05,WARD1\nP2,2025-05-30,WARD1\n"
                + "P2,2025-05-31,WARD1\nP2,2025-06-01,WARD1\n").statusCode(201);
        activity(RW2, "2025-Q1", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "C1,P1,2025-04-15,CMHT1,Nurse,60\nC2,P2,2025-04-20,CMHT1,Psychologist,90\n"
                + "C3,P3,2025-05-02,CMHT1,Nurse,30\nC4,P2,2025-06-10,CMHT1,Nurse,60\n").statusCode(201);
        activity(RW2, "2025-Q1", "group-sessions", "session_id,session_date,cost_centre,staff_group,minutes,attendees\n"
                + "G1,2025-05-15,CMHT1,Nurse,120,P1;P2;P3\n").statusCode(201);
        runId = api(RW2).contentType(ContentType.JSON).body(Map.of("period", "2025-Q1", "asOf", "2025-06-30")).post("/v1/runs").then()
                .statusCode(201).body("methodVersion", equalTo("pbr-mh-costing-1"))
                .body("includeSocialCare", equalTo(true)).extract().path("id");
    }

    @Test
    void the_run_reconciles_to_the_penny_as_worked_by_hand() {
        api(RW2).get("/v1/runs/" + runId).then().statusCode(200)
                .body("reconciliation.ledgerTotal", money("11500.00"))
                .body("reconciliation.costedTotal", money("11500.00"))
                .body("reconciliation.allocated", money("10100.53"))
                .body("reconciliation.notClustered", money("851.85"))
                .body("reconciliation.unallocated", money("547.62"))
                .body("reconciliation.roundingResidual", money("0.00"))
                .body("reconciliation.apportionmentResidual", money("0.00"))
                .body("reconciliation.difference", money("0.00"))
                .body("episodes", equalTo(3)).body("activityRows", equalTo(15))
                .body("period.code", equalTo("2025-Q1"));
    }

    @Test
    void cost_by_code_splits_admitted_and_non_admitted() {
        // Code 04 (E2): 52 cluster days, 2 in a ward costing 1,642.86; community 1,582.01 over 50 days.
        // Total 3,224.87 / 52 = 62.0167.. -> 62.02, residual 3,224.87 - 3,225.04 = -0.17; review period
        // 183 days (2025-04-10 to 2025-10-10): 3,224.87 x 183 / 52 = 11,349.06.
        api(RW2).get("/v1/runs/" + runId + "/codes").then().statusCode(200)
                .body("codes", hasSize(3))
                .body("codes.find { it.code == '04' }.episodes", equalTo(1))
                .body("codes.find { it.code == '04' }.clusterDays", equalTo(52))
                .body("codes.find { it.code == '04' }.totalCost", money("3224.87"))
                .body("codes.find { it.code == '04' }.costPerClusterDay", money("62.02"))
                .body("codes.find { it.code == '04' }.roundingResidual", money("-0.17"))
                .body("codes.find { it.code == '04' }.reviewPeriodDays", equalTo(183))
                .body("codes.find { it.code == '04' }.costPerReviewPeriod", money("11349.06"))
                .body("codes.find { it.code == '04' }.admitted.cost", money("1642.86"))
                .body("codes.find { it.code == '04' }.admitted.days", equalTo(2))
                .body("codes.find { it.code == '04' }.admitted.costPerDay", money("821.43"))
                .body("codes.find { it.code == '04' }.admitted.episodeResidual", money("0.00"))
                .body("codes.find { it.code == '04' }.nonAdmitted.cost", money("1582.01"))
                .body("codes.find { it.code == '04' }.nonAdmitted.days", equalTo(50))
                .body("codes.find { it.code == '04' }.nonAdmitted.costPerDay", money("31.64"));
        api(RW2).get("/v1/runs/" + runId + "/codes?by=commissioner").then().statusCode(200)
                .body("groupedBy", equalTo("commissioner"))
                .body("codes.find { it.group == '14L' }.code", equalTo("05"))
                // a group's figures are its episodes' sums, so there is no episode residual to show
                .body("codes.find { it.group == '14L' }.admitted.cost", money("821.43"))
                .body("codes.find { it.group == '14L' }.admitted", not(hasKey("episodeResidual")));
        badRequest().header("Authorization", RW2.bearer()).get("/v1/runs/" + runId + "/codes?by=ward").then()
                .statusCode(400);
    }

    @Test
    void results_come_as_csv_for_finance_teams_with_the_same_figures() {
        // Code 04 as worked in cost_by_code_splits_admitted_and_non_admitted; 62.0167.. per day and so on.
        String codes = api(RW2).accept("text/csv").get("/v1/runs/" + runId + "/codes").then().statusCode(200)
                .contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"run-" + runId + "-codes.csv\"")
                .extract().asString();
        assertThat(codes.split("\r\n")[0]).isEqualTo("group,code,episodes,cluster_days,total_cost,cost_per_cluster_day,"
                + "rounding_residual,cost_per_episode,review_period_days,cost_per_review_period,admitted_cost,admitted_days,"
                + "admitted_cost_per_day,admitted_episode_residual,non_admitted_cost,non_admitted_days,"
                + "non_admitted_cost_per_day,non_admitted_episode_residual");
        assertThat(codes).contains("\r\n,04,1,52,3224.87,62.02,-0.17,3224.87,183,11349.06,1642.86,2,821.43,0.00,1582.01,50,31.64,0.00\r\n");
        assertThat(codes.split("\r\n")).hasSize(4);
        String centres = api(RW2).accept("text/csv").get("/v1/runs/" + runId + "/centres").then().statusCode(200)
                .extract().asString();
        assertThat(centres).contains("\r\nCMHT2,Team 2,COMMUNITY_TEAM,500.00,0.00,47.62,547.62,0,0.00,0,0.00,0.00,547.62,0.00,"
                + "NO_ACTIVITY,0\r\n");
        // One episode a page: the next page is a Link header, as the JSON's next link is.
        io.restassured.response.Response page = api(RW2).accept("text/csv").get("/v1/runs/" + runId
                + "/episodes?limit=1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Link")).contains("rel=\"next\"").contains("after=");
        assertThat(page.asString().split("\r\n")).hasSize(2);
        assertThat(page.asString()).startsWith("episode_id,patient_id,code,team,commissioner_code,start_date,end_date,");
    }

    @Test
    void centres_show_overhead_unallocated_cost_and_people_without_an_episode() {
        api(RW2).get("/v1/runs/" + runId + "/centres").then().statusCode(200)
                .body("centres.find { it.code == 'CMHT2' }.unallocated", money("547.62"))
                .body("centres.find { it.code == 'CMHT1' }.roundingResidual", money("0.00"))
                .body("centres.find { it.code == 'CMHT2' }.unallocatedReason", equalTo("NO_ACTIVITY"))
                .body("centres.find { it.code == 'SUP1' }.apportioned", money("-1000.00"))
                .body("centres.find { it.code == 'CMHT1' }.notClustered", money("851.85"))
                .body("centres.find { it.code == 'CMHT1' }.notClusteredPeople", equalTo(1))
                .body("centres.find { it.code == 'CMHT1' }.minutes", money("360.00"));
        api(RW2).get("/v1/runs/" + runId + "/episodes?code=11").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].admittedCost", money("4107.14"))
                .body("items[0].nonAdmittedCost", money("1216.93")).body("items[0].clusterDays", equalTo(91));
    }

    @Test
    void a_run_counts_to_the_latest_activity_loaded_unless_given_a_date_within_the_period() {
        // The latest activity loaded is contact C4 on 10 June: E1 (open since 1 March) counts 1 April
        // to 10 June, 71 days, and the run says so.
        String inYear = api(RW2).contentType(ContentType.JSON).body(Map.of("period", "2025-Q1")).post("/v1/runs")
                .then().statusCode(201).body("asOf", equalTo("2025-06-10")).extract().path("id");
        api(RW2).get("/v1/runs/" + inYear + "/episodes?code=11").then().statusCode(200)
                .body("items[0].clusterDays", equalTo(71));
        api(RW2).get("/v1/runs/" + runId).then().statusCode(200).body("asOf", equalTo("2025-06-30"));
        badRequest().header("Authorization", RW2.bearer()).contentType(ContentType.JSON)
                .body(Map.of("period", "2025-Q1", "asOf", "2025-07-01")).post("/v1/runs").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"))
                .body("errors[0].message", equalTo("must be within the period (2025-04-01 to 2025-06-30)"));
    }

    @Test
    void a_run_without_social_care_is_compared_with_the_first() {
        String other = api(RW2).contentType(ContentType.JSON).body(Map.of("period", "2025-Q1", "includeSocialCare", false, "asOf", "2025-06-30"))
                .post("/v1/runs").then().statusCode(201)
                .body("reconciliation.socialCareExcluded", money("1000.00"))
                .body("reconciliation.costedTotal", money("10500.00")).extract().path("id");
        api(RW2).get("/v1/runs/" + runId + "/compare/" + other).then().statusCode(200)
                .body("sameInputs", equalTo(false))
                .body("codes", hasSize(3));
        // Named the other way round, it still reads new against old: the later run (without social
        // care) is other, and code 11's fall is negative. Without social care CMHT1 costs
        // 300,000 + 31,578.95p and WARD1 600,000 + 63,157.89p: E1's 100 of 360 minutes 921.05 (was
        // 1,216.93) and 5 of 8 nights 4,144.74 (was 4,107.14), -258.28 in all. Same days, all price.
        api(RW2).get("/v1/runs/" + other + "/compare/" + runId).then().statusCode(200)
                .body("base.id", equalTo(runId)).body("other.id", equalTo(other))
                .body("codes.find { it.code == '11' }.costChange", money("-258.28"))
                .body("codes.find { it.code == '11' }.priceEffect", money("-258.28"))
                .body("codes.find { it.code == '11' }.volumeEffect", money("0.00"))
                .body("codes.find { it.code == '11' }.effectsResidual", money("0.00"));
        api(analyst("RW2")).get("/v1/runs?period=2025-Q1").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }

    @Test
    void only_the_trusts_finance_and_analysts_see_its_runs_and_only_finance_loads_and_runs() {
        api(finance("RW3")).get("/v1/runs/" + runId).then().statusCode(404);
        api(finance("RW3")).get("/v1/runs/" + runId + "/codes").then().statusCode(404);
        api(finance("RW3")).get("/v1/periods/2025-Q1").then().statusCode(404);
        api(commissioner("15N")).get("/v1/runs/" + runId).then().statusCode(403);
        api(commissioner("15N")).get("/v1/periods").then().statusCode(403);
        api(clinician("RW2")).get("/v1/runs/" + runId).then().statusCode(403);
        api(analyst("RW2")).get("/v1/runs/" + runId + "/codes").then().statusCode(200);
        api(analyst("RW2")).get("/v1/runs/" + runId + "/episodes").then().statusCode(403);
        api(analyst("RW2")).contentType(ContentType.JSON).body(Map.of("period", "2025-Q1")).post("/v1/runs").then()
                .statusCode(403);
        api(analyst("RW2")).contentType("text/csv").body("patient_id,bed_date,ward\n")
                .post("/v1/periods/2025-Q1/activity/bed-days").then().statusCode(403);
        api(clinician("RW2")).contentType("text/csv").body("code,name,type\n").put("/v1/cost-centres").then()
                .statusCode(403);
    }
}
