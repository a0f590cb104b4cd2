package org.openpbr.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.openpbr.synthetic.ClusteringLoader;
import org.openpbr.synthetic.TrustEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo year's contract between commissioner 15N and the demo trust RX1, made through the
 * public APIs as the parties would make it: the trust's finance agrees a cost-neutral tariff from
 * the demo costing run; the commissioner drafts contract 15N-RX1 in shadow mode (the fixed element
 * is the costed total, episodes are priced from that tariff, 2%/5% risk-share bands, a 2% quality
 * withhold over five indicators) and offers it; the trust countersigns.
 *
 * <p>Beside it, the independent provider NZ1 invoices 15N on claims (contract 15N-NZ1). Its
 * clinician clusters two of the trust's people: one for 15N a week after the trust clustered them,
 * so both providers hold the same days (PV05, concurrent care: queried on both contracts), and one
 * whose care spell is commissioner 14L's, which NZ1 claims from 15N all the same (PV03: rejected).
 * Then the commissioner pulls clustering's data and issues the trust's twelve monthly statements
 * and the year end, and NZ1's statements up to the month of its claims.
 */
final class DemoContract {

    static final String COMMISSIONER = "15N";
    static final String COMMISSIONER_USER = "contracts.15n";
    static final String INDEPENDENT = "NZ1";
    static final String INDEPENDENT_CLINICIAN = "clinician.nz1";
    static final String INDEPENDENT_FINANCE = "finance.nz1";
    private static final Set<String> SHADOW_ACTIVITY = Set.of("ACTIVITY", "ADJUSTMENT", "RISK_SHARE");

    /** What the year's statements paid and showed. */
    record Summary(String reference, String financialYear, BigDecimal blockPaid, BigDecimal shadowValue, long payable,
            long queried, long rejected, BigDecimal yearEndBalance, BigDecimal shadowYearEnd, Claimed independent) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "contract %s %s (shadow): block paid %s; cluster-priced shadow value %s;"
                    + " units payable %,d, queried %,d, rejected %,d; year-end balance %s (shadow %s)", reference,
                    financialYear, blockPaid.toPlainString(), shadowValue.toPlainString(), payable, queried, rejected,
                    yearEndBalance.toPlainString(), shadowYearEnd.toPlainString())
                    + (independent == null ? "" : System.lineSeparator() + "  - demo " + independent);
        }
    }

    /** What the independent provider's claims came to in the month it claimed. */
    record Claimed(String reference, int month, int claims, BigDecimal paid, long payable, long queried, long rejected,
            String rules) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "contract %s (claims): month %d, %d claims, paid %s; units payable %d,"
                    + " queried %d, rejected %d (%s)", reference, month, claims, paid.toPlainString(), payable, queried,
                    rejected, rules);
        }
    }

    /** The independent provider's contract, agreed and claimed, before the statements are computed. */
    private record Independent(String id, int month, int claims) {
    }

    private final URI clustering;
    private final URI costing;
    private final URI contract;
    private final Function<String, String> tokens;
    private final DemoHttp http = new DemoHttp();
    private final ObjectMapper json = DemoCosting.moneyReader();

    /** @param tokens a demo user's access token by username */
    DemoContract(URI clustering, URI costing, URI contract, Function<String, String> tokens) {
        this.clustering = clustering;
        this.costing = costing;
        this.contract = contract;
        this.tokens = tokens;
    }

    /** @param events the trust's synthetic events, from which NZ1's two people are taken */
    Summary load(DemoCosting.Summary costed, String provider, String financeUser, List<TrustEvent> events)
            throws IOException, InterruptedException {
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
        String id = agreed(draft, financeUser);

        List<Map<String, Object>> prices = new ArrayList<>();
        for (JsonNode price : tariff.body().path("prices")) {
            prices.add(Map.of("code", price.path("code").asText(), "price", price.path("price").decimalValue()));
        }
        Independent nz1 = independent(events, fy, LocalDate.parse(start), prices);

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
        return new Summary(reference, fy, paid, shadow, payable, queried, rejected, yearEnd, shadowYearEnd, claimed(nz1));
    }

    /**
     * NZ1's part: its clinician clusters two of the trust's people (found in the trust's events),
     * 15N and NZ1 agree contract 15N-NZ1 paid on claims, at the trust's tariff prices, and NZ1 sends
     * its claims for the month those episodes start.
     */
    private Independent independent(List<TrustEvent> events, String fy, LocalDate yearStart, List<Map<String, Object>> prices)
            throws IOException, InterruptedException {
        Map<String, TrustEvent.PatientRegistered> people = new LinkedHashMap<>();
        Map<String, String> commissionerOf = new LinkedHashMap<>();
        TrustEvent.Assessed shared = null;
        TrustEvent.Assessed other = null;
        for (TrustEvent event : events) {
            if (event instanceof TrustEvent.PatientRegistered p) {
                people.put(p.localId(), p);
            } else if (event instanceof TrustEvent.SpellOpened spell) {
                commissionerOf.put(spell.spellKey(), spell.commissionerCode());
            } else if (event instanceof TrustEvent.Assessed a && a.allocation() != TrustEvent.Allocation.NONE
                    && !a.date().isBefore(yearStart.plusMonths(1)) && a.date().isBefore(yearStart.plusMonths(9))) {
                // The first person clustered for 15N in the year shares their care with NZ1; the next is NZ1's for 14L.
                if (shared == null && COMMISSIONER.equals(commissionerOf.get(a.spellKey()))) {
                    shared = a;
                } else if (shared != null && other == null && !a.localId().equals(shared.localId())) {
                    other = a;
                }
            }
        }
        if (shared == null || other == null) {
            throw new IOException("the demo trust has no one clustered in the year to share with " + INDEPENDENT);
        }
        LocalDate on = shared.date().plusDays(7);
        List<TrustEvent> nz1 = new ArrayList<>();
        String[][] who = { { shared.localId(), INDEPENDENT + "-000001", COMMISSIONER }, { other.localId(), INDEPENDENT + "-000002", "14L" } };
        TrustEvent.Assessed[] ratings = { shared, other };
        for (int i = 0; i < 2; i++) {
            TrustEvent.PatientRegistered person = people.get(who[i][0]);
            String localId = who[i][1];
            nz1.add(new TrustEvent.PatientRegistered(on, localId, person.nhsNumber(), person.dateOfBirth()));
            nz1.add(new TrustEvent.SpellOpened(on, localId, localId + "/1", who[i][2], "GP"));
            nz1.add(new TrustEvent.Assessed(on, localId, localId + "/1", "INITIAL", ratings[i].ratings(),
                    ratings[i].item8Type(), INDEPENDENT + "-COMMUNITY", INDEPENDENT + "-R1", ratings[i].intendedCode(),
                    TrustEvent.Allocation.FOLLOW_SUGGESTION, null, null));
        }
        ClusteringLoader loader = new ClusteringLoader(clustering, () -> tokens.apply(INDEPENDENT_CLINICIAN));
        loader.load(nz1);

        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("reference", COMMISSIONER + "-" + INDEPENDENT);
        draft.put("commissionerCode", COMMISSIONER);
        draft.put("providerCode", INDEPENDENT);
        draft.put("financialYear", fy);
        draft.put("scheme", "mh-care-clusters");
        draft.put("schemeVersions", List.of("2012-illustrative-1", "2012-illustrative-2"));
        draft.put("terms", Map.of("shadow", false,
                "activity", Map.of("unit", "CLUSTER_EPISODE", "priceSource", "LOCAL", "localPrices", prices, "mode", "ALL_UNITS"),
                "validation", Map.of("unitsFrom", "CLAIMS")));
        draft.put("reason", "An independent provider invoicing 15N on claims, at the trust's tariff prices");
        String id = agreed(draft, INDEPENDENT_FINANCE);

        // Both people claimed from 15N for a month from the day NZ1 clustered them.
        StringBuilder claims = new StringBuilder("person,code,start_date,end_date\n");
        for (String[] person : who) {
            claims.append(person[1]).append(',').append(loader.allocatedCodes().get(person[1])).append(',').append(on)
                    .append(',').append(on.plusDays(29)).append('\n');
        }
        int month = (int) java.time.temporal.ChronoUnit.MONTHS.between(java.time.YearMonth.from(yearStart),
                java.time.YearMonth.from(on)) + 1;
        send(contract, "PUT", "/v1/contracts/" + id + "/claims/" + month, INDEPENDENT_FINANCE, null, claims.toString(),
                "text/csv; charset=UTF-8");
        return new Independent(id, month, who.length);
    }

    /** NZ1's statements, issued in order up to the month it claimed. */
    private Claimed claimed(Independent nz1) throws IOException, InterruptedException {
        String statements = "/v1/contracts/" + nz1.id() + "/statements";
        JsonNode issued = null;
        for (int month = 1; month <= nz1.month(); month++) {
            Response draftStatement = send(contract, "POST", statements, COMMISSIONER_USER, null, "{\"month\": " + month + "}");
            issued = send(contract, "POST", statements + "/" + month + "/issue", COMMISSIONER_USER, draftStatement.etag(),
                    null).body();
        }
        JsonNode units = issued.path("units");
        List<String> rules = new ArrayList<>();
        units.path("byRule").properties().forEach(r -> rules.add(r.getKey() + " " + r.getValue().asLong()));
        return new Claimed(COMMISSIONER + "-" + INDEPENDENT, nz1.month(), nz1.claims(), issued.path("total").decimalValue(),
                units.path("payable").asLong(), units.path("queried").asLong(), units.path("rejected").asLong(),
                String.join(", ", rules));
    }

    /** Drafts the contract as 15N's contract manager, offers it, and has the provider's finance countersign: its id. */
    private String agreed(Map<String, Object> draft, String financeUser) throws IOException, InterruptedException {
        String id = send(contract, "POST", "/v1/contracts", COMMISSIONER_USER, null, json.writeValueAsString(draft))
                .body().path("contractId").asText();
        String version = "/v1/contracts/" + id + "/versions/1";
        send(contract, "POST", version + "/offer", COMMISSIONER_USER, get(contract, version, COMMISSIONER_USER).etag(), "{}");
        send(contract, "POST", version + "/agreement", financeUser, get(contract, version, financeUser).etag(), "{}");
        return id;
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
        return send(service, method, path, user, ifMatch, body, "application/json");
    }

    private Response send(URI service, String method, String path, String user, String ifMatch, String body,
            String contentType) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send("port " + service.getPort(), service.resolve(path), method,
                tokens.apply(user), ifMatch, body, contentType);
        return new Response(response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()),
                response.headers().firstValue("ETag").orElse(null));
    }
}
