package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.openpbr.costing.CostingApi.CSV;
import static org.openpbr.costing.CostingApi.activity;
import static org.openpbr.costing.CostingApi.analyst;
import static org.openpbr.costing.CostingApi.centres;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.costing.CostingApi.ledger;
import static org.openpbr.costing.CostingApi.money;
import static org.openpbr.costing.CostingApi.period;
import static org.openpbr.testing.Api.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * "What changed?" between two runs of one period whose ledger was replaced in between: by code, by
 * cost centre and by ledger line, and the ledger lines read back with their upload. Every figure is
 * worked by hand below.
 */
@QuarkusTest
@ServiceTest
class RunChangesApiTest {

    private static final TestTokens RX9 = finance("RX9");

    // First ledger 1,700.00; second 1,850.00: WARD1 Nursing +200, CMHT1 Admin gone (-100), CMHT1
    // Psychology new (+50), CMHT1 Medical the same. +150.00 in all.
    private static final String FIRST = "cost_centre,expense_type,amount,social_care\nWARD1,Nursing,1000.00,N\n"
            + "CMHT1,Medical,600.00,N\nCMHT1,Admin,100.00,N\n";
    private static final String SECOND = "cost_centre,expense_type,amount,social_care\nCMHT1,Medical,600.00,N\n"
            + "WARD1,Nursing,1200.00,N\nCMHT1,Psychology,50.00,N\n";

    private static String before;
    private static String after;
    private static long firstUpload;
    private static long secondUpload;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeEach
    void costTwice() {
        if (before != null) {
            return;
        }
        centres(RX9, "code,name,type\nWARD1,Ward,INPATIENT_WARD\nCMHT1,Team 1,COMMUNITY_TEAM\n");
        period(RX9, "2025-Q2", "2025-07-01", "2025-09-30");
        // P1 is in cluster 11 all quarter; P2 has no episode. P1 has all the ward's nights; the team's
        // 120 minutes are half P1's, half P2's.
        episodes(RX9, "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "E1,P1,11,2025-06-01,,2026-06-01,15N,T1\n").statusCode(201);
        activity(RX9, "2025-Q2", "bed-days", "patient_id,bed_date,ward\nP1,2025-07-01,WARD1\nP1,2025-07-02,WARD1\n")
                .statusCode(201);
        activity(RX9, "2025-Q2", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "C1,P1,2025-07-10,CMHT1,Nurse,60\nC2,P2,2025-07-11,CMHT1,Nurse,60\n").statusCode(201);
        firstUpload = ((Number) ledger(RX9, "2025-Q2", FIRST).statusCode(201).extract().path("id")).longValue();
        before = run();
        secondUpload = ((Number) api(RX9).contentType(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"tb-q2-v2.csv\"").body(SECOND)
                .put("/v1/periods/2025-Q2/ledger").then().statusCode(201).extract().path("id")).longValue();
        after = run();
    }

    private static String run() {
        return api(RX9).contentType(ContentType.JSON).body(Map.of("period", "2025-Q2", "asOf", "2025-09-30"))
                .post("/v1/runs").then().statusCode(201).extract().path("id");
    }

    @Test
    void the_comparison_shows_each_centres_change_and_how_many_ledger_lines_moved() {
        // WARD1: 1,000.00 -> 1,200.00, all P1's (code 11). CMHT1: 700.00 -> 650.00, half to P1 (350.00
        // -> 325.00) and half not clustered (350.00 -> 325.00). Code 11: 1,350.00 -> 1,525.00.
        api(RX9).get("/v1/runs/" + after + "/compare/" + before).then().statusCode(200)
                .body("base.id", equalTo(before)).body("other.id", equalTo(after))
                .body("sameInputs", equalTo(false))
                .body("codes.find { it.code == '11' }.baseCost", money("1350.00"))
                .body("codes.find { it.code == '11' }.otherCost", money("1525.00"))
                .body("centres", hasSize(2))
                .body("centres.find { it.code == 'WARD1' }.baseDirect", money("1000.00"))
                .body("centres.find { it.code == 'WARD1' }.otherDirect", money("1200.00"))
                .body("centres.find { it.code == 'WARD1' }.directChange", money("200.00"))
                .body("centres.find { it.code == 'WARD1' }.totalChange", money("200.00"))
                .body("centres.find { it.code == 'WARD1' }.allocatedChange", money("200.00"))
                .body("centres.find { it.code == 'WARD1' }.notClusteredChange", money("0.00"))
                .body("centres.find { it.code == 'CMHT1' }.directChange", money("-50.00"))
                .body("centres.find { it.code == 'CMHT1' }.allocatedChange", money("-25.00"))
                .body("centres.find { it.code == 'CMHT1' }.notClusteredChange", money("-25.00"))
                .body("centres.find { it.code == 'CMHT1' }.unallocatedChange", money("0.00"))
                .body("ledger.linesKept", equalTo(true))
                .body("ledger.baseUploadId", equalTo((int) firstUpload))
                .body("ledger.otherUploadId", equalTo((int) secondUpload))
                .body("ledger.baseLedgerTotal", money("1700.00"))
                .body("ledger.otherLedgerTotal", money("1850.00"))
                .body("ledger.ledgerTotalChange", money("150.00"))
                .body("ledger.linesAdded", equalTo(1)).body("ledger.linesRemoved", equalTo(1))
                .body("ledger.linesChanged", equalTo(1)).body("ledger.linesUnchanged", equalTo(1));
        api(analyst("RX9")).accept("text/csv").get("/v1/runs/" + before + "/compare/" + after + "/centres").then()
                .statusCode(200).body(org.hamcrest.Matchers.containsString(
                        "\r\nCMHT1,Team 1,COMMUNITY_TEAM,700.00,650.00,-50.00,0.00,0.00,0.00,700.00,650.00,-50.00,-25.00,-25.00,0.00,2,2\r\n"));
    }

    @Test
    void ledger_lines_that_changed_are_listed_new_against_old_and_sum_to_the_ledgers_change() {
        // Ordered by centre, expense type and flag: CMHT1 Admin, (CMHT1 Medical), CMHT1 Psychology, WARD1 Nursing.
        api(RX9).get("/v1/runs/" + before + "/compare/" + after + "/ledger").then().statusCode(200)
                .body("baseRunId", equalTo(before))
                .body("items", hasSize(3))
                .body("items[0].costCentre", equalTo("CMHT1")).body("items[0].expenseType", equalTo("Admin"))
                .body("items[0].change", equalTo("REMOVED")).body("items[0].baseAmount", money("100.00"))
                .body("items[0]", not(hasKey("otherAmount"))).body("items[0].amountChange", money("-100.00"))
                .body("items[1].expenseType", equalTo("Psychology")).body("items[1].change", equalTo("ADDED"))
                .body("items[1].amountChange", money("50.00"))
                .body("items[2].costCentre", equalTo("WARD1")).body("items[2].change", equalTo("CHANGED"))
                .body("items[2].baseAmount", money("1000.00")).body("items[2].otherAmount", money("1200.00"))
                .body("items[2].amountChange", money("200.00"));
        // With the unchanged lines, a page at a time: Admin, then Medical (unchanged), then on.
        String next = api(RX9).get("/v1/runs/" + before + "/compare/" + after + "/ledger?unchanged=true&limit=2")
                .then().statusCode(200).body("items", hasSize(2))
                .body("items[1].expenseType", equalTo("Medical")).body("items[1].change", equalTo("UNCHANGED"))
                .body("items[1].amountChange", money("0.00")).extract().path("next");
        assertThat(next).contains("unchanged=true");
        api(RX9).get(next).then().statusCode(200).body("items", hasSize(2))
                .body("items[0].expenseType", equalTo("Psychology")).body("items[1].costCentre", equalTo("WARD1"))
                .body("$", not(hasKey("next")));
        String csv = api(RX9).accept("text/csv").get("/v1/runs/" + before + "/compare/" + after + "/ledger")
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "cost_centre,expense_type,social_care,change,base_amount,other_amount,amount_change",
                "CMHT1,Admin,false,REMOVED,100.00,,-100.00", "CMHT1,Psychology,false,ADDED,,50.00,50.00",
                "WARD1,Nursing,false,CHANGED,1000.00,1200.00,200.00");
    }

    @Test
    void a_run_keeps_the_ledger_it_costed_and_the_period_shows_the_ledger_in_force_with_its_upload() {
        api(RX9).get("/v1/runs/" + before + "/ledger").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].line", equalTo(2)).body("items[0].costCentre", equalTo("WARD1"))
                .body("items[0].amount", money("1000.00")).body("items[0].uploadId", equalTo((int) firstUpload))
                .body("items[2].expenseType", equalTo("Admin"));
        api(RX9).get("/v1/periods/2025-Q2/ledger").then().statusCode(200)
                .body("upload.id", equalTo((int) secondUpload)).body("upload.fileName", equalTo("tb-q2-v2.csv"))
                .body("upload.kind", equalTo("LEDGER")).body("upload", not(hasKey("withdrawnAt")))
                .body("items", hasSize(3))
                .body("items[1].line", equalTo(3)).body("items[1].costCentre", equalTo("WARD1"))
                .body("items[1].costCentreName", equalTo("Ward")).body("items[1].amount", money("1200.00"));
        String csv = api(RX9).accept("text/csv").get("/v1/periods/2025-Q2/ledger?limit=1").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\"")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "line,cost_centre,cost_centre_name,expense_type,social_care,amount,upload_id",
                "2,CMHT1,Team 1,Medical,false,600.00," + secondUpload);
    }

    @Test
    void a_period_with_no_ledger_reads_back_empty_and_another_trust_sees_nothing() {
        period(RX9, "2025-Q3", "2025-10-01", "2025-12-31");
        api(RX9).get("/v1/periods/2025-Q3/ledger").then().statusCode(200)
                .body("items", hasSize(0)).body("$", not(hasKey("upload")));
        api(finance("RX8")).get("/v1/periods/2025-Q2/ledger").then().statusCode(404);
        api(finance("RX8")).get("/v1/runs/" + before + "/ledger").then().statusCode(404);
        api(finance("RX8")).get("/v1/runs/" + before + "/compare/" + after + "/ledger").then().statusCode(404);
        api(analyst("RX9")).get("/v1/runs/" + before + "/ledger").then().statusCode(403);
    }

    @Test
    void a_run_made_before_runs_kept_their_ledger_compares_by_totals_only() throws Exception {
        // A copy of the first run as it would have been stored before V9: no ledger lines kept.
        String old = java.util.UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into costing_run (id, provider_code, period_id, method_version, include_social_care, fingerprint,
                       ledger_total, social_care_total, costed_total, allocated, not_clustered, unallocated,
                       rounding_residual, apportionment_residual, activity_rows, episode_count, timings, started_at,
                       finished_at, created_by, as_of, ledger_kept)
                select cast(? as uuid), provider_code, period_id, method_version, include_social_care, fingerprint,
                       ledger_total, social_care_total, costed_total, allocated, not_clustered, unallocated,
                       rounding_residual, apportionment_residual, activity_rows, episode_count, timings,
                       started_at - interval '1 day', finished_at - interval '1 day', created_by, as_of, false
                  from costing_run where id = cast(? as uuid)""")) {
            s.setString(1, old);
            s.setString(2, before);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        api(RX9).get("/v1/runs/" + after + "/compare/" + old).then().statusCode(200)
                .body("base.id", equalTo(old))
                .body("ledger.linesKept", equalTo(false)).body("ledger.ledgerTotalChange", money("150.00"))
                .body("ledger", not(hasKey("linesAdded")));
        api(RX9).get("/v1/runs/" + after + "/compare/" + old + "/ledger").then().statusCode(409)
                .contentType("application/problem+json");
        api(RX9).get("/v1/runs/" + old + "/ledger").then().statusCode(409);
    }
}
