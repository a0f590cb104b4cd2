package org.openpbr.costing.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Tariffs from a small run worked by hand. RT1 in April-June 2024: CMHT1 600.00 nursing and 200.00
 * social work (flagged social care), WARD1 1,000.00, support SUP1 180.00, apportioned 800:1,000 =
 * 80.00 and 100.00. CMHT1's 880.00 over 400 minutes = 2.20 a minute: P1's nurse 300 minutes 660.00
 * (60.00 of it overhead), P2's social worker 100 minutes 220.00 (20.00 overhead). WARD1's 1,100.00 over
 * P3's 10 nights. Code 11: P1 (15N) and P2 (14L), 30 days each: 880.00 over 60 days, review period
 * 365 days. Code 14: P3 (15N), 10 days: 1,100.00, review period 28 days.
 */
@QuarkusTest
@ServiceTest
class TariffApiTest {

    private static final TestTokens RT1 = finance("RT1");
    private static final TestTokens CONTRACT_SERVICE = TestTokens.service("contract-service").roles("tariffs-reader");
    private static String runId;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void costTheProvider() {
        if (runId != null) {
            return;
        }
        centres(RT1, "code,name,type\nCMHT1,Team 1,COMMUNITY_TEAM\nWARD1,Ward 1,INPATIENT_WARD\nSUP1,Finance,SUPPORT\n");
        period(RT1, "Q1", "2024-04-01", "2024-06-30");
        ledger(RT1, "Q1", "cost_centre,expense_type,amount,social_care\nCMHT1,Nursing,600.00,N\n"
                + "CMHT1,Social work,200.00,Y\nWARD1,Nursing,1000.00,N\nSUP1,Finance,180.00,N\n").statusCode(201);
        episodes(RT1, "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "E1,P1,11,2024-04-01,2024-04-30,2025-04-01,15N,T1\n"
                + "E2,P2,11,2024-04-01,2024-04-30,2025-04-01,14L,T1\n"
                + "E3,P3,14,2024-04-01,2024-04-10,2024-04-29,15N,T1\n").statusCode(201);
        activity(RT1, "Q1", "contacts", "contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n"
                + "C1,P1,2024-04-02,CMHT1,Nurse,300\nC2,P2,2024-04-03,CMHT1,Social worker,100\n").statusCode(201);
        StringBuilder nights = new StringBuilder("patient_id,bed_date,ward\n");
        for (int d = 1; d <= 10; d++) {
            nights.append("P3,2024-04-").append(String.format("%02d", d)).append(",WARD1\n");
        }
        activity(RT1, "Q1", "bed-days", nights.toString()).statusCode(201);
        runId = api(RT1).contentType(ContentType.JSON).body(Map.of("period", "Q1", "asOf", "2024-06-30")).post("/v1/runs").then()
                .statusCode(201).extract().path("id");
    }

    private static Map<String, Object> proposal(String name, String unit, String value) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("runId", runId);
        body.put("unit", unit);
        body.put("validFrom", "2025-04-01");
        body.put("validTo", "2026-03-31");
        body.put("contractValue", new java.math.BigDecimal(value));
        return body;
    }

    /**
     * Trust-wide, per cluster day, on the run's own activity (60 and 10 days), contract 2,000.00 less
     * 1% = 1,980.00, which is the run's cost: so prices are the unit costs. 11: 880 / 60 = 14.6667 =
     * 14.67; 14: 110.00. Average 1,980 / 70 = 28.2857; RRI 0.5185 and 3.8889. At the rounded prices
     * 14.67 x 60 + 110 x 10 = 1,980.20: residual -0.20. 11's 14.67 by component 600:80:200 (nurse,
     * overhead, social worker) = 1,467 pennies: 1,000.23, 133.36, 333.41, floors 1,000 + 133 + 333 =
     * 1,466 and the last penny to the largest remainder (social worker): 10.00, 1.33, 3.34.
     */
    @Test
    void a_trust_wide_tariff_on_the_runs_activity_worked_by_hand() {
        Map<String, Object> body = proposal("Day tariff", "CLUSTER_DAY", "2000.00");
        body.put("efficiencyPercent", 1);
        api(RT1).contentType(ContentType.JSON).body(body).post("/v1/tariffs").then().statusCode(201)
                .body("status", equalTo("DRAFT")).body("version", equalTo(1)).body("scope", equalTo("TRUST"))
                .body("activitySource", equalTo("RUN")).body("pricingMethod", equalTo("pbr-mh-tariff-1"))
                .body("target", money("1980.00")).body("averageUnitCost", money("28.2857"))
                .body("prices.code", contains("11", "14"))
                .body("prices[0].plannedUnits", money("60")).body("prices[0].unitCost", money("14.6667"))
                .body("prices[0].rri", money("0.5185")).body("prices[0].price", money("14.67"))
                .body("prices[1].rri", money("3.8889")).body("prices[1].price", money("110.00"))
                .body("plannedValue", money("1980.20")).body("roundingResidual", money("-0.20"))
                .body("prices[0].components.find { it.name == 'Nurse' }.amount", money("10.00"))
                .body("prices[0].components.find { it.name == 'Social worker' }.amount", money("3.34"))
                .body("prices[0].components.find { it.name == 'Support overhead' }.amount", money("1.33"))
                .body("prices[1].components.find { it.name == 'Ward stay' }.amount", money("100.00"))
                .body("prices[1].components.find { it.name == 'Support overhead' }.amount", money("10.00"));
    }

    /**
     * For 15N, per review period, planned: 11 x 10 (2 deaf, +25%), 14 x 5; contract 100,000.00.
     * Unit costs 880 / 60 x 365 = 5,353.3333 and 110 x 28 = 3,080. Priced units 10 + 2 x 25% = 10.5
     * and 5; their cost 5,353.3333 x 10.5 + 3,080 x 5 = 56,210 + 15,400 = 71,610; prices x 100,000 /
     * 71,610: 7,475.678443 = 7,475.68 and 4,301.075269 = 4,301.08; deaf 7,475.678443 x 1.25 =
     * 9,344.60. 7,475.68 x 10.5 + 4,301.08 x 5 = 100,000.04: residual -0.04. Average (53,533.33 +
     * 15,400) / 15 = 4,595.5556; RRI 1.1649 and 0.6702.
     */
    @Test
    void a_commissioners_tariff_on_planned_activity_with_a_top_up_agreed_and_read_by_contract_service() {
        Map<String, Object> body = proposal("15N tariff", "REVIEW_PERIOD", "100000.00");
        body.put("commissionerCode", "15N");
        body.put("topUps", List.of(Map.of("flag", "DEAFNESS", "upliftPercent", 25)));
        body.put("activity", List.of(Map.of("code", "11", "units", 10, "flaggedUnits", Map.of("DEAFNESS", 2)),
                Map.of("code", "14", "units", 5)));
        var created = api(RT1).contentType(ContentType.JSON).body(body).post("/v1/tariffs").then().statusCode(201)
                .body("scope", equalTo("COMMISSIONER")).body("activitySource", equalTo("PLAN"))
                .body("prices[0].unitCost", money("5353.3333")).body("prices[1].unitCost", money("3080.0000"))
                .body("prices[0].pricedUnits", money("10.5"))
                .body("prices[0].exactPrice", money("7475.678443")).body("prices[0].price", money("7475.68"))
                .body("prices[1].price", money("4301.08")).body("prices[0].topUpPrices.DEAFNESS", money("9344.60"))
                .body("averageUnitCost", money("4595.5556")).body("prices[0].rri", money("1.1649"))
                .body("prices[1].rri", money("0.6702"))
                .body("plannedValue", money("100000.04")).body("roundingResidual", money("-0.04"))
                .extract();
        String id = created.path("id");
        String etag = created.header("ETag");

        // One draft per name; changes need the ETag; an agreed tariff never changes.
        api(RT1).contentType(ContentType.JSON).body(body).post("/v1/tariffs").then().statusCode(409);
        badRequest().header("Authorization", RT1.bearer()).contentType(ContentType.JSON).body(body)
                .put("/v1/tariffs/" + id).then().statusCode(428);
        body.put("contractValue", new java.math.BigDecimal("120000.00"));
        api(RT1).contentType(ContentType.JSON).header("If-Match", "\"tariff-" + id + "-r9\"").body(body)
                .put("/v1/tariffs/" + id).then().statusCode(412);
        String revised = api(RT1).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put("/v1/tariffs/" + id).then().statusCode(200).body("revision", equalTo(2))
                .body("target", money("120000.00")).extract().header("ETag");
        api(RT1).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of()).post("/v1/tariffs/" + id + "/agreement")
                .then().statusCode(412);
        // The commissioner sees the draft scoped to it before agreeing; another commissioner does not.
        api(commissioner("15N")).get("/v1/tariffs/" + id).then().statusCode(200).body("status", equalTo("DRAFT"));
        api(commissioner("14L")).get("/v1/tariffs/" + id).then().statusCode(404);
        String agreed = api(RT1).contentType(ContentType.JSON).header("If-Match", revised)
                .body(Map.of("note", "Agreed at the contract meeting of 3 March")).post("/v1/tariffs/" + id + "/agreement")
                .then().statusCode(200).body("status", equalTo("AGREED")).body("agreedBy", equalTo("finance.rt1"))
                .extract().header("ETag");
        api(RT1).contentType(ContentType.JSON).header("If-Match", agreed).body(body).put("/v1/tariffs/" + id).then()
                .statusCode(409);
        api(RT1).header("If-Match", agreed).delete("/v1/tariffs/" + id).then().statusCode(409);
        assertThatThrownBy(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("update tariff_price set price = 1 where tariff_id = ?")) {
                s.setObject(1, UUID.fromString(id));
                s.executeUpdate();
            }
        }).hasMessageContaining("immutable");

        // contract-service reads the agreed tariff that applies; a correction is a new version.
        api(CONTRACT_SERVICE).get("/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2025-06-01").then()
                .statusCode(200).body("id", equalTo(id)).body("prices[0].price", money("8970.81"));
        api(CONTRACT_SERVICE).get("/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2026-06-01").then()
                .statusCode(404);
        api(RT1).contentType(ContentType.JSON).body(body).post("/v1/tariffs").then().statusCode(201)
                .body("version", equalTo(2)).body("status", equalTo("DRAFT"));
        api(commissioner("15N")).get("/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2025-06-01").then()
                .statusCode(200).body("version", equalTo(1));
        // Asking about another organisation looks exactly like asking when none applies: no oracle.
        String none = badRequest().header("Authorization", commissioner("15N").bearer())
                .get("/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2027-06-01").then().statusCode(404)
                .extract().path("detail");
        assertThat(none).doesNotContain(id);
        for (TestTokens other : List.of(commissioner("14L"), finance("RT2"))) {
            String detail = badRequest().header("Authorization", other.bearer())
                    .get("/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2025-06-01").then().statusCode(404)
                    .body(not(containsString(id))).body(not(containsString("validFrom"))).extract().path("detail");
            assertThat(detail).isEqualTo(none);
        }
        // Who may not read tariffs at all is told so whether or not the tariff exists.
        TestTokens noOrg = TestTokens.user("no.org").roles("finance");
        TestTokens outcomes = TestTokens.service("outcomes-service").roles("assessments-reader");
        for (TestTokens refused : List.of(noOrg, outcomes)) {
            for (String path : List.of("/v1/tariffs/" + id, "/v1/tariffs/" + UUID.randomUUID(),
                    "/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2025-06-01",
                    "/v1/tariffs/applicable?provider=RT1&commissioner=15N&on=2027-06-01")) {
                badRequest().header("Authorization", refused.bearer()).get(path).then().statusCode(403);
            }
        }
    }

    /**
     * For 14L on the run's activity: only P2's 30 days of code 11 (and no 14). Contract 500.00 over
     * 14.6667 x 30 = 440.00 of cost: 11 = 14.6667 x 500 / 440 = 16.67, 14 = 110 x 500 / 440 = 125.00.
     */
    @Test
    void a_commissioners_scope_prices_its_own_activity_at_trust_wide_unit_costs() {
        Map<String, Object> body = proposal("14L tariff", "CLUSTER_DAY", "500.00");
        body.put("commissionerCode", "14L");
        String id = api(RT1).contentType(ContentType.JSON).body(body).post("/v1/tariffs").then().statusCode(201)
                .body("prices[0].plannedUnits", money("30")).body("prices[1].plannedUnits", money("0"))
                .body("prices[0].price", money("16.67")).body("prices[1].price", money("125.00"))
                .body("plannedValue", money("500.10")).body("roundingResidual", money("-0.10")).extract().path("id");
        api(RT1).header("If-Match", api(RT1).get("/v1/tariffs/" + id).then().extract().header("ETag"))
                .delete("/v1/tariffs/" + id).then().statusCode(204);
        api(RT1).get("/v1/tariffs/" + id).then().statusCode(404);
    }

    @Test
    void a_bad_proposal_is_refused_with_every_fault_and_nothing_is_stored() {
        // Reading first: a unit that is not one stops there.
        badRequest().header("Authorization", RT1.bearer()).contentType(ContentType.JSON)
                .body(proposal("Bad", "EPISODE", "100.00")).post("/v1/tariffs").then().statusCode(400)
                .body("errors.field", contains("unit"))
                .body("errors[0].message", containsString("CLUSTER_DAY, REVIEW_PERIOD"));
        // Then the proposal's own rules, every one at once.
        Map<String, Object> body = proposal("Bad", "CLUSTER_DAY", "-5");
        body.put("includeSocialCare", false);
        body.put("efficiencyPercent", 100);
        body.put("validTo", "2024-01-01");
        body.put("topUps", List.of(Map.of("flag", "deaf", "upliftPercent", 0)));
        body.put("activity", List.of(Map.of("code", "99", "units", 5), Map.of("code", "11", "units", new java.math.BigDecimal("1.234")),
                Map.of("code", "14", "units", 3, "flaggedUnits", Map.of("ABI", 1))));
        badRequest().header("Authorization", RT1.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/tariffs").then().statusCode(400).body("errors.field", containsInAnyOrder("validTo",
                        "contractValue", "efficiencyPercent", "topUps[0].flag", "topUps[0].upliftPercent",
                        "activity[1].units", "activity[2].flaggedUnits[ABI]"));
        Map<String, Object> plan = proposal("Bad plan", "CLUSTER_DAY", "100.00");
        plan.put("topUps", List.of(Map.of("flag", "ABI", "upliftPercent", 10)));
        plan.put("activity", List.of(Map.of("code", "99", "units", 5), Map.of("code", "11", "units", new java.math.BigDecimal("1.234")),
                Map.of("code", "14", "units", 3, "flaggedUnits", Map.of("ABI", 4, "DEAF", 1)),
                Map.of("code", "14", "units", 1)));
        badRequest().header("Authorization", RT1.bearer()).contentType(ContentType.JSON).body(plan)
                .post("/v1/tariffs").then().statusCode(400).body("errors.field", containsInAnyOrder(
                        "activity[1].units", "activity[2].flaggedUnits[ABI]", "activity[2].flaggedUnits[DEAF]",
                        "activity[3].code"));
        // Last, what needs the costing run: its option for social care, and which codes it costed.
        Map<String, Object> againstRun = proposal("Bad run", "CLUSTER_DAY", "100.00");
        againstRun.put("includeSocialCare", false);
        againstRun.put("activity", List.of(Map.of("code", "99", "units", 5), Map.of("code", "11", "units", 2)));
        badRequest().header("Authorization", RT1.bearer()).contentType(ContentType.JSON).body(againstRun)
                .post("/v1/tariffs").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("activity[0].code", "includeSocialCare"));
        Map<String, Object> nothing = proposal("No activity", "CLUSTER_DAY", "100.00");
        nothing.put("activity", List.of(Map.of("code", "11", "units", 0)));
        badRequest().header("Authorization", RT1.bearer()).contentType(ContentType.JSON).body(nothing)
                .post("/v1/tariffs").then().statusCode(400).body("errors[0].field", equalTo("activity"));
        api(RT1).get("/v1/tariffs?status=DRAFT").then().statusCode(200)
                .body("items.findAll { it.name.startsWith('Bad') || it.name == 'No activity' }", hasSize(0));
    }

    @Test
    void only_finance_proposes_and_a_trust_sees_only_its_own_tariffs() {
        api(analyst("RT1")).contentType(ContentType.JSON).body(proposal("X", "CLUSTER_DAY", "1.00")).post("/v1/tariffs")
                .then().statusCode(403);
        api(clinician("RT1")).get("/v1/tariffs").then().statusCode(403);
        String id = api(RT1).contentType(ContentType.JSON).body(proposal("Visible", "CLUSTER_DAY", "1000.00"))
                .post("/v1/tariffs").then().statusCode(201).extract().path("id");
        api(analyst("RT1")).get("/v1/tariffs/" + id).then().statusCode(200);
        api(finance("RT2")).get("/v1/tariffs/" + id).then().statusCode(404);
        api(finance("RT2")).get("/v1/tariffs").then().statusCode(200).body("items", hasSize(0));
        api(finance("RT2")).contentType(ContentType.JSON).body(proposal("Theirs", "CLUSTER_DAY", "1.00"))
                .post("/v1/tariffs").then().statusCode(404).body("detail", containsString("Costing run"));
        // A trust-wide draft is the provider's business until agreed.
        api(commissioner("15N")).get("/v1/tariffs/" + id).then().statusCode(404);
        api(CONTRACT_SERVICE).get("/v1/tariffs/" + id).then().statusCode(200);
        badRequest().header("Authorization", CONTRACT_SERVICE.bearer()).get("/v1/tariffs/applicable?provider=RT1&commissioner=14L")
                .then().statusCode(400).body("errors[0].field", equalTo("on"));
    }
}
