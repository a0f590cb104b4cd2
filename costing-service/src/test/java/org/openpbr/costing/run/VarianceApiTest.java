package org.openpbr.costing.run;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.openpbr.costing.CostingApi.activity;
import static org.openpbr.costing.CostingApi.analyst;
import static org.openpbr.costing.CostingApi.centres;
import static org.openpbr.costing.CostingApi.commissioner;
import static org.openpbr.costing.CostingApi.contractManager;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.costing.CostingApi.ledger;
import static org.openpbr.costing.CostingApi.money;
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
 * Variance, outliers and the commissioner's view, on two small providers whose costs are easy to
 * follow: one community team each, costed at a whole number of pounds per minute.
 *
 * RV3: ledger 1,000.00 over 1,000 minutes = 1.00 a minute. Code 04 (commissioner 03W): five
 * 10-day episodes with 10, 20, 30, 40 and 400 minutes, so 1, 2, 3, 4 and 40 a day; code 11: one
 * episode with 500 minutes (50 a day). Code 04 by type 7 quantiles: p25 2, median 3, p75 4; trim
 * point 4 + 1.5 x 2 = 7, so the 40-a-day episode is the outlier; 500 / 50 days = 10.00 a day,
 * without the outlier 100 / 40 = 2.50.
 *
 * RV4: ledger 100.00 over 10 minutes; one code-04 episode of 10 days for 03W, 10 a day.
 * 03W's code 04 over both: 1, 2, 3, 4, 10, 40 (n = 6, positions 5p): p25 at 1.25 = 2.25, median
 * at 2.5 = 3.5, p75 at 3.75 = 4 + 0.75 x 6 = 8.5, trim point 8.5 + 1.5 x 6.25 = 17.875; mean 10;
 * 600 / 60 days = 10.00 a day, without the outlier 200 / 50 = 4.00.
 */
@QuarkusTest
@ServiceTest
class VarianceApiTest {

    private static final TestTokens RV3 = finance("RV3");
    private static final TestTokens RV4 = finance("RV4");
    private static String runId;

    @BeforeEach
    void costBothProviders() {
        if (runId != null) {
            return;
        }
        centres(RV3, "code,name,type\nCMHT1,Team 1,COMMUNITY_TEAM\n");
        period(RV3, "2024-Q1", "2024-04-01", "2024-06-30");
        ledger(RV3, "2024-Q1", "cost_centre,expense_type,amount,social_care\nCMHT1,Nursing,1000.00,N\n").statusCode(201);
        // P5 (the outlier) comes with an NHS number, which gives the suite's one pseudonym; the rest are provider-local.
        StringBuilder eps = new StringBuilder("episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team,nhs_number\n");
        StringBuilder contacts = new StringBuilder("contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n");
        int[] minutes = { 10, 20, 30, 40, 400, 500 };
        for (int i = 1; i <= 6; i++) {
            eps.append("E").append(i).append(",P").append(i).append(i == 6 ? ",11," : ",04,")
                    .append("2024-04-01,2024-04-10,2024-10-01,03W,T1,").append(i == 5 ? "943 476 5919" : "").append('\n');
            contacts.append("C").append(i).append(",P").append(i).append(",2024-04-05,CMHT1,Nurse,").append(minutes[i - 1]).append('\n');
        }
        episodes(RV3, eps.toString()).statusCode(201);
        activity(RV3, "2024-Q1", "contacts", contacts.toString()).statusCode(201);
        runId = api(RV3).contentType(ContentType.JSON).body(Map.of("period", "2024-Q1", "asOf", "2024-06-30")).post("/v1/runs").then()
                .statusCode(201).extract().path("id");

        centres(RV4, "code,name,type\nCMHT9,Team 9,COMMUNITY_TEAM\n");
        period(RV4, "Q1-24", "2024-04-01", "2024-06-30");
        ledger(RV4, "Q1-24", "cost_centre,expense_type,amount,social_care\nCMHT9,Nursing,100.00,N\n").statusCode(201);
        episodes(RV4, "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "F1,Q1,04,2024-04-01,2024-04-10,2024-10-01,03W,T9\n").statusCode(201);
        activity(RV4, "Q1-24", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "K1,Q1,2024-04-02,CMHT9,Nurse,10\n").statusCode(201);
        api(RV4).contentType(ContentType.JSON).body(Map.of("period", "Q1-24", "asOf", "2024-06-30")).post("/v1/runs").then().statusCode(201);
    }

    @Test
    void variance_by_code_with_the_trim_point_and_the_outlier_as_worked_by_hand() {
        api(analyst("RV3")).get("/v1/runs/" + runId + "/variance").then().statusCode(200)
                .body("trimMultiplier", money("1.5"))
                .body("codes", hasSize(2))
                .body("codes[0].code", equalTo("04")).body("codes[0].episodes", equalTo(5))
                .body("codes[0].suppressed", equalTo(false))
                .body("codes[0].totalCost", money("500.00")).body("codes[0].clusterDays", equalTo(50))
                .body("codes[0].costPerClusterDay", money("10.00"))
                .body("codes[0].mean", money("10.00")).body("codes[0].median", money("3.00"))
                .body("codes[0].p25", money("2.00")).body("codes[0].p75", money("4.00"))
                .body("codes[0].trimPoint", money("7.00"))
                .body("codes[0].outliers", equalTo(1)).body("codes[0].outlierCost", money("400.00"))
                .body("codes[0].costPerClusterDayExcludingOutliers", money("2.50"))
                .body("codes[1].code", equalTo("11")).body("codes[1].episodes", equalTo(1));
        // A tighter or looser trim point moves with k: k = 0 puts it at the upper quartile (4).
        api(RV3).get("/v1/runs/" + runId + "/variance?trimMultiplier=0").then().statusCode(200)
                .body("codes[0].trimPoint", money("4.00")).body("codes[0].outliers", equalTo(1));
        api(RV3).get("/v1/runs/" + runId + "/outliers").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].episodeId", equalTo("E5"))
                .body("items[0].patientId", equalTo("P5")).body("items[0].cost", money("400.00"))
                .body("items[0].costPerClusterDay", money("40.00")).body("items[0].trimPoint", money("7.00"));
        api(RV3).get("/v1/runs/" + runId + "/codes?excludeOutliers=true").then().statusCode(200)
                .body("outliersExcluded.episodes", equalTo(1)).body("outliersExcluded.cost", money("400.00"))
                .body("codes.find { it.code == '04' }.episodes", equalTo(4))
                .body("codes.find { it.code == '04' }.totalCost", money("100.00"))
                .body("codes.find { it.code == '04' }.costPerClusterDay", money("2.50"));
        // The same as CSV: code 04's row as above, then the outlier.
        String variance = api(RV3).accept("text/csv").get("/v1/runs/" + runId + "/variance").then().statusCode(200)
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(variance.split("\r\n")[1])
                .startsWith("04,5,false,").contains(",500.00,50,10.00,10.00,3.00,");
        String outliers = api(RV3).accept("text/csv").get("/v1/runs/" + runId + "/outliers").then().statusCode(200)
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(outliers).isEqualTo(
                "episode_id,patient_id,code,cluster_days,cost,cost_per_cluster_day,trim_point\r\nE5,P5,04,10,400.00,40.00,7.00\r\n");
        badRequest().header("Authorization", RV3.bearer()).get("/v1/runs/" + runId + "/variance?trimMultiplier=-1")
                .then().statusCode(400).body("errors[0].field", equalTo("trimMultiplier"));
        badRequest().header("Authorization", RV3.bearer()).get("/v1/runs/" + runId + "/codes?excludeOutliers=maybe")
                .then().statusCode(400);
    }

    @Test
    void a_commissioner_sees_its_population_across_providers_aggregated_with_small_numbers_withheld() {
        api(commissioner("03W")).get("/v1/population/costs?from=2024-04-01&to=2024-06-30").then().statusCode(200)
                .body("runs", hasSize(2)).body("runs[0].providerCode", equalTo("RV3"))
                .body("runs[1].providerCode", equalTo("RV4"))
                .body("codes[0].code", equalTo("04")).body("codes[0].episodes", equalTo(6))
                .body("codes[0].costPerClusterDay", money("10.00"))
                .body("codes[0].mean", money("10.00")).body("codes[0].median", money("3.50"))
                .body("codes[0].p25", money("2.25")).body("codes[0].p75", money("8.50"))
                .body("codes[0].trimPoint", money("17.88"))
                .body("codes[0].costPerClusterDayExcludingOutliers", money("4.00"))
                // One episode of code 11: withheld, and with it the share explained across codes.
                .body("codes[1].code", equalTo("11")).body("codes[1].suppressed", equalTo(true))
                .body("codes[1]", not(org.hamcrest.Matchers.hasKey("episodes")))
                .body("codes[1]", not(org.hamcrest.Matchers.hasKey("totalCost")))
                .body("$", not(org.hamcrest.Matchers.hasKey("etaSquaredCostPerDay")))
                // All community care: no ward nights, so nothing admitted, and the non-admitted spread is
                // the whole spread (each episode's days are all outside a ward).
                .body("admitted", hasSize(0))
                .body("nonAdmitted[0].code", equalTo("04")).body("nonAdmitted[0].episodes", equalTo(6))
                .body("nonAdmitted[0].costPerClusterDay", money("10.00")).body("nonAdmitted[0].median", money("3.50"))
                .body("nonAdmitted[1].suppressed", equalTo(true))
                .body("providers[1].providerCode", equalTo("RV4"))
                .body("providers[1].codes[0].suppressed", equalTo(true));
        // As CSV: all providers together (ALL) first, the withheld code with empty cells.
        String costs = api(commissioner("03W")).accept("text/csv").get("/v1/population/costs?from=2024-04-01&to=2024-06-30")
                .then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(costs.split("\r\n")[0]).startsWith("provider_code,setting,code,episodes,suppressed,");
        org.assertj.core.api.Assertions.assertThat(costs.split("\r\n")[1]).startsWith("ALL,ALL,04,6,false,");
        org.assertj.core.api.Assertions.assertThat(costs.split("\r\n")[2]).isEqualTo("ALL,ALL,11,,true" + ",".repeat(19));
        org.assertj.core.api.Assertions.assertThat(costs.split("\r\n")[3]).startsWith("ALL,NON_ADMITTED,04,6,false,");
        api(contractManager("03W")).get("/v1/population/outliers?from=2024-04-01&to=2024-06-30").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("total", equalTo(1)).body("items[0].providerCode", equalTo("RV3"))
                // HMAC-SHA256 under the dev key over (03W, 9434765919), computed outside Java: the same
                // pseudonym clustering-service gives this person for 03W.
                .body("items[0].pseudonym", equalTo("P-aab47dd738f63bf51220264504f7a42d"))
                .body("items[0].cost", money("400.00"))
                .body(not(containsString("P5"))).body(not(containsString("E5")));
        // Another commissioner's population is not in these runs at all: the same 404 as dates that match no period.
        api(commissioner("99Z")).get("/v1/population/costs?from=2024-04-01&to=2024-06-30").then().statusCode(404)
                .body("type", equalTo("https://openpbr.org/problems/not-found"))
                .body("detail", containsString("No costing run holds your population yet."));
        api(contractManager("99Z")).get("/v1/population/outliers?from=2024-04-01&to=2024-06-30").then()
                .statusCode(404);
    }

    @Test
    void dates_that_match_no_costing_period_get_a_problem_naming_the_periods_that_do() {
        api(commissioner("03W")).get("/v1/population/costs?from=2024-04-01&to=2025-03-31").then().statusCode(404)
                .body("detail", containsString("covers exactly 2024-04-01 to 2025-03-31"))
                .body("detail", containsString("Periods with your population: from=2024-04-01&to=2024-06-30."));
        api(contractManager("03W")).get("/v1/population/outliers?from=2024-05-01&to=2024-06-30").then()
                .statusCode(404).body("detail", containsString("from=2024-04-01&to=2024-06-30"));
    }

    @Test
    void only_commissioners_see_populations_and_only_the_provider_sees_its_runs() {
        api(RV3).get("/v1/population/costs?from=2024-04-01&to=2024-06-30").then().statusCode(403);
        api(commissioner("03W")).get("/v1/runs/" + runId + "/variance").then().statusCode(403);
        api(commissioner("03W")).get("/v1/runs/" + runId + "/outliers").then().statusCode(403);
        api(RV4).get("/v1/runs/" + runId + "/variance").then().statusCode(404);
        api(analyst("RV3")).get("/v1/runs/" + runId + "/outliers").then().statusCode(403);
        // Record-level outliers are for contract managers; an analyst or finance user gets the aggregates only.
        api(commissioner("03W")).get("/v1/population/outliers?from=2024-04-01&to=2024-06-30").then().statusCode(403);
        badRequest().header("Authorization", commissioner("03W").bearer()).get("/v1/population/costs?from=2024-04-01")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
    }
}
