package org.openpbr.local;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.openpbr.synthetic.SyntheticCosting;
import org.openpbr.synthetic.TrustEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo trust's last complete financial year, costed: cost centres, a ledger and activity
 * consistent with the people and episodes just loaded into clustering-service, loaded into
 * costing-service through its API as the trust's finance user; then the episodes are pulled from
 * clustering-service's feed and the year is costed once, so every costing view has a run to show.
 */
final class DemoCosting {

    /** What was loaded and the run made of it. */
    record Summary(String period, long contacts, long bedDays, long groupSessions, long costedRows, String runId,
            String costedTotal, String allocated, String notClustered, String unallocated, String roundingResidual) {

        /**
         * The files count group sessions, the run counts what it costs: one row per contact and per
         * bed day, and one per person attending each session. Both are named, so they are not taken
         * for one figure that disagrees with itself.
         */
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "period %s: loaded %,d contacts, %,d bed days and %,d group"
                    + " sessions; run %s costed %,d activity rows (contacts, bed days and group-session attendances):"
                    + " costed %s = allocated %s + not clustered %s + unallocated %s + rounding residual %s", period,
                    contacts, bedDays, groupSessions, runId, costedRows, costedTotal, allocated, notClustered,
                    unallocated, roundingResidual);
        }
    }

    private final URI costing;
    private final Supplier<String> financeToken;
    private final DemoHttp http = new DemoHttp();
    private final ObjectMapper json = moneyReader();

    DemoCosting(URI costing, Supplier<String> financeToken) {
        this.costing = costing;
        this.financeToken = financeToken;
    }

    /** The financial year (1 April to 31 March) that ended most recently before {@code today}. */
    static LocalDate[] lastFinancialYear(LocalDate today) {
        LocalDate end = LocalDate.of(today.getYear(), Month.MARCH, 31);
        if (!end.isBefore(today)) {
            end = end.minusYears(1);
        }
        return new LocalDate[] { end.minusYears(1).plusDays(1), end };
    }

    Summary load(List<TrustEvent> events, Map<String, Period> reviewPeriods, String provider, LocalDate today)
            throws IOException, InterruptedException {
        LocalDate[] year = lastFinancialYear(today);
        String period = "FY" + year[0].getYear() + "-" + String.valueOf(year[1].getYear()).substring(2);
        List<SyntheticCosting.Episode> episodes = SyntheticCosting.episodes(events, reviewPeriods, provider);
        StringWriter centres = new StringWriter();
        StringWriter ledger = new StringWriter();
        StringWriter contacts = new StringWriter();
        StringWriter bedDays = new StringWriter();
        StringWriter sessions = new StringWriter();
        // the trust's episodes reach costing-service from clustering-service's feed, not from a file;
        // one ward: a few hundred people fill only about a hundred bed nights a year, and a ward
        // that is mostly empty costs its staff over few nights (over £600 a night in a trial with three)
        SyntheticCosting.Counts counts = SyntheticCosting.write(new SyntheticCosting.Spec(11, year[0], year[1], 1, 3, 1.0),
                episodes, new SyntheticCosting.Files(centres, ledger, contacts, bedDays, sessions, new StringWriter()));

        send("PUT", "/v1/cost-centres", "text/csv; charset=UTF-8", centres.toString());
        send("POST", "/v1/periods", "application/json", json.writeValueAsString(Map.of("code", period,
                "startDate", year[0].toString(), "endDate", year[1].toString())));
        send("PUT", "/v1/periods/" + period + "/ledger", "text/csv; charset=UTF-8", ledger.toString());
        send("POST", "/v1/periods/" + period + "/activity/contacts", "text/csv; charset=UTF-8", contacts.toString());
        if (counts.bedDays() > 0) {
            send("POST", "/v1/periods/" + period + "/activity/bed-days", "text/csv; charset=UTF-8", bedDays.toString());
        }
        if (counts.groupSessions() > 0) {
            send("POST", "/v1/periods/" + period + "/activity/group-sessions", "text/csv; charset=UTF-8",
                    sessions.toString());
        }
        send("POST", "/v1/episodes/sync", null, null);
        JsonNode run = send("POST", "/v1/runs", "application/json", json.writeValueAsString(Map.of("period", period)));
        JsonNode reconciliation = run.path("reconciliation");
        return new Summary(period, counts.contacts(), counts.bedDays(), counts.groupSessions(),
                run.path("activityRows").asLong(), run.path("id").asText(),
                reconciliation.path("costedTotal").asText(), reconciliation.path("allocated").asText(),
                reconciliation.path("notClustered").asText(), reconciliation.path("unallocated").asText(),
                reconciliation.path("roundingResidual").asText());
    }

    /** Reads money as the decimals it was written as: 0.00 stays 0.00, not a double's 0.0. */
    static ObjectMapper moneyReader() {
        return new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    private JsonNode send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send("costing-service", costing.resolve(path), method, financeToken.get(),
                null, body, contentType);
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }
}
