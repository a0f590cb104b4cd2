package org.openpbr.costing.episode;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.platform.validation.OdsCode;
import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvRows;
import org.openpbr.platform.hash.Sha256;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.disclosure.Pseudonyms;
import org.openpbr.platform.nhs.NhsNumber;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.ProblemException;

/**
 * Cluster episodes uploaded by a provider that clusters outside OpenPbR. Each file adds or updates
 * episodes by the provider's episode id; a person's episodes may not overlap.
 */
@ApplicationScoped
public class EpisodeService {

    public static final List<String> COLUMNS = List.of("episode_id", "patient_id", "code", "start_date", "end_date",
            "review_due", "commissioner_code", "team");
    /** Read only to make the person's pseudonym (the same as clustering's, across providers); never stored. */
    public static final List<String> OPTIONAL_COLUMNS = List.of("nhs_number");

    @Inject
    org.openpbr.costing.period.StatisticsRefresh statistics;

    @Inject
    EpisodeQueries queries;

    @Inject
    AuditTrail audit;

    @Inject
    Pseudonyms pseudonyms;

    public record Outcome(long uploadId, int created, int updated, int unchanged, boolean replayed) {
    }

    record Line(int line, String ref, String patient, String code, LocalDate start, LocalDate end, LocalDate reviewDue,
            String commissioner, String team, String pseudonym) {

        LocalDate last() {
            return end == null ? LocalDate.MAX : end;
        }
    }

    @Transactional
    public Outcome upload(Caller caller, String csv, String fileName) {
        String provider = caller.requireProviderOrg();
        if (queries.hasSource(provider, "FEED")) {
            throw ProblemException.conflict("Your episodes come from clustering-service's feed; an uploaded file"
                    + " would compete with them. Upload episodes only if you cluster outside OpenPbR.");
        }
        String sha = Sha256.hex(csv);
        Optional<Long> earlier = queries.sameUpload(provider, sha);
        if (earlier.isPresent()) {
            return new Outcome(earlier.get(), 0, 0, 0, true);
        }
        CsvFaults faults = new CsvFaults();
        List<Line> rows = read(csv, provider, faults);
        if (faults.isEmpty() && rows.isEmpty()) {
            faults.add(2, null, "the file has a header but no episodes");
        }
        if (faults.isEmpty()) {
            checkOverlaps(provider, rows, faults);
        }
        if (!faults.isEmpty()) {
            throw faults.problem("episodes");
        }
        long uploadId = queries.insertUpload(provider, sha, fileName, rows.size(),
                caller.username().orElse(caller.subject()));
        List<Boolean> result = queries.upsertUploaded(provider, uploadId, new EpisodeQueries.Columns(
                array(rows, Line::ref), array(rows, Line::patient), array(rows, Line::code), array(rows, Line::start),
                array(rows, Line::end), array(rows, Line::reviewDue), array(rows, Line::commissioner),
                array(rows, Line::team), array(rows, Line::pseudonym)));
        int created = (int) result.stream().filter(Boolean.TRUE::equals).count();
        int updated = result.size() - created;
        int unchanged = rows.size() - result.size();
        audit.record(caller, "episodes.loaded", "upload", Long.toString(uploadId), null,
                Map.of("created", created, "updated", updated, "unchanged", unchanged, "sha256", sha));
        statistics.afterEpisodesChange(created + updated);
        return new Outcome(uploadId, created, updated, unchanged, false);
    }

    private List<Line> read(String csv, String provider, CsvFaults faults) {
        List<Line> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try {
            CsvRows.read(new StringReader(csv), COLUMNS, OPTIONAL_COLUMNS, faults, (line, value) -> {
                String ref = value.apply("episode_id");
                String patient = value.apply("patient_id");
                String code = value.apply("code");
                String commissioner = value.apply("commissioner_code");
                String team = value.apply("team");
                int before = (int) faults.count();
                for (String column : List.of("episode_id", "patient_id", "team")) {
                    String text = value.apply(column);
                    if (!CsvRows.identifier(text)) {
                        faults.add(line, column, text.isEmpty() ? "is required" : CsvRows.IDENTIFIER_RULE);
                    }
                }
                if (!code.matches("[0-9A-Za-z]{1,10}")) {
                    faults.add(line, "code", code.isEmpty() ? "is required" : "must be 1-10 letters or digits, e.g. 04");
                }
                if (!OdsCode.PATTERN.matcher(commissioner).matches()) {
                    faults.add(line, "commissioner_code", commissioner.isEmpty() ? "is required"
                            : OdsCode.RULE);
                }
                LocalDate start = date(value.apply("start_date"), line, "start_date", true, faults);
                LocalDate end = date(value.apply("end_date"), line, "end_date", false, faults);
                LocalDate due = date(value.apply("review_due"), line, "review_due", true, faults);
                if (start != null && end != null && end.isBefore(start)) {
                    faults.add(line, "end_date", "is before start_date");
                }
                if (start != null && due != null && !due.isAfter(start)) {
                    faults.add(line, "review_due", "must be after start_date");
                }
                if (!ref.isEmpty()) {
                    Integer first = firstLine.putIfAbsent(ref, line);
                    if (first != null) {
                        faults.add(line, "episode_id", "repeats line " + first);
                    }
                }
                String nhsNumber = value.apply("nhs_number");
                if (!nhsNumber.isEmpty() && !NhsNumber.isValid(nhsNumber)) {
                    faults.add(line, "nhs_number", "must be a valid NHS number (ten digits, modulus 11), or empty");
                }
                if (faults.count() == before) {
                    rows.add(new Line(line, ref, patient, code, start, end, due, commissioner, team,
                            pseudonyms.of(commissioner, Optional.of(nhsNumber).filter(n -> !n.isEmpty()), provider, patient)));
                }
            });
        } catch (IOException e) {
            faults.add(1, null, "is not readable as CSV");
        }
        return rows;
    }

    private static LocalDate date(String text, int line, String column, boolean required, CsvFaults faults) {
        if (text.isEmpty()) {
            if (required) {
                faults.add(line, column, "is required");
            }
            return null;
        }
        LocalDate date = CsvRows.date(text);
        if (date == null) {
            faults.add(line, column, "must be a date as YYYY-MM-DD, from 1900 to 2100");
        }
        return date;
    }

    /**
     * A PostgreSQL array literal of one column. Identifiers, codes and dates never hold quotes,
     * commas or backslashes (the file's rules refuse them), so each element is simply quoted.
     */
    private static String array(List<Line> rows, java.util.function.Function<Line, Object> column) {
        StringBuilder text = new StringBuilder(rows.size() * 16).append('{');
        for (Line row : rows) {
            Object value = column.apply(row);
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(value == null ? "NULL" : "\"" + value + "\"");
        }
        return text.append('}').toString();
    }

    /** A person's episodes with this provider (the file's, and the stored ones the file does not replace) must not overlap. */
    private void checkOverlaps(String provider, List<Line> rows, CsvFaults faults) {
        Map<String, List<Line>> byPatient = new HashMap<>();
        Map<String, Line> fileRefs = new HashMap<>();
        for (Line row : rows) {
            byPatient.computeIfAbsent(row.patient(), k -> new ArrayList<>()).add(row);
            fileRefs.put(row.ref(), row);
        }
        for (EpisodeQueries.Stored stored : queries.storedOf(provider, array(rows, Line::patient))) {
            if (!fileRefs.containsKey(stored.ref())) {
                byPatient.get(stored.patientId()).add(new Line(0, stored.ref(), stored.patientId(), null,
                        stored.start(), stored.end(), null, null, null, null));
            }
        }
        for (List<Line> episodes : byPatient.values()) {
            episodes.sort(Comparator.comparing(Line::start));
            for (int i = 1; i < episodes.size(); i++) {
                Line before = episodes.get(i - 1);
                Line after = episodes.get(i);
                if (!after.start().isAfter(before.last())) {
                    Line reported = after.line() > 0 ? after : before;
                    Line other = reported == after ? before : after;
                    faults.add(reported.line(), "start_date", "episode " + reported.ref() + " overlaps episode "
                            + other.ref() + (other.line() > 0 ? " (line " + other.line() + ")" : " (already loaded)")
                            + ": a person is in one cluster at a time with a provider");
                }
            }
        }
    }

    /** How many of the provider's episodes came from clustering-service's feed. */
    public long feedEpisodes(String provider) {
        return queries.feedEpisodes(provider);
    }

    /** One page of the provider's episodes (optionally one person's), in the order they reached costing. */
    public EpisodeViews.ViewPage list(String provider, String patientId, PageRequest request, UriInfo uri) {
        List<Row> rows = queries.page(provider, patientId, request.afterSequence(), request.fetchSize());
        Page<Row> page = Page.of(rows, request, r -> r.whole("id"), uri);
        return new EpisodeViews.ViewPage(page.items().stream().map(r -> new EpisodeViews.View(r.text("ref"),
                r.text("source"), r.text("patient_id"), r.text("code"), r.date("start_date"), r.date("end_date"),
                r.date("review_due"), r.text("commissioner_code"), r.text("team"))).toList(), page.next());
    }
}
