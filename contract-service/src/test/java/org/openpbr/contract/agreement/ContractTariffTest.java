package org.openpbr.contract.agreement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.openpbr.contract.ContractApi.contractManager;
import static org.openpbr.contract.ContractApi.money;
import static org.openpbr.testing.Api.api;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openpbr.testing.ApiContract;
import org.openpbr.testing.ServiceTest;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.http.ContentType;

/**
 * Prices from an agreed costing tariff: read from costing-service with contract-service's service
 * token and copied into the version. costing-service cannot run inside this test, so its answers
 * are served by the test's HTTP server, each first checked against costing-service's published
 * contract: these are answers it could really send.
 */
@QuarkusTest
@ServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractTariffTest {

    private static final String TARIFFS = "/auth/v1/tariffs/";
    private static final ApiContract COSTING = ApiContract.forService("costing-service");

    @OidcWireMock
    WireMockServer server;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void tariff_prices_and_their_components_are_copied_into_the_version_with_the_tariff_version() {
        token();
        String id = "4b1a7c52-0000-4000-8000-000000000001";
        tariff(id, "T10", "C10", "AGREED", "REVIEW_PERIOD");
        api(contractManager("C10")).contentType(ContentType.JSON).body(draft("C10", "T10", id, "CLUSTER_EPISODE"))
                .post("/v1/contracts").then().statusCode(201)
                .body("terms.activity.tariffVersion", equalTo(3)).body("prices", hasSize(2))
                .body("prices[0].code", equalTo("04")).body("prices[0].price", money("812.40"))
                .body("prices[0].components", hasSize(2)).body("prices[0].components[0].name", equalTo("Nursing"))
                .body("prices[0].components[0].amount", money("600.00")).body("prices[1].rri", money("1.5000"))
                // 12 episodes of 11 at 1,218.60
                .body("plan.plannedValue", money("14623.20"));
        server.verify(getRequestedFor(urlPathEqualTo(TARIFFS + id))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer contract-service-token")));
    }

    @Test
    void a_tariff_not_agreed_for_these_parties_and_this_unit_is_refused_naming_the_field() {
        token();
        String draftTariff = "4b1a7c52-0000-4000-8000-000000000002";
        tariff(draftTariff, "T11", "C11", "DRAFT", "REVIEW_PERIOD");
        api(contractManager("C11")).contentType(ContentType.JSON).body(draft("C11", "T11", draftTariff, "CLUSTER_EPISODE"))
                .post("/v1/contracts").then().statusCode(400).body("errors.field", hasItem("terms.activity.tariffId"));
        String otherCommissioner = "4b1a7c52-0000-4000-8000-000000000003";
        tariff(otherCommissioner, "T11", "C12", "AGREED", "CLUSTER_DAY");
        api(contractManager("C11")).contentType(ContentType.JSON).body(draft("C11", "T11", otherCommissioner, "CLUSTER_EPISODE"))
                .post("/v1/contracts").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("terms.activity.tariffId", "terms.activity.unit"));
        String missing = "4b1a7c52-0000-4000-8000-000000000004";
        server.stubFor(get(urlPathEqualTo(TARIFFS + missing)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Tariff not found\"}")));
        api(contractManager("C11")).contentType(ContentType.JSON).body(draft("C11", "T11", missing, "CLUSTER_EPISODE"))
                .post("/v1/contracts").then().statusCode(400).body("errors[0].message", equalTo("names no tariff in costing-service"));
        // A 404 is an answer: asked once, not retried.
        server.verify(1, getRequestedFor(urlPathEqualTo(TARIFFS + missing)));
        api(contractManager("C11")).get("/v1/contracts").then().statusCode(200).body("items", hasSize(0));
    }

    /** Last: its failures open the client's circuit breaker for 30 s, as they should. */
    @Test
    @Order(Integer.MAX_VALUE)
    void while_costing_service_is_down_a_tariff_draft_is_503_with_retry_after_and_nothing_is_stored() {
        token();
        String id = "4b1a7c52-0000-4000-8000-000000000005";
        server.stubFor(get(urlPathEqualTo(TARIFFS + id)).willReturn(aResponse().withStatus(503)));
        api(contractManager("C13")).contentType(ContentType.JSON).body(draft("C13", "T13", id, "CLUSTER_EPISODE"))
                .post("/v1/contracts").then().statusCode(503).header("Retry-After", "30");
        api(contractManager("C13")).get("/v1/contracts").then().statusCode(200).body("items", hasSize(0));
        // The test application is shared: close the circuit this test opened, for the tests after it.
        breakers.resetAll();
    }

    private void token() {
        server.stubFor(post(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"contract-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    /** Version 3 of a tariff: 04 at 812.40 (600.00 nursing + 212.40 support), 11 at 1,218.60. */
    private void tariff(String id, String provider, String commissioner, String status, String unit) {
        boolean agreed = "AGREED".equals(status);
        String json = """
                {"id": "%s", "providerCode": "%s", "name": "2025-26 local tariff", "version": 3, "status": "%s",
                 "revision": 1, "pricingMethod": "pbr-mh-tariff-1",
                 "run": {"id": "5c1a7c52-0000-4000-8000-000000000001", "period": {"code": "FY2025-26", "startDate": "2025-04-01", "endDate": "2026-03-31"}, "methodVersion": "pbr-mh-costing-1", "includeSocialCare": false},
                 "unit": "%s", "scope": "COMMISSIONER", "commissionerCode": "%s",
                 "validFrom": "2025-04-01", "validTo": "2026-03-31", "contractValue": 20000.00, "efficiencyPercent": 0,
                 "target": 20000.00, "includeSocialCare": false, "activitySource": "PLAN", "topUps": [],
                 "averageUnitCost": 900.0000, "plannedValue": 20000.00, "roundingResidual": 0.00,
                 "prices": [
                   {"code": "04", "unitCost": 700.0000, "rri": 1.0000, "plannedUnits": 10, "flaggedUnits": {}, "pricedUnits": 10,
                    "exactPrice": 812.400000, "price": 812.40, "topUpPrices": {}, "plannedValue": 8124.00,
                    "components": [{"name": "Nursing", "amount": 600.00}, {"name": "Support overhead", "amount": 212.40}]},
                   {"code": "11", "unitCost": 1050.0000, "rri": 1.5000, "plannedUnits": 10, "flaggedUnits": {}, "pricedUnits": 10,
                    "exactPrice": 1218.600000, "price": 1218.60, "topUpPrices": {}, "plannedValue": 12186.00,
                    "components": [{"name": "Nursing", "amount": 900.00}, {"name": "Support overhead", "amount": 318.60}]}],
                 "createdAt": "2026-03-01T10:00:00Z", "createdBy": "finance", "updatedAt": "2026-03-01T10:00:00Z", "updatedBy": "finance"%s}
                """.formatted(id, provider, status, unit, commissioner,
                agreed ? ", \"agreedAt\": \"2026-03-02T10:00:00Z\", \"agreedBy\": \"finance\"" : "");
        assertThat(COSTING.getResponseFaults("/v1/tariffs/" + id, 200, json)).as("a tariff costing-service could send").isEmpty();
        server.stubFor(get(urlPathEqualTo(TARIFFS + id)).willReturn(okJson(json)));
    }

    private static String draft(String commissioner, String provider, String tariffId, String unit) {
        return """
                {"reference": "%s-%s-2025-26", "commissionerCode": "%s", "providerCode": "%s", "financialYear": "2025-26",
                 "scheme": "mh-care-clusters", "schemeVersions": ["2012-illustrative-2"],
                 "terms": {"shadow": false, "activity": {"unit": "%s", "priceSource": "TARIFF", "tariffId": "%s", "mode": "ALL_UNITS"}},
                 "plan": [{"month": 4, "code": "11", "units": 12}]}
                """.formatted(commissioner, provider, commissioner, provider, unit, tariffId);
    }
}
