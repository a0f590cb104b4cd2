package org.openpbr.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo year's contract between commissioner 15N and the demo trust RX1, made through the
 * public APIs as the parties would make it: the trust's finance agrees a cost-neutral tariff from
 * the demo costing run; the commissioner drafts contract 15N-RX1 in shadow mode (the fixed element
 * is the costed total, episodes are priced from that tariff, 2%/5% risk-share bands, a 2% quality
 * withhold over five indicators) and offers it; the trust countersigns. Then the commissioner
 * pulls clustering's data and issues the twelve monthly statements and the year end.
 */
final class DemoContract {

    static final String COMMISSIONER = "15N";
    static final String COMMISSIONER_USER = "contracts.15n";
    private static final Set<String> SHADOW_ACTIVITY = Set.of("ACTIVITY", "ADJUSTMENT", "RISK_SHARE");

    /** What the year's statements paid and showed. */
    record Summary(String reference, String financialYear, BigDecimal blockPaid, BigDecimal shadowValue, long payable,
            long queried, long rejected, BigDecimal yearEndBalance, BigDecimal shadowYearEnd) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "contract %s %s (shadow): block paid %s; cluster-priced shadow value %s;"
                    + " units payable %,d, queried %,d, rejected %,d; year-end balance %s (shadow %s)", reference,
                    financialYear, blockPaid.toPlainString(), shadowValue.toPlainString(), payable, queried, rejected,
                    yearEndBalance.toPlainString(), shadowYearEnd.toPlainString());
        }
    }

    private final URI costing;
    private final URI contract;
    private final Function<String, String> tokens;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = DemoCosting.moneyReader();

    /** @param tokens a demo user's access token by username */
    DemoContract(URI costing, URI contract, Function<String, String> tokens) {
        this.costing = costing;
        this.contract = contract;
        this.tokens = tokens;
    }

    Summary load(DemoCosting.Summary costed, String provider, String financeUser) throws IOException, InterruptedException {
        String fy = costed.period().substring(2);
        String start = fy.substring(0, 4) + "-04-01";
        String end = (Integer.parseInt(fy.substring(0, 4)) + 1) + "-03-31";
        BigDecimal total = new BigDecimal(costed.costedTotal());

        // The trust's finance proposes and agrees a trust-wide tariff, cost neutral against the costed year.
        Map<String, Object> proposal = new LinkedHashMap<>();
        proposal.put("name", fy + " local tariff");
        proposal.put("runId", costed.runId());
        proposal.put("unit", "REVIEW_PERIOD");
        proposal.put("validFrom", start);
        proposal.put("validTo", end);
        proposal.put("contractValue", total);
        Response tariff = send(costing, "POST", "/v1/tariffs", financeUser, null, json.writeValueAsString(proposal));
        String tariffId = tariff.body().path("id").asText();
        send(costing, "POST", "/v1/tariffs/" + tariffId + "/agreement", financeUser, tariff.etag(),
                "{\"note\": \"Agreed with 15N for the demo year\"}");

        // The plan: the tariff's planned units of each code, in twelfths (the rest in March).
        List<Map<String, Object>> plan = new ArrayList<>();
        for (JsonNode price : tariff.body().path("prices")) {
            BigDecimal units = price.path("plannedUnits").decimalValue().setScale(2, RoundingMode.HALF_EVEN);
            BigDecimal month = units.divide(BigDecimal.valueOf(12), 2, RoundingMode.DOWN);
            for (int m = 1; m <= 12; m++) {
                BigDecimal u = m < 12 ? month : units.subtract(month.multiply(BigDecimal.valueOf(11)));
                if (u.signum() > 0) {
                    plan.add(Map.of("month", m, "code", price.path("code").asText(), "units", u));
                }
            }
        }
        String reference = COMMISSIONER + "-" + provider;
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("reference", reference);
        draft.put("commissionerCode", COMMISSIONER);
        draft.put("providerCode", provider);
        draft.put("financialYear", fy);
        draft.put("scheme", "mh-care-clusters");
        draft.put("schemeVersions", List.of("2012-illustrative-1", "2012-illustrative-2"));
        draft.put("terms", Map.of(
                "shadow", true,
                "fixed", Map.of("annualAmount", total),
                "activity", Map.of("unit", "CLUSTER_EPISODE", "priceSource", "TARIFF", "tariffId", tariffId,
                        "mode", "ALL_UNITS"),
                "riskShare", Map.of(
                        "over", List.of(band(0, 0), band(2, 50), band(5, 100)),
                        "under", List.of(band(0, 0), band(2, 50))),
                "quality", Map.of("kind", "WITHHOLD", "ratePercent", 2, "settlement", "YEAR_END", "indicators", List.of(
                        indicator("CMH-PAIRED-OUTCOMES", 40, 20), indicator("PROM-PAIRED", 10, 5),
                        indicator("CLUSTER-REVIEW-ON-TIME", 90, 70), indicator("CARE-PLAN-REVIEWED", 95, 85),
                        indicator("FOLLOW-UP-72H", 80, 60)))));
        draft.put("plan", plan);
        draft.put("reason", "Shadow year: the block continues while the cluster prices are tried beside it");
        String id = send(contract, "POST", "/v1/contracts", COMMISSIONER_USER, null, json.writeValueAsString(draft))
                .body().path("contractId").asText();
        String version = "/v1/contracts/" + id + "/versions/1";
        send(contract, "POST", version + "/offer", COMMISSIONER_USER, get(contract, version, COMMISSIONER_USER).etag(), "{}");
        send(contract, "POST", version + "/agreement", financeUser, get(contract, version, financeUser).etag(), "{}");

        send(contract, "POST", "/v1/caseload/sync", COMMISSIONER_USER, null, null);
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal shadow = BigDecimal.ZERO;
        BigDecimal yearEnd = BigDecimal.ZERO;
        BigDecimal shadowYearEnd = BigDecimal.ZERO;
        long payable = 0;
        long queried = 0;
        long rejected = 0;
        for (int month = 1; month <= 13; month++) {
            String statements = "/v1/contracts/" + id + "/statements";
            Response draftStatement = send(contract, "POST", statements, COMMISSIONER_USER, null, "{\"month\": " + month + "}");
            JsonNode issued = send(contract, "POST", statements + "/" + month + "/issue", COMMISSIONER_USER,
                    draftStatement.etag(), null).body();
            paid = paid.add(issued.path("total").decimalValue());
            for (JsonNode line : issued.path("lines")) {
                if (line.path("shadow").asBoolean() && SHADOW_ACTIVITY.contains(line.path("kind").asText())) {
                    shadow = shadow.add(line.path("amount").decimalValue());
                }
            }
            if (month == 13) {
                yearEnd = issued.path("total").decimalValue();
                shadowYearEnd = issued.path("shadowTotal").decimalValue();
            } else {
                payable += issued.path("units").path("payable").asLong();
                queried += issued.path("units").path("queried").asLong();
                rejected += issued.path("units").path("rejected").asLong();
            }
        }
        return new Summary(reference, fy, paid, shadow, payable, queried, rejected, yearEnd, shadowYearEnd);
    }

    private static Map<String, Object> band(int from, int share) {
        return Map.of("fromPercent", from, "sharePercent", share);
    }

    private static Map<String, Object> indicator(String measure, int target, int floor) {
        return Map.of("measureId", measure, "weight", 1, "target", target, "floor", floor, "scale", "LINEAR",
                "direction", "HIGHER_IS_BETTER");
    }

    private record Response(JsonNode body, String etag) {
    }

    private Response get(URI service, String path, String user) throws IOException, InterruptedException {
        return send(service, "GET", path, user, null, null);
    }

    private Response send(URI service, String method, String path, String user, String ifMatch, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", "Bearer " + tokens.apply(user));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String answer = response.body();
            throw new IOException(service.getPort() + " answered " + response.statusCode() + " to " + method + " " + path
                    + ": " + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
        }
        return new Response(response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()),
                response.headers().firstValue("ETag").orElse(null));
    }
}
