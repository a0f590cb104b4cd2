package org.openpbr.contract.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openpbr.contract.ContractApi.CSV;
import static org.openpbr.contract.ContractApi.agreed;
import static org.openpbr.contract.ContractApi.analyst;
import static org.openpbr.contract.ContractApi.commissionerAnalyst;
import static org.openpbr.contract.ContractApi.contractManager;
import static org.openpbr.contract.ContractApi.draft;
import static org.openpbr.contract.ContractApi.drafted;
import static org.openpbr.contract.ContractApi.etag;
import static org.openpbr.contract.ContractApi.finance;
import static org.openpbr.contract.ContractApi.independentFinance;
import static org.openpbr.contract.ContractApi.money;
import static org.openpbr.contract.ContractApi.step;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ServiceTest;
import org.openpbr.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A contract's life over HTTP: drafted by either party, edited with If-Match, offered by one party
 * and countersigned by the other, immutable once agreed (in the database too), varied as a new
 * version; its plan in and out as contract-monitoring lines. Each test uses its own parties.
 */
@QuarkusTest
@ServiceTest
class ContractLifecycleApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void a_draft_is_offered_by_one_party_and_agreed_by_the_other_with_both_signatures_kept() {
        String id = drafted(contractManager("C01"), "C01-P01-2025-26", "C01", "P01");
        api(finance("P01")).get("/v1/contracts/" + id + "/versions/1").then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("revision", equalTo(1))
                .body("yearStart", equalTo("2025-04-01")).body("yearEnd", equalTo("2026-03-31"))
                .body("prices", hasSize(2)).body("prices[1].code", equalTo("11"))
                .body("prices[1].price", money("1200.00")).body("prices[1].components", hasSize(2))
                // 10 x 1,200.00 + 5 x 800.00
                .body("plan.basis", equalTo("AGREED")).body("plan.plannedValue", money("16000.00"))
                .body("created.by", equalTo("contracts.c01"));

        // The commissioner offers; it cannot countersign its own offer.
        step(contractManager("C01"), id, 1, "offer").statusCode(200).body("status", equalTo("OFFERED"))
                .body("offered.orgCode", equalTo("C01")).body("offered.by", equalTo("contracts.c01"));
        step(contractManager("C01"), id, 1, "agreement").statusCode(409);
        // The provider's analyst may read but not sign.
        step(analyst("P01"), id, 1, "agreement").statusCode(403);
        step(finance("P01"), id, 1, "agreement").statusCode(200).body("status", equalTo("AGREED"))
                .body("agreed.orgCode", equalTo("P01")).body("agreed.by", equalTo("finance.p01"))
                .body("offered.orgCode", equalTo("C01"));

        api(contractManager("C01")).get("/v1/contracts/" + id).then().statusCode(200)
                .body("current.version", equalTo(1)).body("current.status", equalTo("AGREED"))
                .body("open", nullValue()).body("versions", hasSize(1));
    }

    @Test
    void a_draft_is_edited_only_with_the_etag_last_read_and_its_parties_never_change() {
        String id = drafted(finance("P02"), "C02-P02-2025-26", "C02", "P02");
        String url = "/v1/contracts/" + id + "/versions/1";
        String etag = etag(finance("P02"), id, 1);
        String edited = draft("C02-P02-2025-26", "C02", "P02").replace("\"annualAmount\": 1000000.00", "\"annualAmount\": 1200000.00");

        badRequest().header("Authorization", finance("P02").bearer()).contentType(ContentType.JSON).body(edited)
                .put(url).then().statusCode(428);
        api(finance("P02")).header("If-Match", "\"stale\"").contentType(ContentType.JSON).body(edited).put(url).then()
                .statusCode(412);
        api(contractManager("C02")).header("If-Match", etag).contentType(ContentType.JSON).body(edited).put(url).then()
                .statusCode(200).body("revision", equalTo(2)).body("terms.fixed.annualAmount", money("1200000.00"))
                .body("updated.by", equalTo("contracts.c02"));
        // The ETag moved on: the old one is stale now.
        api(finance("P02")).header("If-Match", etag).contentType(ContentType.JSON).body(edited).put(url).then()
                .statusCode(412);
        String moved = draft("C02-P02-2025-26", "C02", "P99");
        api(finance("P02")).header("If-Match", etag(finance("P02"), id, 1)).contentType(ContentType.JSON).body(moved)
                .put(url).then().statusCode(400).body("errors.field", hasItem("providerCode"));
        String renamed = draft("C02-P02-X", "C02", "P02");
        api(finance("P02")).header("If-Match", etag(finance("P02"), id, 1)).contentType(ContentType.JSON).body(renamed)
                .put(url).then().statusCode(400).body("errors.field", hasItem("reference"));
        // The same reference for the same parties is taken.
        api(contractManager("C02")).contentType(ContentType.JSON).body(draft("C02-P02-2025-26", "C02", "P02"))
                .post("/v1/contracts").then().statusCode(409);
    }

    @Test
    void an_agreed_version_never_changes_and_a_variation_is_a_new_version_agreed_again() throws SQLException {
        String id = agreed("C03-P03-2025-26", "C03", "P03");
        String edited = draft("C03-P03-2025-26", "C03", "P03");
        api(finance("P03")).header("If-Match", etag(finance("P03"), id, 1)).contentType(ContentType.JSON).body(edited)
                .put("/v1/contracts/" + id + "/versions/1").then().statusCode(409);
        step(finance("P03"), id, 1, "offer").statusCode(409);

        // The database refuses too, whoever asks.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "update contract_version set shadow = false where contract_id = '" + id + "'",
                    "delete from contract_version where contract_id = '" + id + "'",
                    "update contract_price set price = 1 where contract_version_id = (select id from contract_version where contract_id = '" + id + "')",
                    "delete from plan_line where contract_version_id = (select id from contract_version where contract_id = '" + id + "')",
                    "insert into contract_price (contract_version_id, code, price, components) select id, '99', 1, '[]' from contract_version where contract_id = '" + id + "'")) {
                assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("immutable");
            }
        }

        api(finance("P03")).contentType(ContentType.JSON).body("{\"note\": \"a new team from October\"}")
                .post("/v1/contracts/" + id + "/versions").then().statusCode(201)
                .header("Location", containsString("/versions/2")).body("version", equalTo(2))
                .body("status", equalTo("DRAFT")).body("reason", equalTo("a new team from October"))
                .body("prices", hasSize(2)).body("plan.plannedValue", money("16000.00"));
        api(contractManager("C03")).contentType(ContentType.JSON).body("{}").post("/v1/contracts/" + id + "/versions")
                .then().statusCode(409);
        api(contractManager("C03")).get("/v1/contracts/" + id).then().statusCode(200)
                .body("current.version", equalTo(1)).body("open.version", equalTo(2)).body("open.status", equalTo("DRAFT"));

        // This time the provider offers and the commissioner declines: back to draft, the offer cleared.
        step(finance("P03"), id, 2, "offer").statusCode(200).body("offered.orgCode", equalTo("P03"));
        step(contractManager("C03"), id, 2, "return").statusCode(200).body("status", equalTo("DRAFT"))
                .body("offered", nullValue());
        step(finance("P03"), id, 2, "offer").statusCode(200);
        step(contractManager("C03"), id, 2, "agreement").statusCode(200).body("agreed.orgCode", equalTo("C03"));
        api(finance("P03")).get("/v1/contracts/" + id).then().body("current.version", equalTo(2))
                .body("versions", hasSize(2)).body("versions[0].status", equalTo("AGREED"));
    }

    @Test
    void only_the_parties_see_a_contract_and_only_their_acting_roles_sign_it() {
        String id = drafted(contractManager("C04"), "C04-P04-2025-26", "C04", "P04");
        String url = "/v1/contracts/" + id;
        for (TestTokens stranger : List.of(contractManager("C99"), finance("P99"), finance("C04"),
                contractManager("P04"), independentFinance("P98"))) {
            api(stranger).get(url).then().statusCode(404);
            api(stranger).get(url + "/versions/1").then().statusCode(404);
            api(stranger).get(url + "/versions/1/plan").then().statusCode(404);
            api(stranger).header("If-Match", "\"x\"").contentType(ContentType.JSON).body("{}")
                    .post(url + "/versions/1/offer").then().statusCode(404);
        }
        // Readers of a party read; they do not sign.
        api(commissionerAnalyst("C04")).get(url + "/versions/1").then().statusCode(200);
        api(analyst("P04")).get(url).then().statusCode(200);
        step(commissionerAnalyst("C04"), id, 1, "offer").statusCode(403);
        // A commissioner's finance role does not act for the commissioner, nor a provider's contract-manager for the provider.
        TestTokens commissionerFinance = TestTokens.user("finance.c04")
                .org("C04", org.openpbr.platform.caller.OrgType.COMMISSIONER).roles("finance");
        step(commissionerFinance, id, 1, "offer").statusCode(403);
        // Nobody drafts for other organisations.
        api(contractManager("C05")).contentType(ContentType.JSON).body(draft("X", "C04", "P04")).post("/v1/contracts")
                .then().statusCode(403);

        // Each party lists its own contracts only.
        drafted(contractManager("C04"), "C04-P05-2025-26", "C04", "P05");
        api(contractManager("C04")).get("/v1/contracts?limit=1").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].reference", equalTo("C04-P04-2025-26")).body("next", notNullValue());
        api(contractManager("C04")).get("/v1/contracts?financialYear=2025-26").then().body("items", hasSize(2));
        api(finance("P04")).get("/v1/contracts").then().body("items", hasSize(1))
                .body("items[0].providerCode", equalTo("P04"));
        api(contractManager("C99")).get("/v1/contracts").then().body("items", hasSize(0));
    }

    @Test
    void the_plan_goes_out_and_comes_back_as_contract_monitoring_lines() {
        String id = drafted(contractManager("C06"), "C06-P06-2025-26", "C06", "P06");
        String url = "/v1/contracts/" + id + "/versions/1/plan";
        String csv = api(finance("P06")).accept(CSV).get(url).then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("financial_year,financial_month,provider_code,commissioner_code,local_pod_code,planned_activity,planned_price");
        assertThat(lines).contains("2025-26,1,P06,C06,11,10,1200.00", "2025-26,2,P06,C06,04,5,800.00",
                // £1,000,000.00 in twelfths: 11 x 83,333.33, and the residual penny in month 12
                "2025-26,1,P06,C06,FIXED,0,83333.33", "2025-26,12,P06,C06,FIXED,0,83333.37");
        assertThat(lines).hasSize(1 + 2 + 12);

        String plan = """
                financial_year,financial_month,provider_code,commissioner_code,local_pod_code,planned_activity,planned_price
                2025-26,1,P06,C06,11,4,1200.00
                2025-26,1,P06,C06,FIXED,0,83333.33
                2025-26,3,P06,C06,04,2.5,
                """;
        String faulty = """
                financial_year,financial_month,provider_code,commissioner_code,local_pod_code,planned_activity,planned_price
                2025-26,1,P07,C06,11,4,1200.00
                2025-26,13,P06,C06,04,1,800.00
                2025-26,2,P06,C06,05,1,
                2025-26,2,P06,C06,11,1,1100.00
                2025-26,2,P06,C06,FIXED,3,83333.33
                """;
        api(contractManager("C06")).header("If-Match", etag(finance("P06"), id, 1)).contentType(CSV).body(faulty)
                .put(url).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("line 2, provider_code",
                        "line 3, financial_month", "line 4, local_pod_code", "line 5, planned_price",
                        "line 6, planned_activity"));
        api(contractManager("C06")).header("If-Match", etag(finance("P06"), id, 1)).contentType(CSV).body(plan)
                .put(url).then().statusCode(200).body("plan.lines", hasSize(2))
                // 4 x 1,200.00 + 2.5 x 800.00
                .body("plan.plannedValue", money("6800.00"));
        api(finance("P06")).get(url).then().statusCode(200).body("basis", equalTo("AGREED"))
                .body("lines[1].month", equalTo(3)).body("lines[1].units", money("2.5"))
                .body("lines[1].plannedValue", money("2000.00"));
    }

    @Test
    void the_commissioner_sets_the_plan_when_none_was_agreed_and_it_is_recorded_as_set() {
        String body = draft("C07-P07-2025-26", "C07", "P07").replaceAll(",\\s*\"plan\": \\[[^]]*]", "");
        String id = api(contractManager("C07")).contentType(ContentType.JSON).body(body).post("/v1/contracts").then()
                .statusCode(201).body("plan.basis", equalTo("NONE")).extract().path("contractId");
        String plan = """
                financial_year,financial_month,provider_code,commissioner_code,local_pod_code,planned_activity,planned_price
                2025-26,7,P07,C07,11,3,
                """;
        // Not before the version is agreed.
        api(contractManager("C07")).contentType(CSV).body(plan).post("/v1/contracts/" + id + "/plan?reason=none agreed")
                .then().statusCode(409);
        step(contractManager("C07"), id, 1, "offer").statusCode(200);
        step(finance("P07"), id, 1, "agreement").statusCode(200);
        api(finance("P07")).contentType(CSV).body(plan).post("/v1/contracts/" + id + "/plan?reason=x").then()
                .statusCode(403);
        // 2025-26 began on 1 April 2025; by today three months have long passed.
        api(contractManager("C07")).contentType(CSV).body(plan)
                .post("/v1/contracts/" + id + "/plan?reason=No plan agreed by 30 June").then().statusCode(200)
                .body("plan.basis", equalTo("SET")).body("plan.set.by", equalTo("contracts.c07"))
                .body("plan.setReason", equalTo("No plan agreed by 30 June")).body("plan.plannedValue", money("3600.00"))
                .body("status", equalTo("AGREED"));
        api(contractManager("C07")).contentType(CSV).body(plan).post("/v1/contracts/" + id + "/plan?reason=again").then()
                .statusCode(409);
    }

    @Test
    void terms_that_contradict_each_other_are_refused_field_by_field_and_nothing_is_stored() {
        String bad = draft("C08-P08-2025-26", "C08", "P08")
                .replace("\"financialYear\": \"2025-26\"", "\"financialYear\": \"2025-27\"")
                .replace("{\"fromPercent\": 5, \"sharePercent\": 100}", "{\"fromPercent\": 1, \"sharePercent\": 100}")
                .replace("\"target\": 50, \"floor\": 40", "\"target\": 50, \"floor\": 60")
                .replace("{\"name\": \"Care\", \"amount\": 900.00}", "{\"name\": \"Care\", \"amount\": 800.00}")
                .replace("{\"month\": 2, \"code\": \"04\", \"units\": 5}", "{\"month\": 1, \"code\": \"11\", \"units\": 5}");
        api(contractManager("C08")).contentType(ContentType.JSON).body(bad).post("/v1/contracts").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("financialYear",
                        "terms.riskShare.over[2].fromPercent", "terms.quality.indicators[0].floor",
                        "terms.activity.localPrices[0].components", "plan[1]"));
        String full = draft("C08-P08-2025-26", "C08", "P08");
        String noActivity = full.substring(0, full.indexOf("\"activity\":")) + full.substring(full.indexOf("\"quality\":"));
        api(contractManager("C08")).contentType(ContentType.JSON).body(noActivity).post("/v1/contracts").then()
                .statusCode(400).body("errors.field", hasItem("terms.riskShare")).body("errors.field", hasItem("plan"));
        api(contractManager("C08")).get("/v1/contracts").then().body("items", hasSize(0));
    }

    @Test
    void a_retried_draft_with_the_same_key_returns_the_first_answer_and_stores_one_contract() {
        String body = draft("C09-P09-2025-26", "C09", "P09");
        String first = api(contractManager("C09")).header("Idempotency-Key", "k-c09").contentType(ContentType.JSON)
                .body(body).post("/v1/contracts").then().statusCode(201).extract().path("contractId");
        api(contractManager("C09")).header("Idempotency-Key", "k-c09").contentType(ContentType.JSON).body(body)
                .post("/v1/contracts").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("contractId", equalTo(first));
        api(contractManager("C09")).header("Idempotency-Key", "k-c09").contentType(ContentType.JSON)
                .body(draft("C09-P09-OTHER", "C09", "P09")).post("/v1/contracts").then().statusCode(409);
        api(contractManager("C09")).get("/v1/contracts").then().body("items", hasSize(1));
    }
}
