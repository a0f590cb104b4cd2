package org.openpbr.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openpbr.synthetic.ClusteringLoader;
import org.openpbr.synthetic.GridCode;
import org.openpbr.synthetic.SyntheticTrust;
import org.openpbr.synthetic.TrustEvent;
import org.openpbr.synthetic.TrustSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the synthetic demo trust (RX1) into clustering-service on the first start of a data
 * directory, through the public API with the demo clinical lead's token, so that review lists,
 * data quality and the feed have something to show; then its last financial year's costing inputs
 * into costing-service, as its finance user, and costs them ({@link DemoCosting}). A marker file
 * records that it was loaded.
 */
final class DemoTrust {

    static final String MARKER = "demo-trust.loaded";
    static final String USER = "lead.rx1";
    static final String FINANCE_USER = "finance.rx1";
    /** The care-cluster grid in force, whose profiles the synthetic ratings are drawn from. */
    static final String SCHEME_VERSION = "2012-illustrative-2";

    private final LocalStack stack;
    private final String password;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Long> tokensAt = new HashMap<>();

    /** What the first start loaded: the people in clustering-service, the costed year in costing-service. */
    record Loaded(ClusteringLoader.Summary clustering, DemoCosting.Summary costing, String costingFailure,
            DemoContract.Summary contract, String contractFailure) {
    }

    DemoTrust(LocalStack stack, String password) {
        this.stack = stack;
        this.password = password;
    }

    /** Loads the trust unless already loaded; returns what was loaded, or null when nothing was to do. */
    Loaded loadOnce(int patients) throws IOException, InterruptedException {
        Path marker = stack.settings().data().resolve(MARKER);
        if (patients <= 0 || Files.exists(marker)) {
            return null;
        }
        URI clustering = stack.serviceUrl("clustering-service");
        List<GridCode> grid = grid(clustering);
        LocalDate today = LocalDate.now();
        TrustSpec spec = TrustSpec.demo(patients, today);
        List<TrustEvent> events = SyntheticTrust.generate(spec, grid);
        ClusteringLoader.Summary summary = new ClusteringLoader(clustering, () -> token(USER)).load(events);
        Map<String, Period> reviewPeriods = new HashMap<>();
        grid.forEach(code -> reviewPeriods.put(code.code(), code.reviewPeriod()));
        Files.writeString(marker, summary + System.lineSeparator());
        // The costing inputs derive from these events, so they are loaded now or not at all.
        try {
            DemoCosting.Summary costing = new DemoCosting(stack.serviceUrl("costing-service"),
                    () -> token(FINANCE_USER)).load(events, reviewPeriods, spec.providerCode(), today);
            Files.writeString(marker, costing + System.lineSeparator(), java.nio.file.StandardOpenOption.APPEND);
            // The demo year's contract is priced from that costing, so it follows it or is left out.
            try {
                DemoContract.Summary contract = new DemoContract(clustering, stack.serviceUrl("costing-service"),
                        stack.serviceUrl("contract-service"), this::token).load(costing, spec.providerCode(), FINANCE_USER,
                        events);
                Files.writeString(marker, contract + System.lineSeparator(), java.nio.file.StandardOpenOption.APPEND);
                return new Loaded(summary, costing, null, contract, null);
            } catch (IOException | RuntimeException e) {
                return new Loaded(summary, costing, null, null, e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            return new Loaded(summary, null, e.getMessage(), null, null);
        }
    }

    /** The care-cluster grid as the running service publishes it. */
    private List<GridCode> grid(URI clustering) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                clustering.resolve("/v1/schemes/mh-care-clusters/versions/" + SCHEME_VERSION))
                .header("Authorization", "Bearer " + token(USER)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("clustering-service answered " + response.statusCode() + " for the care-cluster scheme");
        }
        List<GridCode> grid = new ArrayList<>();
        for (JsonNode code : json.readTree(response.body()).path("codes")) {
            // The profile is an object keyed by scale id, in no promised order: read it in MHCT order.
            List<String> words = new ArrayList<>();
            JsonNode profile = code.path("profile");
            if (!profile.isMissingNode() && !profile.isNull()) {
                for (String scale : GridCode.SCALES) {
                    words.add(profile.path(scale).asText());
                }
            }
            grid.add(new GridCode(code.path("code").asText(), code.path("superClass").asText(),
                    Period.parse(code.path("maxReviewPeriod").asText()), words));
        }
        return grid;
    }

    /** A token for a demo user, renewed well before Keycloak's 15-minute lifetime ends. */
    private synchronized String token(String user) {
        Long at = tokensAt.get(user);
        if (at == null || System.nanoTime() - at > Duration.ofMinutes(5).toNanos()) {
            try {
                String form = "grant_type=password&client_id=openpbr-cli&username=" + user + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(stack.realmUrl() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Keycloak refused the demo user " + user + ": " + response.statusCode());
                }
                tokens.put(user, json.readTree(response.body()).path("access_token").asText());
                tokensAt.put(user, System.nanoTime());
            } catch (IOException e) {
                throw new IllegalStateException("no token from Keycloak: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while getting a token", e);
            }
        }
        return tokens.get(user);
    }
}
