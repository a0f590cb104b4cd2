package org.openpbr.contract.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.openpbr.contract.ContractApi.agreed;
import static org.openpbr.contract.ContractApi.commissionerAnalyst;
import static org.openpbr.contract.ContractApi.contractManager;
import static org.openpbr.contract.ContractApi.finance;
import static org.openpbr.contract.ContractApi.money;
import static org.openpbr.contract.ContractApi.step;
import static org.openpbr.contract.FeedPages.allocation;
import static org.openpbr.contract.FeedPages.episode;
import static org.openpbr.contract.FeedPages.pseudonym;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.FeedStub;
import org.openpbr.testing.ServiceTest;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Statements over HTTP, from clustering's feed to an issued statement. The contract (C20 with
 * RS1, 2025-26): £120,000.00 fixed (£10,000.00 a month), episodes of 11 at £1,000.00 and 04 at
 * £800.00, all units paid, 2 episodes of 11 planned in April, and a 2% withhold of the fixed
 * element (£200.00 a month).
 */
@QuarkusTest
@ServiceTest
class StatementApiTest {

    @OidcWireMock
    WireMockServer server;

    @Inject
    DataSource dataSource;

    private static final String CONTRACT = """
            {"reference": "C20-RS1-2025-26", "commissionerCode": "C20", "providerCode": "RS1", "financialYear": "2025-26",
             "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
             "terms": {"shadow": false, "fixed": {"annualAmount": 120000.00},
               "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "ALL_UNITS",
                 "localPrices": [{"code": "11", "price": 1000.00}, {"code": "04", "price": 800.00}]},
               "quality": {"kind": "WITHHOLD", "ratePercent": 2, "settlement": "YEAR_END", "indicators": [
                 {"measureId": "CMH-PAIRED", "weight": 1, "target": 50, "scale": "ALL_OR_NOTHING", "direction": "HIGHER_IS_BETTER"}]}},
             "plan": [{"month": 1, "code": "11", "units": 2}]}
            """;

    @Test
    void a_month_is_validated_priced_issued_and_a_late_unit_is_paid_once_as_an_adjustment() throws SQLException {
        // RS2 also has an agreed contract with C20: its episodes of the same people are PV05 candidates.
        agreed("C20-RS2-2025-26", "C20", "RS2");
        String id = api(contractManager("C20")).contentType(ContentType.JSON).body(CONTRACT).post("/v1/contracts").then()
                .statusCode(201).extract().path("contractId");
        step(contractManager("C20"), id, 1, "offer").statusCode(200);
        step(finance("RS1"), id, 1, "agreement").statusCode(200);

        String base = "/v1/contracts/" + id + "/statements";
        // Nothing pulled yet: the draft can be computed but not issued from data never read.
        feed(List.of(
                allocation(1, "LA", "a2000000-0000-4000-8000-000000000001", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(2, "LA", "e2000000-0000-4000-8000-000000000001", "a2000000-0000-4000-8000-000000000001", "RS1", "C20", "11", "2025-04-05", "2025-06-30", "2026-04-01"),
                allocation(3, "LB", "a2000000-0000-4000-8000-000000000002", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(4, "LB", "e2000000-0000-4000-8000-000000000002", "a2000000-0000-4000-8000-000000000002", "RS1", "C20", "11", "2025-04-20", null, "2026-04-01"),
                allocation(5, "LC", "a2000000-0000-4000-8000-000000000003", "04", "04", false, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(6, "LC", "e2000000-0000-4000-8000-000000000003", "a2000000-0000-4000-8000-000000000003", "RS1", "C20", "04", "2025-04-10", null, "2026-04-01"),
                allocation(7, "LD", "a2000000-0000-4000-8000-000000000004", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-1"),
                episode(8, "LD", "e2000000-0000-4000-8000-000000000004", "a2000000-0000-4000-8000-000000000004", "RS1", "C20", "11", "2025-04-15", null, "2026-04-01"),
                allocation(9, "LB", "a2000000-0000-4000-8000-000000000005", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(10, "LB", "e2000000-0000-4000-8000-000000000005", "a2000000-0000-4000-8000-000000000005", "RS2", "C20", "11", "2025-04-25", "2025-05-31", "2026-04-01")));
        api(contractManager("C20")).post("/v1/caseload/sync").then().statusCode(200);

        api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 2}").post(base).then().statusCode(409);
        JsonPath april = api(finance("RS1")).contentType(ContentType.JSON).body("{\"month\": 1}").post(base).then()
                .statusCode(200).body("status", equalTo("DRAFT")).extract().jsonPath();
        // 10,000.00 fixed - 200.00 withheld + 2 episodes of 11 x 1,000.00 + 1 of 04 x 800.00 (C's, queried
        // for its red rules but paid); D's allocation is under a scheme version the contract does not pay.
        assertThat(april.getString("total")).isEqualTo("12600.00");
        assertThat(april.getList("lines.kind")).containsExactly("FIXED", "QUALITY_WITHHOLD", "ACTIVITY", "ACTIVITY");
        assertThat(april.getInt("units.payable")).isEqualTo(1);
        assertThat(april.getInt("units.queried")).isEqualTo(2);
        assertThat(april.getInt("units.rejected")).isEqualTo(1);
        assertThat(april.getMap("units.byRule")).containsEntry("PV02", 1).containsEntry("PV05", 1).containsEntry("PV06", 1);
        assertThat(april.getString("source.feedPosition")).isNotNull();
        // Recomputing with no new data gives identical lines.
        JsonPath again = api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 1}").post(base).then()
                .statusCode(200).body("revision", equalTo(2)).extract().jsonPath();
        assertThat(again.getList("lines")).isEqualTo(april.getList("lines"));

        // The commissioner sees pseudonyms, the provider its local ids; the commissioner's analysts see counts only.
        api(contractManager("C20")).get(base + "/1/units?status=REJECTED").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].person", equalTo(pseudonym("LD"))).body("items[0].reasons[0].rule", equalTo("PV02"))
                .body("items[0].evidence.allocationId", equalTo("a2000000-0000-4000-8000-000000000004"));
        api(finance("RS1")).get(base + "/1/units?status=REJECTED").then().statusCode(200)
                .body("items[0].person", equalTo("LD"));
        api(commissionerAnalyst("C20")).get(base + "/1/units").then().statusCode(403);
        api(commissionerAnalyst("C20")).get(base + "/1").then().statusCode(200);
        api(contractManager("C99")).get(base + "/1").then().statusCode(404);
        api(finance("RS2")).get(base + "/1/units").then().statusCode(404);

        // Issued by the commissioner, with the ETag: immutable, hashed; issuing again changes nothing.
        String etag = api(contractManager("C20")).get(base + "/1").then().statusCode(200).extract().header("ETag");
        api(finance("RS1")).header("If-Match", etag).post(base + "/1/issue").then().statusCode(403);
        String hash = api(contractManager("C20")).header("If-Match", etag).post(base + "/1/issue").then().statusCode(200)
                .body("status", equalTo("ISSUED")).body("contentHash", notNullValue()).extract().path("contentHash");
        api(contractManager("C20")).header("If-Match", etag).post(base + "/1/issue").then().statusCode(200)
                .body("contentHash", equalTo(hash));
        api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 1}").post(base).then().statusCode(409);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("update statement set total = 0 where contract_id = '" + id + "'",
                    "delete from statement_line where statement_id in (select id from statement where contract_id = '" + id + "')",
                    "update statement_unit set paid = false where statement_id in (select id from statement where contract_id = '" + id + "')",
                    "insert into statement_unit (statement_id, unit_key, month, code, quantity, status, paid, reasons, evidence)"
                            + " select statement_id, unit_key || '/again', month, code, quantity, status, paid, reasons, evidence"
                            + " from statement_unit where statement_id in (select id from statement where contract_id = '" + id + "')",
                    "insert into statement_withdrawn_unit (statement_id, unit_key, month, code, quantity, paid)"
                            + " select id, 'gone', 1, '11', 1, true from statement where contract_id = '" + id + "'")) {
                assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("immutable");
            }
        }
        String csv = api(finance("RS1")).accept("text/csv").get(base + "/1").then().statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).hasSize(1 + 4).anyMatch(l -> l.contains(",ACTIVITY,1,04,1,800.00,1,800.00,false,"));

        // A late April episode (E, 04) arrives: May's statement pays it once, as an adjustment for April.
        feed(List.of(allocation(11, "LE", "a2000000-0000-4000-8000-000000000006", "04", "04", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(12, "LE", "e2000000-0000-4000-8000-000000000006", "a2000000-0000-4000-8000-000000000006", "RS1", "C20", "04", "2025-04-25", "2025-05-20", "2026-04-01")));
        api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 2}").post(base).then().statusCode(200);
        String stale = api(contractManager("C20")).get(base + "/2").then().extract().header("ETag");
        // New clustering data since the draft: not issued until recomputed.
        api(contractManager("C20")).post("/v1/caseload/sync").then().statusCode(200);
        api(contractManager("C20")).header("If-Match", stale).post(base + "/2/issue").then().statusCode(409);
        JsonPath may = api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 2}").post(base).then()
                .statusCode(200).extract().jsonPath();
        // 10,000.00 - 200.00 + the April adjustment: 04 now 2 x 800.00 = 1,600.00, less 800.00 issued.
        assertThat(may.getString("total")).isEqualTo("10600.00");
        assertThat(may.getList("lines.findAll { it.kind == 'ADJUSTMENT' }.forMonth")).containsExactly(1);
        assertThat(may.getList("lines.findAll { it.kind == 'ADJUSTMENT' }.amount").toString()).isEqualTo("[800.00]");
        api(contractManager("C20")).get(base + "/2/units").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].month", equalTo(1)).body("items[0].code", equalTo("04"));
        String mayTag = api(contractManager("C20")).get(base + "/2").then().extract().header("ETag");
        api(contractManager("C20")).header("If-Match", mayTag).post(base + "/2/issue").then().statusCode(200);
        planAgainstActualAfterMay(id);
        // June, with nothing new: no adjustment again.
        api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 3}").post(base).then().statusCode(200)
                .body("total", money("9800.00")).body("lines.kind", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("ADJUSTMENT")));
        api(finance("RS1")).get(base).then().statusCode(200).body("items", hasSize(3))
                .body("items[1].status", equalTo("ISSUED")).body("items[2].status", equalTo("DRAFT"));

        // Queries. The commissioner queries every unit PV06 flagged in April (C's), and A's unit by key.
        String queries = "/v1/contracts/" + id + "/queries";
        api(finance("RS1")).contentType(ContentType.JSON).body("{\"month\": 1, \"rule\": \"PV06\", \"reason\": \"x\"}")
                .post(queries).then().statusCode(403);
        String red = api(contractManager("C20")).contentType(ContentType.JSON)
                .body("{\"month\": 1, \"rule\": \"PV06\", \"reason\": \"Red rules not met: show the clinical rationale\"}")
                .post(queries).then().statusCode(200).body("raised", equalTo(1)).body("items[0].unitKey",
                        equalTo("e2000000-0000-4000-8000-000000000003")).extract().path("items[0].id");
        api(contractManager("C20")).contentType(ContentType.JSON)
                .body("{\"month\": 1, \"rule\": \"PV06\", \"reason\": \"again\"}").post(queries).then().statusCode(200)
                .body("raised", equalTo(0)).body("alreadyQueried", equalTo(1));
        api(contractManager("C20")).contentType(ContentType.JSON)
                .body("{\"month\": 1, \"units\": [\"no-such-unit\"], \"reason\": \"x\"}").post(queries).then()
                .statusCode(400).body("errors[0].field", equalTo("units[0]"));
        String first = api(contractManager("C20")).contentType(ContentType.JSON)
                .body("{\"month\": 1, \"units\": [\"e2000000-0000-4000-8000-000000000001\"], \"reason\": \"Discharged before the review?\"}")
                .post(queries).then().statusCode(200).extract().path("items[0].id");
        api(contractManager("C20")).get(queries + "?open=true").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].ageDays", equalTo(0)).body("items[0].status", equalTo("RAISED"));
        // The provider contests one with evidence (required) and accepts the other; the commissioner escalates the first.
        api(finance("RS1")).contentType(ContentType.JSON).body("{}").post(queries + "/" + first + "/contest").then().statusCode(400);
        api(contractManager("C20")).contentType(ContentType.JSON).body("{}").post(queries + "/" + first + "/acceptance").then()
                .statusCode(403);
        api(finance("RS1")).contentType(ContentType.JSON).body("{\"note\": \"Seen on 30 June; notes attached\"}")
                .post(queries + "/" + first + "/contest").then().statusCode(200).body("status", equalTo("CONTESTED"));
        api(contractManager("C20")).contentType(ContentType.JSON).body("{\"note\": \"To the contract review meeting\"}")
                .post(queries + "/" + first + "/escalation").then().statusCode(200).body("status", equalTo("ESCALATED"))
                .body("steps.action", org.hamcrest.Matchers.contains("RAISED", "CONTESTED", "ESCALATED"))
                .body("steps[1].orgCode", equalTo("RS1")).body("steps[1].note", equalTo("Seen on 30 June; notes attached"));
        api(finance("RS1")).contentType(ContentType.JSON).body("{}").post(queries + "/" + red + "/acceptance").then()
                .statusCode(200).body("status", equalTo("ACCEPTED"));
        api(finance("RS1")).contentType(ContentType.JSON).body("{}").post(queries + "/" + red + "/acceptance").then()
                .statusCode(409);
        api(contractManager("C99")).get(queries + "/" + red).then().statusCode(404);
        api(finance("RS1")).get(queries + "?open=true").then().statusCode(200).body("items", hasSize(0));
        // June again: the accepted query reverses C's April unit (800.00) as an adjustment for April, once.
        JsonPath june = api(contractManager("C20")).contentType(ContentType.JSON).body("{\"month\": 3}").post(base).then()
                .statusCode(200).extract().jsonPath();
        assertThat(june.getString("total")).isEqualTo("9000.00");
        assertThat(june.getList("lines.findAll { it.kind == 'ADJUSTMENT' }.amount").toString()).isEqualTo("[-800.00]");
        api(contractManager("C20")).get(base + "/3/units").then().statusCode(200)
                .body("items.find { it.key == 'e2000000-0000-4000-8000-000000000003' }.reasons.rule",
                        org.hamcrest.Matchers.hasItems("PV06", "QUERY_ACCEPTED"));
        // Counting June's draft, C's April unit is no longer paid: April's 04 is 1 unit now.
        JsonPath withDraft = api(contractManager("C20")).get("/v1/contracts/" + id + "/monitoring?draft=true").then()
                .statusCode(200).extract().jsonPath();
        assertThat(withDraft.getInt("throughMonth")).isEqualTo(3);
        assertThat(withDraft.getString("cells.find { it.month == 1 && it.code == '04' }.actualUnits")).isEqualTo("1");
        assertThat(withDraft.getString("basis")).isEqualTo("ISSUED_AND_DRAFT");
    }

    private static final String CLAIMED = """
            {"reference": "C40-RS4-2025-26", "commissionerCode": "C40", "providerCode": "RS4", "financialYear": "2025-26",
             "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
             "terms": {"shadow": false,
               "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "ALL_UNITS",
                 "localPrices": [{"code": "11", "price": 1000.00}, {"code": "04", "price": 800.00}]},
               "validation": {"unitsFrom": "CLAIMS"}}}
            """;

    /**
     * A provider that invoices (RS4, for C40) is paid on its claims file, each line matched against
     * its episodes: QA's claim matches its episode of 11; QA's again is claimed twice (PV08); QB's
     * episode is for another commissioner, C41 (PV03); QZ has no episode (PV01).
     */
    @Test
    void claims_are_matched_against_the_provider_s_episodes_and_only_matched_claims_are_paid() throws SQLException {
        String id = api(contractManager("C40")).contentType(ContentType.JSON).body(CLAIMED).post("/v1/contracts").then()
                .statusCode(201).extract().path("contractId");
        step(contractManager("C40"), id, 1, "offer").statusCode(200);
        step(finance("RS4"), id, 1, "agreement").statusCode(200);
        String caseload = agreed("C40-RS5-2025-26", "C40", "RS5");
        feed(List.of(
                allocation(1, "QA", "a4000000-0000-4000-8000-000000000001", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(2, "QA", "e4000000-0000-4000-8000-000000000001", "a4000000-0000-4000-8000-000000000001", "RS4", "C40", "11", "2025-04-05", null, "2026-04-01"),
                allocation(3, "QB", "a4000000-0000-4000-8000-000000000002", "04", "04", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(4, "QB", "e4000000-0000-4000-8000-000000000002", "a4000000-0000-4000-8000-000000000002", "RS4", "C41", "04", "2025-04-08", null, "2026-04-01")));
        api(contractManager("C40")).post("/v1/caseload/sync").then().statusCode(200);

        String claims = "/v1/contracts/" + id + "/claims";
        String file = """
                person,code,start_date,end_date
                QA,11,2025-04-05,2025-10-01
                QA,11,2025-04-05,2025-10-01
                QB,04,2025-04-08,2025-07-01
                QZ,11,2025-04-10,2025-05-01
                """;
        badRequest().header("Authorization", finance("RS5").bearer()).contentType("text/csv").body(file)
                .put("/v1/contracts/" + caseload + "/claims/1").then().statusCode(409);
        badRequest().header("Authorization", contractManager("C40").bearer()).contentType("text/csv").body(file)
                .put(claims + "/1").then().statusCode(403);
        badRequest().header("Authorization", finance("RS4").bearer()).contentType("text/csv")
                .body("person,code,start_date,end_date\nQA,11,2025-04-31,2025-10-01\n,1-1,2025-05-01,2025-04-01\n")
                .put(claims + "/1").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("line 2, start_date", "line 3, person", "line 3, code", "line 3, end_date"));
        api(finance("RS4")).get(claims).then().statusCode(200).body("items", hasSize(0));
        String sent = api(finance("RS4")).contentType("text/csv").body(file).put(claims + "/1").then().statusCode(200)
                .body("lines", equalTo(4)).body("current", equalTo(true)).extract().path("id");
        // The same file again changes nothing.
        api(finance("RS4")).contentType("text/csv").body(file).put(claims + "/1").then().statusCode(200).body("id", equalTo(sent));

        String base = "/v1/contracts/" + id + "/statements";
        JsonPath april = api(finance("RS4")).contentType(ContentType.JSON).body("{\"month\": 1}").post(base).then()
                .statusCode(200).extract().jsonPath();
        assertThat(april.getString("total")).isEqualTo("1000.00");
        assertThat(april.getInt("units.payable")).isEqualTo(1);
        assertThat(april.getInt("units.rejected")).isEqualTo(3);
        assertThat(april.getMap("units.byRule")).containsEntry("PV01", 1).containsEntry("PV03", 1).containsEntry("PV08", 1);
        // The commissioner sees nothing of C41's care spell, nor the provider's local ids.
        JsonPath seen = api(contractManager("C40")).get(base + "/1/units?status=REJECTED").then().statusCode(200).extract().jsonPath();
        Map<String, Object> pv03 = seen.getMap("items.find { it.reasons[0].rule == 'PV03' }");
        assertThat(pv03).doesNotContainKey("person");
        assertThat(seen.getMap("items.find { it.reasons[0].rule == 'PV03' }.evidence"))
                .doesNotContainKeys("episodeId", "allocationId", "localId").containsEntry("claimLine", "4");
        assertThat(seen.getString("items.find { it.reasons[0].rule == 'PV03' }.reasons[0].detail")).doesNotContain("C41");
        assertThat(seen.getList("items.evidence.localId")).containsOnlyNulls();
        api(finance("RS4")).get(base + "/1/units?status=REJECTED").then().statusCode(200)
                .body("items.person", org.hamcrest.Matchers.containsInAnyOrder("QA", "QB", "QZ"));

        // A file sent after the draft was computed: not issued until recomputed. QB's line is withdrawn.
        String tag = api(contractManager("C40")).get(base + "/1").then().extract().header("ETag");
        String second = api(finance("RS4")).contentType("text/csv").body(file.replace("QB,04,2025-04-08,2025-07-01\n", ""))
                .put(claims + "/1").then().statusCode(200).body("lines", equalTo(3)).extract().path("id");
        assertThat(second).isNotEqualTo(sent);
        api(contractManager("C40")).header("If-Match", tag).post(base + "/1/issue").then().statusCode(409);
        api(contractManager("C40")).contentType(ContentType.JSON).body("{\"month\": 1}").post(base).then().statusCode(200)
                .body("units.rejected", equalTo(2));
        tag = api(contractManager("C40")).get(base + "/1").then().extract().header("ETag");
        api(contractManager("C40")).header("If-Match", tag).post(base + "/1/issue").then().statusCode(200);
        api(finance("RS4")).get(claims).then().statusCode(200).body("items", hasSize(2))
                .body("items.find { it.id == '" + sent + "' }.current", equalTo(false));
        // Month 1 is issued: its file is closed. The lines are the provider's to read back.
        api(finance("RS4")).contentType("text/csv").body(file).put(claims + "/1").then().statusCode(409);
        String back = api(finance("RS4")).accept("text/csv").get(claims + "/1").then().statusCode(200).extract().asString();
        assertThat(back.lines().toList()).containsExactly("person,code,start_date,end_date", "QA,11,2025-04-05,2025-10-01",
                "QA,11,2025-04-05,2025-10-01", "QZ,11,2025-04-10,2025-05-01");
        api(contractManager("C40")).accept("text/csv").get(claims + "/1").then().statusCode(403);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String sql : List.of("update claim set code = '04' where file_id = '" + sent + "'",
                    "delete from claim_file where id = '" + sent + "'")) {
                assertThatThrownBy(() -> st.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("kept as sent");
            }
        }
    }

    private static final String BUDGETED = """
            {"reference": "C30-RS3-2025-26", "commissionerCode": "C30", "providerCode": "RS3", "financialYear": "2025-26",
             "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
             "terms": {"shadow": false, "fixed": {"annualAmount": 12000.00},
               "activity": {"unit": "CLUSTER_EPISODE", "priceSource": "LOCAL", "mode": "%s",
                 "localPrices": [{"code": "11", "price": 1200.00, "components": [{"name": "Care", "amount": 900.00},
                                                                                  {"name": "Support", "amount": 300.00}]},
                                 {"code": "04", "price": 800.00}]},
               "personalBudgets": {"codes": ["11"], "components": ["Support"]}}}
            """;

    /**
     * Personal budgets. C30 with RS3: £12,000.00 fixed (£1,000.00 a month), 11 at £1,200.00 of which
     * the £300.00 "Support" component is person-directed. A holder's unit pays the provider £900.00
     * and the budget £300.00: the full £1,200.00, to the penny.
     */
    @Test
    void a_personal_budget_holder_s_units_pay_the_provider_the_price_less_the_budget() throws SQLException {
        // Budgets need every unit paid at its price.
        api(contractManager("C30")).contentType(ContentType.JSON).body(BUDGETED.formatted("ABOVE_PLAN")).post("/v1/contracts")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("terms.personalBudgets"));
        String id = api(contractManager("C30")).contentType(ContentType.JSON).body(BUDGETED.formatted("ALL_UNITS"))
                .post("/v1/contracts").then().statusCode(201).extract().path("contractId");
        String budgets = "/v1/contracts/" + id + "/budgets";
        api(finance("RS3")).contentType(ContentType.JSON).body("{\"person\": \"PA\", \"code\": \"11\", \"from\": \"2025-04-01\"}")
                .post(budgets).then().statusCode(409);
        step(contractManager("C30"), id, 1, "offer").statusCode(200);
        step(finance("RS3"), id, 1, "agreement").statusCode(200);
        feed(List.of(
                allocation(1, "PA", "a3000000-0000-4000-8000-000000000001", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(2, "PA", "e3000000-0000-4000-8000-000000000001", "a3000000-0000-4000-8000-000000000001", "RS3", "C30", "11", "2025-04-05", null, "2026-04-01"),
                allocation(3, "PB", "a3000000-0000-4000-8000-000000000002", "11", "11", true, "2025-04-01", "2025-04-01", "2012-illustrative-2"),
                episode(4, "PB", "e3000000-0000-4000-8000-000000000002", "a3000000-0000-4000-8000-000000000002", "RS3", "C30", "11", "2025-04-10", null, "2026-04-01"),
                allocation(5, "PC", "a3000000-0000-4000-8000-000000000003", "11", "11", true, "2025-05-01", "2025-05-01", "2012-illustrative-2"),
                episode(6, "PC", "e3000000-0000-4000-8000-000000000003", "a3000000-0000-4000-8000-000000000003", "RS3", "C30", "11", "2025-05-03", null, "2026-04-01")));
        api(contractManager("C30")).post("/v1/caseload/sync").then().statusCode(200);

        // The provider records PA's budget by its local id, for the year; the commissioner sees its pseudonym.
        String pa = api(finance("RS3")).contentType(ContentType.JSON)
                .body("{\"person\": \"PA\", \"code\": \"11\", \"from\": \"2025-04-01\", \"note\": \"Care plan 2025-03\"}")
                .post(budgets).then().statusCode(201).body("person", equalTo("PA")).body("to", equalTo("2026-03-31"))
                .extract().path("id");
        api(contractManager("C30")).get(budgets + "/" + pa).then().statusCode(200).body("person", equalTo(pseudonym("PA")));
        api(commissionerAnalyst("C30")).get(budgets).then().statusCode(403);
        api(finance("RS1")).get(budgets + "/" + pa).then().statusCode(404);
        // The same person and code in overlapping months, by the commissioner's pseudonym: refused.
        api(contractManager("C30")).contentType(ContentType.JSON)
                .body("{\"person\": \"" + pseudonym("PA") + "\", \"code\": \"11\", \"from\": \"2025-06-01\"}")
                .post(budgets).then().statusCode(409);
        badRequest().header("Authorization", finance("RS3").bearer()).contentType(ContentType.JSON)
                .body("{\"person\": \"PB\", \"code\": \"04\", \"from\": \"2025-04-02\", \"to\": \"2025-04-29\"}")
                .post(budgets).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("code", "from", "to"));

        // April: PB's unit at 1,200.00; PA's at 900.00 to the provider and 300.00 to the budget.
        String base = "/v1/contracts/" + id + "/statements";
        JsonPath april = api(finance("RS3")).contentType(ContentType.JSON).body("{\"month\": 1}").post(base).then()
                .statusCode(200).extract().jsonPath();
        assertThat(april.getList("lines.kind")).containsExactly("FIXED", "ACTIVITY", "ACTIVITY", "PERSONAL_BUDGET");
        assertThat(april.getList("lines.price").toString()).isEqualTo("[1000.00, 1200.00, 900.00, 300.00]");
        assertThat(april.getString("total")).isEqualTo("3100.00");
        assertThat(april.getString("budgetTotal")).isEqualTo("300.00");
        assertThat(new java.math.BigDecimal(april.getString("lines[2].price")).add(new java.math.BigDecimal(april.getString("lines[3].price"))))
                .isEqualByComparingTo("1200.00");
        api(finance("RS3")).get(base + "/1/units").then().statusCode(200)
                .body("items.find { it.person == 'PA' }.budgetId", equalTo(pa))
                .body("items.find { it.person == 'PB' }.budgetId", org.hamcrest.Matchers.nullValue());
        String tag = api(contractManager("C30")).get(base + "/1").then().extract().header("ETag");
        api(contractManager("C30")).header("If-Match", tag).post(base + "/1/issue").then().statusCode(200);
        api(finance("RS3")).get(budgets + "/" + pa).then().statusCode(200).body("price", money("1200.00"))
                .body("budgetPerUnit", money("300.00")).body("providerPrice", money("900.00"))
                .body("budgetComponents[0].name", equalTo("Support")).body("providerComponents[0].name", equalTo("Care"))
                .body("periods[0].month", equalTo(1)).body("periods[0].amount", money("300.00")).body("paid", money("300.00"));

        // After April is issued, the commissioner records PB's budget for April, and PC's from May.
        api(contractManager("C30")).contentType(ContentType.JSON)
                .body("{\"person\": \"" + pseudonym("PB") + "\", \"code\": \"11\", \"from\": \"2025-04-01\", \"to\": \"2025-04-30\"}")
                .post(budgets).then().statusCode(201);
        api(contractManager("C30")).contentType(ContentType.JSON)
                .body("{\"person\": \"" + pseudonym("PC") + "\", \"code\": \"11\", \"from\": \"2025-05-01\"}")
                .post(budgets).then().statusCode(201).body("person", equalTo(pseudonym("PC")));
        // May: April is adjusted (the provider was due 2 x 900.00 = 1,800.00, issued 2,100.00: -300.00; the
        // budgets 600.00, issued 300.00: +300.00), and PC's May unit is split 900.00 and 300.00.
        JsonPath may = api(finance("RS3")).contentType(ContentType.JSON).body("{\"month\": 2}").post(base).then()
                .statusCode(200).extract().jsonPath();
        assertThat(may.getList("lines.kind")).containsExactly("FIXED", "ADJUSTMENT", "PERSONAL_BUDGET", "ACTIVITY", "PERSONAL_BUDGET");
        assertThat(may.getList("lines.amount").toString()).isEqualTo("[1000.00, -300.00, 300.00, 900.00, 300.00]");
        assertThat(may.getList("lines.forMonth")).containsExactly(2, 1, 1, 2, 2);
        assertThat(may.getString("total")).isEqualTo("1600.00");
        assertThat(may.getString("budgetTotal")).isEqualTo("600.00");

        // A budget's end is brought forward to a month's end; the record is otherwise kept as it was.
        badRequest().header("Authorization", finance("RS3").bearer()).contentType(ContentType.JSON)
                .body("{\"to\": \"2025-04-15\"}").post(budgets + "/" + pa + "/end").then().statusCode(400);
        api(finance("RS3")).contentType(ContentType.JSON).body("{\"to\": \"2025-09-30\", \"note\": \"Returned to the team's care\"}")
                .post(budgets + "/" + pa + "/end").then().statusCode(200).body("to", equalTo("2025-09-30"))
                .body("endedBy", equalTo("finance.rs3"));
        api(finance("RS3")).get(budgets).then().statusCode(200).body("items", hasSize(3));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String sql : List.of("update personal_budget set from_date = '2025-05-01' where id = '" + pa + "'",
                    "update personal_budget set to_date = '2026-03-31' where id = '" + pa + "'",
                    "delete from personal_budget where id = '" + pa + "'")) {
                assertThatThrownBy(() -> st.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("kept as recorded");
            }
        }
    }

    /**
     * Plan against actual with April and May issued. Paid units: April 11 x 2 (A, and B's queried
     * PV05 unit), April 04 x 2 (C's queried PV06 unit, and E's late one); May nothing. Plan: 2 of 11
     * in April. By hand: to date 2,000.00 planned, 2 x 1,000.00 + 2 x 800.00 = 3,600.00 actual; the
     * forecast outturn is 3,600.00 x 12 / 2 = 21,600.00, 19,600.00 (980.00%) over the annual plan
     * of 2,000.00, beyond the default 5% since April (43,200.00 forecast then).
     */
    private void planAgainstActualAfterMay(String id) {
        String monitoring = "/v1/contracts/" + id + "/monitoring";
        JsonPath p = api(commissionerAnalyst("C20")).get(monitoring).then().statusCode(200).extract().jsonPath();
        assertThat(p.getInt("throughMonth")).isEqualTo(2);
        assertThat(p.getString("basis")).isEqualTo("ISSUED");
        assertThat(p.getString("tolerancePercent")).isEqualTo("5");
        assertThat(p.getList("cells")).hasSize(24);
        assertThat(p.getString("cells.find { it.month == 1 && it.code == '11' }.actualValue")).isEqualTo("2000.00");
        assertThat(p.getString("cells.find { it.month == 1 && it.code == '11' }.variancePercent")).isEqualTo("0.00");
        assertThat(p.getBoolean("cells.find { it.month == 1 && it.code == '11' }.outsideTolerance")).isFalse();
        assertThat(p.getString("cells.find { it.month == 1 && it.code == '04' }.actualUnits")).isEqualTo("2");
        assertThat(p.getString("cells.find { it.month == 1 && it.code == '04' }.variance")).isEqualTo("1600.00");
        assertThat(p.getBoolean("cells.find { it.month == 1 && it.code == '04' }.outsideTolerance")).isTrue();
        assertThat(p.getString("cells.find { it.month == 3 && it.code == '11' }.actualValue")).isNull();
        assertThat(p.getString("total.toDateActualValue")).isEqualTo("3600.00");
        assertThat(p.getString("total.forecastValue")).isEqualTo("21600.00");
        assertThat(p.getString("total.forecastVariance")).isEqualTo("19600.00");
        assertThat(p.getString("total.forecastVariancePercent")).isEqualTo("980.00");
        assertThat(p.getString("total.warning.direction")).isEqualTo("OVER");
        assertThat(p.getInt("total.warning.since")).isEqualTo(1);
        assertThat(p.getString("codes.find { it.code == '11' }.forecastUnits")).isEqualTo("12.00");
        assertThat(p.getString("riskShareAtForecast")).isNull();
        assertThat(p.getList("payments.amount").toString()).isEqualTo("[10000.00, -200.00, 10000.00, -200.00]");
        String csv = api(finance("RS1")).accept("text/csv").get(monitoring).then().statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).contains(
                "financial_year,financial_month,provider_code,commissioner_code,local_pod_code,planned_activity,planned_price,actual_activity,actual_price",
                "2025-26,1,RS1,C20,04,0,800.00,2,800.00", "2025-26,1,RS1,C20,11,2,1000.00,2,1000.00",
                "2025-26,1,RS1,C20,FIXED,0,10000.00,0,10000.00", "2025-26,1,RS1,C20,QUALITY,0,,0,-200.00",
                "2025-26,3,RS1,C20,11,0,1000.00,,", "2025-26,3,RS1,C20,FIXED,0,10000.00,,");
        api(contractManager("C99")).get(monitoring).then().statusCode(404);
        api(finance("RS2")).get(monitoring).then().statusCode(404);
        badRequest().header("Authorization", commissionerAnalyst("C20").bearer()).get(monitoring + "?draft=maybe").then()
                .statusCode(400).body("errors[0].field", equalTo("draft"));

        // Validation rates: A and E payable, B (PV05) and C (PV06) queried, D (PV02) rejected, all of team T1.
        JsonPath rates = api(contractManager("C20")).get("/v1/validation-rates?financialYear=2025-26").then().statusCode(200)
                .extract().jsonPath();
        assertThat(rates.getList("items.team")).containsExactly(null, "T1");
        assertThat(rates.getList("items.providerCode")).containsOnly("RS1");
        assertThat(rates.getInt("items[0].units")).isEqualTo(5);
        assertThat(rates.getString("items[0].queriedPercent")).isEqualTo("40.00");
        assertThat(rates.getString("items[1].rejectedPercent")).isEqualTo("20.00");
        assertThat(rates.getString("items[0].byRule.PV05.percent")).isEqualTo("20.00");
        assertThat(rates.getMap("items[1].byRule").keySet()).containsExactly("PV02", "PV05", "PV06");
        api(finance("RS2")).get("/v1/validation-rates?financialYear=2025-26").then().statusCode(200).body("items", hasSize(0));
        badRequest().header("Authorization", finance("RS1").bearer()).get("/v1/validation-rates").then().statusCode(400)
                .body("errors[0].field", equalTo("financialYear"));
    }

    private void feed(List<String> items) throws SQLException {
        FeedStub.serve(server, dataSource, items);
    }
}
