package org.openpbr.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.openpbr.testing.ApiContract;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

/** Clustering's feed, stubbed on the test OIDC server's WireMock: each call serves the next page of changes. */
public final class FeedStub {

    private static final String FEED = "/auth/v1/feed";
    private static final ApiContract CLUSTERING = ApiContract.forService("clustering-service");

    private FeedStub() {
    }

    /** Serves the given changes as the page after the feed's current position, then an empty page. */
    public static void serve(WireMockServer server, DataSource dataSource, List<String> items) throws SQLException {
        server.stubFor(post(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"contract-service-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        String at = position(dataSource);
        String next = "st" + System.nanoTime();
        String page = "{\"items\":[" + String.join(",", items) + "],\"next\":\"http://clustering" + FEED + "?after=" + next
                + "\",\"resumeAfter\":\"" + next + "\"}";
        assertThat(CLUSTERING.getResponseFaults("/v1/feed", 200, page)).isEmpty();
        server.stubFor(get(urlPathEqualTo(FEED)).withQueryParam("after", at == null ? absent() : WireMock.equalTo(at))
                .willReturn(okJson(page)));
        server.stubFor(get(urlPathEqualTo(FEED)).withQueryParam("after", WireMock.equalTo(next))
                .willReturn(okJson("{\"items\":[],\"resumeAfter\":\"" + next + "\"}")));
    }

    private static String position(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select resume_after from feed_position where feed = 'clustering'")) {
            return r.next() && !r.getString(1).isEmpty() ? r.getString(1) : null;
        }
    }
}
