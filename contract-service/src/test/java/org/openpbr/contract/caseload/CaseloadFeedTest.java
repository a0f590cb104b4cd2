package org.openpbr.contract.caseload;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.openpbr.contract.ContractApi.analyst;
import static org.openpbr.contract.ContractApi.contractManager;
import static org.openpbr.contract.ContractApi.finance;
import static org.openpbr.contract.FeedPages.allocation;
import static org.openpbr.contract.FeedPages.episode;
import static org.openpbr.contract.FeedPages.page;
import static org.openpbr.contract.FeedPages.pseudonym;
import static org.openpbr.testing.Api.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ApiContract;
import org.openpbr.testing.ServiceTest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.oidc.server.OidcWireMock;

/**
 * The pull of cluster episodes and allocations from clustering-service's change feed. Its feed is
 * served by the test's HTTP server, and every page is first checked against clustering-service's
 * published contract: these are pages it could really send.
 */
@QuarkusTest
@ServiceTest
class CaseloadFeedTest {

    private static final String FEED = "/auth/v1/feed";
    private static final ApiContract CLUSTERING = ApiContract.forService("clustering-service");
    private static final String A1 = "a1000000-0000-4000-8000-000000000001";
    private static final String E1 = "e1000000-0000-4000-8000-000000000001";
    private static final String E2 = "e1000000-0000-4000-8000-000000000002";

    @OidcWireMock
    WireMockServer server;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    DataSource dataSource;

    @Test
    void episodes_and_allocations_are_pulled_page_by_page_with_the_service_token_and_a_later_change_wins() throws SQLException {
        server.stubFor(post(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"contract-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        feedPage(null, page("c3", FEED + "?after=c3&limit=1000",
                allocation(1, "L1", A1, "11", "11", true, "2025-05-02", "2025-05-01", "2012-illustrative-2"),
                episode(2, "L1", E1, A1, "RF1", "15N", "11", "2025-05-02", null, "2026-05-01"),
                episode(3, "L2", E2, A1, "RF2", "15N", "04", "2025-06-01", null, "2026-05-01")));
        // The same episode ends on the next page; in the same page, a later state is kept over an earlier one.
        feedPage("c3", page("c5", null,
                episode(4, "L1", E1, A1, "RF1", "15N", "11", "2025-05-02", "2025-07-31", "2026-05-01"),
                episode(5, "L2", E2, A1, "RF2", "15N", "04", "2025-06-01", "2025-06-30", "2026-05-01")));

        api(contractManager("15N")).post("/v1/caseload/sync").then().statusCode(200)
                .body("changesRead", equalTo(5)).body("episodesStored", equalTo(4)).body("allocationsStored", equalTo(1))
                .body("caughtUp", equalTo(true)).body("yourEpisodes", equalTo(2)).body("lastPulledAt", notNullValue());
        server.verify(getRequestedFor(urlPathEqualTo(FEED)).withQueryParam("limit", WireMock.equalTo("1000"))
                .withHeader("Authorization", WireMock.equalTo("Bearer contract-service-token")));
        assertThat(rows("select id || ' ' || code || ' ' || coalesce(end_date::text, 'open') || ' ' || change_seq || '/' || first_seq"
                + " || ' ' || allocation_id from fed_episode order by id"))
                .containsExactly(E1 + " 11 2025-07-31 4/2 " + A1, E2 + " 04 2025-06-30 5/3 " + A1);
        assertThat(rows("select chosen_code || ' ' || assessed_on || ' ' || allocated_on || ' ' || scheme || ' '"
                + " || chosen_meets_red_rules || ' ' || pseudonym from fed_allocation"))
                .containsExactly("11 2025-05-01 2025-05-02 mh-care-clusters true " + pseudonym("L1"));
        api(finance("RF1")).get("/v1/caseload/sync").then().statusCode(200).body("yourEpisodes", equalTo(1));
        api(analyst("RF9")).get("/v1/caseload/sync").then().statusCode(200).body("yourEpisodes", equalTo(0));
        api(analyst("RF1")).post("/v1/caseload/sync").then().statusCode(403);

        // Caught up: the next pull starts after the last page and finds nothing new.
        feedPage("c5", page("c5", null));
        api(finance("RF1")).post("/v1/caseload/sync").then().statusCode(200).body("changesRead", equalTo(0));
        server.verify(1, getRequestedFor(urlPathEqualTo(FEED)).withQueryParam("after", absent()));

        // clustering-service down: 503 with Retry-After, and nothing already pulled is lost or moved.
        server.stubFor(get(urlPathEqualTo(FEED)).withQueryParam("after", WireMock.equalTo("c5"))
                .willReturn(aResponse().withStatus(503)));
        api(finance("RF1")).post("/v1/caseload/sync").then().statusCode(503).header("Retry-After", "30");
        assertThat(rows("select count(*) from fed_episode")).containsExactly("2");
        // The test application is shared: close the circuit this test opened, for the tests after it.
        breakers.resetAll();
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    private void feedPage(String after, String json) {
        assertThat(CLUSTERING.getResponseFaults("/v1/feed", 200, json)).as("a page clustering-service could send").isEmpty();
        server.stubFor(get(urlPathEqualTo(FEED)).withQueryParam("after", after == null ? absent() : WireMock.equalTo(after))
                .willReturn(okJson(json)));
    }
}
