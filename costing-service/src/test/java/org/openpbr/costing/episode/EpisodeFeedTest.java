package org.openpbr.costing.episode;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.openpbr.costing.CostingApi.analyst;
import static org.openpbr.costing.CostingApi.clinician;
import static org.openpbr.costing.CostingApi.episodes;
import static org.openpbr.costing.CostingApi.finance;
import static org.openpbr.testing.Api.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openpbr.testing.ApiContract;
import org.openpbr.testing.ServiceTest;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

/**
 * The pull from clustering-service's change feed. clustering-service cannot run inside this
 * service's test, so its feed is served by the test's HTTP server, and every page served is first
 * checked against clustering-service's published contract: these are pages it could really send.
 * The whole stack, with the real clustering-service and Keycloak, is exercised by the e2e tests.
 */
@QuarkusTest
@ServiceTest
class EpisodeFeedTest {

    private static final String FEED = "/auth/v1/feed";
    private static final ApiContract CLUSTERING = ApiContract.forService("clustering-service");

    @OidcWireMock
    WireMockServer server;

    @Inject
    DataSource dataSource;

    @Test
    void episodes_are_pulled_with_a_service_token_page_by_page_resumed_where_they_stopped_and_kept_apart_by_provider() {
        server.stubFor(post(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"costing-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        // RU1 clusters elsewhere and uploads its episodes: the feed must not overwrite them.
        episodes(finance("RU1"), "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "U1,L9,03,2025-01-01,,2025-07-01,15N,T1\n").statusCode(201);

        feedPage(null, page("c3", FEED + "?after=c3&limit=500",
                episode(1, "L1", "a1e7c3b0-0000-4000-8000-000000000001", "RF1", "11", "2025-03-01", null, "2026-03-01"),
                episode(2, "L7", "a1e7c3b0-0000-4000-8000-000000000002", "RF9", "04", "2025-04-01", null, "2025-10-01"),
                episode(3, "L9", "a1e7c3b0-0000-4000-8000-000000000003", "RU1", "05", "2025-02-01", null, "2025-08-01")));
        feedPage("c3", page("c4", null,
                episode(4, "L1", "a1e7c3b0-0000-4000-8000-000000000001", "RF1", "11", "2025-03-01", "2025-05-31", "2026-03-01")));

        api(finance("RF1")).post("/v1/episodes/sync").then().statusCode(200)
                .body("changesRead", org.hamcrest.Matchers.equalTo(4))
                .body("yourEpisodesStored", org.hamcrest.Matchers.equalTo(2))
                .body("yourFeedEpisodes", org.hamcrest.Matchers.equalTo(1))
                .body("caughtUp", org.hamcrest.Matchers.equalTo(true))
                .body("lastPulledAt", notNullValue());
        server.verify(getRequestedFor(urlPathEqualTo(FEED)).withQueryParam("limit", equalTo("500"))
                .withHeader("Authorization", equalTo("Bearer costing-service-token")));

        // The person's pseudonym is kept as clustering sent it, for the commissioners' views.
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select pseudonym from cluster_episode where ref = 'a1e7c3b0-0000-4000-8000-000000000001'")) {
            ResultSet r = q.executeQuery();
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(pseudonym("L1"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }

        // The later change (the episode ended) wins; the local id is the person, the feed's id the reference.
        api(finance("RF1")).get("/v1/episodes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].episodeId", org.hamcrest.Matchers.equalTo("a1e7c3b0-0000-4000-8000-000000000001"))
                .body("items[0].source", org.hamcrest.Matchers.equalTo("FEED"))
                .body("items[0].patientId", org.hamcrest.Matchers.equalTo("L1"))
                .body("items[0].endDate", org.hamcrest.Matchers.equalTo("2025-05-31"));
        api(analyst("RF9")).get("/v1/episodes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].patientId", org.hamcrest.Matchers.equalTo("L7"));
        api(finance("RU1")).get("/v1/episodes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].episodeId", org.hamcrest.Matchers.equalTo("U1"))
                .body("items[0].source", org.hamcrest.Matchers.equalTo("UPLOAD"));
        api(analyst("RF1")).get("/v1/episodes/sync").then().statusCode(200)
                .body("yourFeedEpisodes", org.hamcrest.Matchers.equalTo(1)).body("lastPulledAt", notNullValue());

        // Caught up: the next pull starts after the last page, and finds nothing new.
        feedPage("c4", page("c4", null));
        api(finance("RF1")).post("/v1/episodes/sync").then().statusCode(200)
                .body("changesRead", org.hamcrest.Matchers.equalTo(0))
                .body("caughtUp", org.hamcrest.Matchers.equalTo(true));
        server.verify(1, getRequestedFor(urlPathEqualTo(FEED)).withQueryParam("after", absent()));

        // A provider whose episodes come from the feed cannot also upload them.
        episodes(finance("RF1"), "episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n"
                + "X1,L1,03,2025-07-01,,2026-01-01,15N,T1\n").statusCode(409);
        api(clinician("RF1")).post("/v1/episodes/sync").then().statusCode(403);
        api(analyst("RF1")).post("/v1/episodes/sync").then().statusCode(403);

        // clustering-service down: 503 with Retry-After, and nothing pulled so far is lost or moved.
        server.stubFor(get(urlPathEqualTo(FEED)).withQueryParam("after", equalTo("c4"))
                .willReturn(aResponse().withStatus(503)));
        api(finance("RF1")).post("/v1/episodes/sync").then().statusCode(503).header("Retry-After", "30");
        api(finance("RF1")).get("/v1/episodes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].endDate", org.hamcrest.Matchers.equalTo("2025-05-31"));
    }

    private void feedPage(String after, String json) {
        assertThat(CLUSTERING.getResponseFaults("/v1/feed", 200, json)).as("a page clustering-service could send").isEmpty();
        server.stubFor(get(urlPathEqualTo(FEED)).withQueryParam("after", after == null ? absent() : equalTo(after))
                .willReturn(okJson(json)));
    }

    /** What clustering would send for this person (any value of the form will do: costing keeps it as sent). */
    private static String pseudonym(String localId) {
        return String.format("P-%032x", localId.hashCode() & 0xffffffffL);
    }

    private static String page(String resumeAfter, String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "]," + (next == null ? "" : "\"next\":\"http://clustering" + next + "\",")
                + "\"resumeAfter\":\"" + resumeAfter + "\"}";
    }

    private static String episode(long seq, String localId, String id, String provider, String code, String start,
            String end, String reviewDue) {
        return "{\"seq\":" + seq + ",\"type\":\"EPISODE\",\"localId\":\"" + localId + "\",\"pseudonym\":\""
                + pseudonym(localId) + "\",\"episode\":{\"id\":\"" + id
                + "\",\"patientId\":\"5f0c6f0e-0000-4000-8000-00000000000" + seq + "\",\"careSpellId\":"
                + "\"6a0c6f0e-0000-4000-8000-000000000001\",\"providerCode\":\"" + provider + "\",\"commissionerCode\":\"15N\","
                + "\"team\":\"T1\",\"code\":\"" + code + "\",\"startDate\":\"" + start + "\","
                + (end == null ? "" : "\"endDate\":\"" + end + "\",\"endReason\":\"DISCHARGED\",")
                + "\"reviewDue\":\"" + reviewDue + "\",\"allocationId\":\"7b0c6f0e-0000-4000-8000-00000000000" + seq + "\"}}";
    }
}
