package org.openpbr.contract.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openpbr.contract.ContractApi.agreed;
import static org.openpbr.contract.ContractApi.contractManager;
import static org.openpbr.contract.ContractApi.finance;
import static org.openpbr.contract.ContractApi.step;
import static org.openpbr.contract.FeedPages.allocation;
import static org.openpbr.contract.FeedPages.episode;
import static org.openpbr.testing.Api.api;
import static org.openpbr.testing.Api.badRequest;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * A statement judges again only the units whose inputs changed since the previous statement, and
 * the month's new units. Over a year in which clustering data changes under issued months (a late
 * episode, a changed allocation, another provider's episode of the same person starting later, an
 * episode moved to another commissioner, an accepted query), every month's draft judged that way
 * is the draft judged in full, line for line and unit for unit, for each kind of unit.
 */
@QuarkusTest
@ServiceTest
class StatementJudgementApiTest {

    @OidcWireMock
    WireMockServer server;

    @Inject
    DataSource dataSource;

    private long seq = 900_000;

    @Test
    void episodes_judged_for_changes_only_give_the_statements_judged_in_full() throws SQLException {
        Map<Integer, String> totals = year("CLUSTER_EPISODE", "C70", "RU1", "RU2", 1, "100.00", "80.00");
        // By hand (fixed 1,000.00 a month; 11 at 100.00, 04 at 80.00; queried units held):
        // April: A (11), B (04) and C (11) are payable: 1,000.00 + 280.00.
        // May: C's April unit is now queried (RU2's episode of C from 10 May overlaps it, PV05) and held: -100.00 for
        // April's 11. B's allocation is now under a scheme version the contract does not pay (PV02), and D's late April
        // episode of 04 is payable: April's 04 stays at 80.00.
        // June: A's episode moved to commissioner C71 (its April unit is withdrawn: -100.00), D's query was accepted
        // (-80.00), and F's June episode of 04 is paid: 1,000.00 - 180.00 + 80.00.
        assertThat(totals).containsEntry(1, "1280.00").containsEntry(2, "900.00").containsEntry(3, "900.00")
                .containsEntry(4, "1000.00").containsEntry(12, "1000.00").containsEntry(13, "0.00");
    }

    @Test
    void days_judged_for_changes_only_give_the_statements_judged_in_full() throws SQLException {
        Map<Integer, String> totals = year("CLUSTER_DAY", "C72", "RU3", "RU4", 2, "10.00", "8.00");
        // April by hand: A's 26 days of 11 (5-30 April) and C's 11 days (20-30 April) at 10.00, B's 21 days of 04
        // (10-30 April) at 8.00: 1,000.00 + 370.00 + 168.00.
        assertThat(totals).containsEntry(1, "1538.00");
    }

    @Test
    void person_months_judged_for_changes_only_give_the_statements_judged_in_full() throws SQLException {
        Map<Integer, String> totals = year("PERSON_MONTH", "C74", "RU5", "RU6", 3, "300.00", "240.00");
        // April by hand: A, B and C are on the caseload, at the capitation rate of 300.00 each: 1,000.00 + 900.00.
        assertThat(totals).containsEntry(1, "1900.00");
    }

    @Test
    void judge_must_be_changed_or_all() {
        String id = agreed("C76-RU7-2025-26", "C76", "RU7");
        badRequest().header("Authorization", contractManager("C76").bearer()).contentType(ContentType.JSON)
                .body("{\"month\": 1, \"judge\": \"SOME\"}").post("/v1/contracts/" + id + "/statements").then()
                .statusCode(400).body("errors[0].field", equalTo("judge"));
    }

    /** Runs the year for one kind of unit, checking each month both ways, and returns the issued totals by month. */
    private Map<Integer, String> year(String unit, String commissioner, String provider, String partner, int n,
            String price11, String price04) throws SQLException {
        agreed(commissioner + "-" + partner + "-2025-26", commissioner, partner);
        String id = api(contractManager(commissioner)).contentType(ContentType.JSON).body("""
                {"reference": "%1$s-%2$s-2025-26", "commissionerCode": "%1$s", "providerCode": "%2$s", "financialYear": "2025-26",
                 "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
                 "terms": {"shadow": false, "fixed": {"annualAmount": 12000.00},
                   "activity": {"unit": "%3$s", "priceSource": "LOCAL", "mode": "ALL_UNITS", %6$s
                     "localPrices": [{"code": "11", "price": %4$s}, {"code": "04", "price": %5$s}]},
                   "validation": {"queried": "HOLD"}}}
                """.formatted(commissioner, provider, unit, price11, price04,
                        unit.equals("PERSON_MONTH") ? "\"capitationRate\": 300.00," : "")).post("/v1/contracts").then().statusCode(201)
                .extract().path("contractId");
        step(contractManager(commissioner), id, 1, "offer").statusCode(200);
        step(finance(provider), id, 1, "agreement").statusCode(200);
        String a = n + "UA";
        String b = n + "UB";
        String c = n + "UC";
        String d = n + "UD";
        String f = n + "UF";
        feed(List.of(
                allocation(++seq, a, uuid(n, 1, 1), "11", "11", true, "2025-04-05", "2025-04-05", "2012-illustrative-2"),
                episode(++seq, a, uuid(n, 2, 1), uuid(n, 1, 1), provider, commissioner, "11", "2025-04-05", null, "2025-06-04"),
                allocation(++seq, b, uuid(n, 1, 2), "04", "04", true, "2025-04-10", "2025-04-10", "2012-illustrative-2"),
                episode(++seq, b, uuid(n, 2, 2), uuid(n, 1, 2), provider, commissioner, "04", "2025-04-10", "2025-05-15", "2025-10-01"),
                allocation(++seq, c, uuid(n, 1, 3), "11", "11", true, "2025-04-20", "2025-04-20", "2012-illustrative-2"),
                episode(++seq, c, uuid(n, 2, 3), uuid(n, 1, 3), provider, commissioner, "11", "2025-04-20", null, "2025-10-20"),
                // The partner's episode of C starts after April: PV05 sees it from May's statement on.
                episode(++seq, c, uuid(n, 2, 4), uuid(n, 1, 3), partner, commissioner, "11", "2025-05-10", "2025-05-30", "2025-11-10"),
                allocation(++seq, f, uuid(n, 1, 5), "04", "04", true, "2025-06-12", "2025-06-12", "2012-illustrative-2"),
                episode(++seq, f, uuid(n, 2, 5), uuid(n, 1, 5), provider, commissioner, "04", "2025-06-12", "2025-07-20", "2025-12-12")));
        sync(commissioner);
        Map<Integer, String> totals = new LinkedHashMap<>();
        for (int month = 1; month <= 13; month++) {
            if (month == 2) {
                // A late April episode, and B's allocation corrected to a scheme version the contract does not pay.
                feed(List.of(
                        allocation(++seq, d, uuid(n, 1, 6), "04", "04", true, "2025-04-25", "2025-04-25", "2012-illustrative-2"),
                        episode(++seq, d, uuid(n, 2, 6), uuid(n, 1, 6), provider, commissioner, "04", "2025-04-25", "2025-06-10", "2025-10-25"),
                        allocation(++seq, b, uuid(n, 1, 2), "04", "04", true, "2025-04-10", "2025-04-10", "2012-illustrative-1")));
                sync(commissioner);
            }
            if (month == 3) {
                // A's care spell moves to another commissioner; the provider accepts the query on D's April unit.
                feed(List.of(episode(++seq, a, uuid(n, 2, 1), uuid(n, 1, 1), provider, "C71", "11", "2025-04-05", null,
                        "2025-06-04")));
                sync(commissioner);
                acceptQueryOn(id, commissioner, provider, d);
            }
            JsonPath all = compute(commissioner, id, month, "ALL");
            List<Object> allUnits = units(provider, id, month);
            JsonPath changed = compute(commissioner, id, month, "CHANGED");
            assertThat(changed.getList("lines")).as("month %d's lines", month).isEqualTo(all.getList("lines"));
            assertThat(changed.getMap("units")).as("month %d's unit counts", month).isEqualTo(all.getMap("units"));
            assertThat(units(provider, id, month)).as("month %d's units", month).isEqualTo(allUnits);
            if (month == 3) {
                // A's April unit, and under person-months A's May one too.
                assertThat(changed.getInt("units.withdrawn")).isEqualTo(unit.equals("CLUSTER_EPISODE") ? 1 : 2);
            }
            String etag = api(contractManager(commissioner)).get("/v1/contracts/" + id + "/statements/" + month).then()
                    .statusCode(200).extract().header("ETag");
            totals.put(month, api(contractManager(commissioner)).header("If-Match", etag)
                    .post("/v1/contracts/" + id + "/statements/" + month + "/issue").then().statusCode(200)
                    .extract().jsonPath().getString("total"));
        }
        return totals;
    }

    private void acceptQueryOn(String id, String commissioner, String provider, String localId) {
        String key = null;
        for (Object item : units(provider, id, 2)) {
            Map<?, ?> u = (Map<?, ?>) item;
            if (localId.equals(u.get("person")) && Integer.valueOf(1).equals(u.get("month"))) {
                key = (String) u.get("key");
            }
        }
        assertThat(key).as("D's April unit, stated in May").isNotNull();
        String query = api(contractManager(commissioner)).contentType(ContentType.JSON)
                .body("{\"month\": 2, \"units\": [\"" + key + "\"], \"reason\": \"Referred after the month closed?\"}")
                .post("/v1/contracts/" + id + "/queries").then().statusCode(200).extract().path("items[0].id");
        api(finance(provider)).contentType(ContentType.JSON).body("{}")
                .post("/v1/contracts/" + id + "/queries/" + query + "/acceptance").then().statusCode(200);
    }

    private JsonPath compute(String commissioner, String id, int month, String judge) {
        return api(contractManager(commissioner)).contentType(ContentType.JSON)
                .body("{\"month\": " + month + ", \"judge\": \"" + judge + "\"}").post("/v1/contracts/" + id + "/statements")
                .then().statusCode(200).extract().jsonPath();
    }

    private List<Object> units(String provider, String id, int month) {
        return new ArrayList<>(api(finance(provider)).get("/v1/contracts/" + id + "/statements/" + month + "/units?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("items"));
    }

    private void sync(String commissioner) {
        api(contractManager(commissioner)).post("/v1/caseload/sync").then().statusCode(200);
    }

    private void feed(List<String> items) throws SQLException {
        FeedStub.serve(server, dataSource, items);
    }

    private static String uuid(int n, int kind, int i) {
        return String.format("%d%d000000-0000-4000-8000-%012d", kind, n, i);
    }
}
