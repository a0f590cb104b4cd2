package org.openpbr.costing.period;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.costing.period.rule.KeyHashes;
import org.openpbr.platform.csv.CsvFaults;
import org.openpbr.platform.csv.CsvFile;
import org.openpbr.platform.csv.CsvRows;
import org.openpbr.costing.centre.CostCentre;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.ProblemException;
import org.postgresql.copy.CopyIn;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Loads activity files: the body is checked row by row as it arrives while its rows stream into
 * PostgreSQL with COPY (and into a kept, hashed copy), and is committed only if every row is sound,
 * no key repeats and it is not a file already loaded. A refused file is read again from the kept
 * copy to name every duplicate, and nothing of it stays.
 */
@ApplicationScoped
public class UploadService {

    /** Generous: a trust-year of contacts loads in seconds, ten years' worth still inside this. */
    static final int LOAD_TIMEOUT_SECONDS = 1800;

    private static final int KEY_BUFFER = 1 << 18;

    @Inject
    StatisticsRefresh statistics;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PeriodService periods;

    @Inject
    AuditTrail audit;

    /** An accepted upload, or the one already in force when the same file came again. */
    public record Accepted(Upload upload, boolean replayed) {
    }

    /** Why a file was refused: its faults so far, and whether PostgreSQL found repeated keys. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CsvFaults faults;

        Refused(CsvFaults faults) {
            super(null, null, false, false);
            this.faults = faults;
        }
    }

    public Accepted loadActivity(Caller caller, String periodCode, ActivityKind kind, InputStream body, Charset charset,
            String fileName) {
        String provider = caller.requireProviderOrg();
        try (SpooledFile file = SpooledFile.reading(body, charset)) {
            try {
                Accepted accepted = QuarkusTransaction.requiringNew().timeout(LOAD_TIMEOUT_SECONDS)
                        .call(() -> copyIn(caller, provider, periodCode, kind, file, fileName));
                // committed: the first run after this load should be planned on its rows
                statistics.afterLoad(kind);
                return accepted;
            } catch (Refused refused) {
                Upload loaded = QuarkusTransaction.requiringNew().call(() -> Upload.find("providerCode = ?1"
                        + " and periodId = ?2 and kind = ?3 and sha256 = ?4 and withdrawnAt is null", provider,
                        periods.require(provider, periodCode).id, kind.name(), file.sha256()).firstResult());
                if (loaded != null) {
                    return new Accepted(loaded, true);
                }
                // Throwing the problem from inside the transaction rolls back the diagnosis's scratch table too.
                QuarkusTransaction.requiringNew().timeout(LOAD_TIMEOUT_SECONDS).run(() -> {
                    findDuplicates(provider, periodCode, kind, file, refused.faults);
                    throw refused.faults.problem(kind.path());
                });
                throw new IllegalStateException("unreachable: the refused file's problem is thrown above");
            }
        }
    }

    /** Keys a file may have for its repeats to be looked for in memory first (about 16 bytes each). */
    static final int KEYS_COMPARED_IN_MEMORY = 4_000_000;

    private Accepted copyIn(Caller caller, String provider, String periodCode, ActivityKind kind, SpooledFile file,
            String fileName) throws SQLException, IOException {
        long started = System.nanoTime();
        CostingPeriod period = periods.require(provider, periodCode);
        Map<String, CostCentre> centres = new HashMap<>();
        CostCentre.<CostCentre>list("providerCode", provider).forEach(c -> centres.put(c.code, c));
        try (Connection c = dataSource.getConnection()) {
            // One load at a time per period and kind, so that the duplicate check below sees every other load.
            LoadQueries.lock(c, "activity-load:" + period.id + ":" + kind.name());
            return copyIn(c, caller, provider, period, kind, file, fileName, centres, started);
        }
    }

    private Accepted copyIn(Connection c, Caller caller, String provider, CostingPeriod period, ActivityKind kind,
            SpooledFile file, String fileName, Map<String, CostCentre> centres, long started)
            throws SQLException, IOException {
        // The file's hash is known once it has been read, so it is recorded at the end.
        long uploadId = LoadQueries.insertUpload(c, provider, period.id, kind.name(), "reading-" + UUID.randomUUID(),
                fileName, caller.username().orElse(caller.subject()));

        CsvFaults faults = new CsvFaults();
        ActivityKind.Context context = new ActivityKind.Context(period.startDate, period.endDate, centres, faults,
                new ActivityKind.LatestDay());
        CopyIn copy = LoadQueries.copyActivity(c, kind);
        long rows;
        String sha256;
        KeyHashes keys = new KeyHashes(KEYS_COMPARED_IN_MEMORY);
        try {
            rows = copyRows(new BinaryCopy(copy, period.id, uploadId), file, kind, context, keys);
            sha256 = file.sha256();
            if (rows == 0 && faults.isEmpty()) {
                faults.add(2, null, "the file has a header but no rows");
            }
            if (!faults.isEmpty()) {
                throw new Refused(faults);
            }
            copy.endCopy();
        } finally {
            // The connection serves nothing else while it copies, not even the rollback.
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        // A file already loaded repeats its own keys, so it is refused here and recognised by the caller.
        // PostgreSQL compares every key of the period only when this file's keys may repeat among
        // themselves (two equal hashes, or too many to hold) or the period has other files of the kind.
        if ((keys.mayRepeat() || LoadQueries.othersInForce(c, period.id, kind, uploadId))
                && LoadQueries.repeatsKeys(c, period.id, kind)) {
            throw new Refused(faults);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LoadQueries.finishUpload(c, uploadId, sha256, rows, millis, context.latest().day());
        Upload upload = Upload.findById(uploadId);
        audit.record(caller, "activity.loaded", "upload", Long.toString(uploadId), null,
                Map.of("period", period.code, "kind", kind.name(), "rows", rows, "sha256", sha256));
        return new Accepted(upload, false);
    }

    /** Checks the arriving rows and writes the sound ones to COPY; returns how many it wrote. */
    private static long copyRows(BinaryCopy out, SpooledFile file, ActivityKind kind, ActivityKind.Context context,
            KeyHashes keys) throws SQLException {
        CsvFaults faults = context.faults();
        long rows = 0;
        try (Reader reader = file.arriving(); CsvFile csv = CsvFile.open(reader, kind.columns(), List.of(), faults)) {
            if (!faults.isEmpty()) {
                return 0;
            }
            // Every row is checked, so that a refusal lists every fault; the COPY is cancelled if any.
            for (CsvFile.Row row = csv.next(faults); row != null; row = csv.next(faults)) {
                if (kind.append(csv, row, context, out)) {
                    rows++;
                    keys.add(kind.storedKey(csv, row));
                }
            }
            if (faults.isEmpty()) {
                out.finish();
            }
        } catch (CharacterCodingException e) {
            faults.add(1, null, file.notText());
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException) {
                throw (ProblemException) e;
            }
            faults.add(1, null, "is not readable as CSV: " + CsvRows.firstLine(e.getMessage()));
        }
        return rows;
    }

    /**
     * Adds every repeated key to the faults: within the file, and against what the period already
     * holds. Reads the file's keys into a temporary table and lets PostgreSQL compare; leaves nothing.
     */
    private void findDuplicates(String provider, String periodCode, ActivityKind kind, SpooledFile file,
            CsvFaults faults) {
        try {
            CostingPeriod period = periods.require(provider, periodCode);
            try (Connection c = dataSource.getConnection()) {
                compareKeys(c, period, kind, file, faults);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the refused file for duplicates", e);
        }
    }

    private static void compareKeys(Connection c, CostingPeriod period, ActivityKind kind, SpooledFile file,
            CsvFaults faults) throws SQLException {
        CopyIn copy = LoadQueries.copyKeys(c);
        CsvFaults ignored = new CsvFaults();
        try (Reader reader = file.reader(); CsvFile csv = CsvFile.open(reader, kind.columns(), List.of(), ignored)) {
            if (!ignored.isEmpty()) {
                copy.cancelCopy();
                return;
            }
            StringBuilder out = new StringBuilder();
            for (CsvFile.Row row = csv.next(ignored); row != null; row = csv.next(ignored)) {
                String key = kind.key(csv, row);
                if (!key.isEmpty()) {
                    out.append(row.line()).append('\t').append(escape(key)).append('\n');
                }
                if (out.length() > KEY_BUFFER) {
                    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    out.setLength(0);
                }
            }
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } catch (IOException | RuntimeException e) {
            // the loading pass has already reported why the file cannot be read
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            return;
        }
        for (LoadQueries.Repeat repeat : LoadQueries.repeatedInFile(c)) {
            faults.add(repeat.line(), kind.columns().get(0), kind.duplicateMessage(repeat.key())
                    + ": it repeats line " + repeat.first());
        }
        for (LoadQueries.Loaded loaded : LoadQueries.alreadyLoaded(c, period.id, kind)) {
            faults.add(loaded.line(), kind.columns().get(0), kind.duplicateMessage(loaded.key())
                    + ": already loaded by upload " + loaded.uploadId()
                    + (loaded.fileName() == null ? "" : " (" + loaded.fileName() + ")"));
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Withdraws an activity upload: its rows go, its record stays (runs keep what they costed). */
    public Upload withdraw(Caller caller, String periodCode, long uploadId) {
        String provider = caller.requireProviderOrg();
        return QuarkusTransaction.requiringNew().timeout(LOAD_TIMEOUT_SECONDS).call(() -> {
            CostingPeriod period = periods.require(provider, periodCode);
            Upload upload = Upload.find("id = ?1 and providerCode = ?2 and periodId = ?3", uploadId, provider, period.id)
                    .firstResult();
            if (upload == null) {
                throw ProblemException.notFound("Upload " + uploadId + " of period " + periodCode);
            }
            if (upload.withdrawnAt != null) {
                return upload;
            }
            if ("LEDGER".equals(upload.kind)) {
                throw ProblemException.conflict("A ledger is replaced by loading a new ledger file, not withdrawn");
            }
            ActivityKind kind = ActivityKind.valueOf(upload.kind);
            try (Connection c = dataSource.getConnection()) {
                LoadQueries.deleteUploadRows(c, kind, period.id, uploadId);
            }
            upload.withdrawnAt = java.time.Instant.now();
            upload.withdrawnBy = caller.username().orElse(caller.subject());
            audit.record(caller, "activity.withdrawn", "upload", Long.toString(uploadId), null,
                    Map.of("period", periodCode, "kind", upload.kind, "rows", upload.rowCount));
            return upload;
        });
    }
}
