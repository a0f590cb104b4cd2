package org.openpbr.costing.period;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The bulk loads' SQL, run on one JDBC connection of the load's transaction: streamed COPY for
 * activity, batched inserts for a ledger, and the set-based checks for repeated keys. Table and
 * column names come from {@link ActivityKind}, never from a request.
 */
public final class LoadQueries {

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    private static final String INSERT_UPLOAD = """
            insert into upload (provider_code, period_id, kind, sha256, file_name, row_count, loaded_by, load_millis)
            values (?, ?, ?, ?, ?, 0, ?, 0) returning id""";

    private static final String FINISH_UPLOAD = "update upload set sha256 = ?, row_count = ?, load_millis = ?,"
            + " latest_date = ? where id = ?";

    private static final String COUNT_UPLOAD = "update upload set row_count = ?, load_millis = ? where id = ?";

    private static final String DELETE_LEDGER = "delete from ledger_line where period_id = ?";

    private static final String INSERT_LEDGER_LINE = """
            insert into ledger_line (period_id, upload_id, line_no, cost_centre_id, expense_type, amount, social_care)
            values (?, ?, ?, ?, ?, ?, ?)""";

    /** Counting distinct keys sorts them once; grouping to find the repeats took twice as long. */
    private static final String REPEATS_KEYS = "select count(*) > count(distinct (%s)) from %s where period_id = ?";

    private static final String OTHERS_IN_FORCE = """
            select exists (select 1 from upload where period_id = ? and kind = ? and withdrawn_at is null and id <> ?)""";

    private static final String KEY_TABLE = "create temp table upload_key (line integer, key text) on commit drop";

    private static final String REPEATED_IN_FILE = """
            select line, key, first
              from (select line, key, min(line) over (partition by key) as first from upload_key) k
             where line > first order by line""";

    private static final String ALREADY_LOADED = """
            select k.line, k.key, u.id, u.file_name
              from upload_key k
              join %s t on t.period_id = ? and %s = k.key
              join upload u on u.id = t.upload_id
             order by k.line""";

    private static final String DELETE_UPLOAD_ROWS = "delete from %s where period_id = ? and upload_id = ?";

    /** One ledger line as loaded. */
    record LedgerLine(int line, int centreId, String expenseType, BigDecimal amount, boolean socialCare) {
    }

    /** A key the file repeats: the line that repeats it and the first line that had it. */
    record Repeat(int line, String key, int first) {
    }

    /** A key of the file that an earlier upload of the period already holds. */
    record Loaded(int line, String key, long uploadId, String fileName) {
    }

    private LoadQueries() {
    }

    /** One load at a time for the key, until the transaction ends. */
    static void lock(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setString(1, key);
            s.execute();
        }
    }

    static long insertUpload(Connection c, String provider, Long periodId, String kind, String sha, String fileName,
            String by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_UPLOAD)) {
            s.setString(1, provider);
            s.setObject(2, periodId);
            s.setString(3, kind);
            s.setString(4, sha);
            s.setString(5, fileName);
            s.setString(6, by);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong("id");
            }
        }
    }

    /**
     * The columns a costing run's plan depends on, by the table it joins; null for a full analysis
     * (episodes also arrive from clustering's feed, and only a full analysis resets PostgreSQL's
     * count of changes that says so).
     */
    private static final Map<String, String> PLANNED_COLUMNS = Map.of("care_contact", "period_id, patient_id",
            "bed_day", "period_id, patient_id", "group_session", "period_id", "cluster_episode", "");

    /** The ANALYZE of a table a costing run joins, on the columns its plan depends on. */
    public static String statisticsSql(String table) {
        return "analyze " + plannedColumns(table);
    }

    /** VACUUM and ANALYZE of such a table: outside a transaction only. */
    static String maintenanceSql(String table) {
        return "vacuum (analyze) " + plannedColumns(table);
    }

    /** The table and, in brackets, the columns a run's plan depends on (none: all of them). */
    private static String plannedColumns(String table) {
        String columns = PLANNED_COLUMNS.get(table);
        if (columns == null) {
            throw new IllegalArgumentException("a costing run does not join " + table);
        }
        // names and columns from the constant above, never from a caller
        return table + (columns.isEmpty() ? "" : " (" + columns + ")");
    }

    /**
     * After a load has committed, outside any transaction: VACUUM the table, which marks the new
     * rows' pages all-visible and sets their hint bits, so the first run that reads them does not
     * write every page it reads; and ANALYZE it for the statistics a costing run's plan depends on.
     */
    static void refreshStatistics(Connection c, ActivityKind kind) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(maintenanceSql(kind.table()));
        }
    }

    /** The statistics a costing run's plan depends on, for the cluster episodes. */
    static void refreshEpisodeStatistics(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(statisticsSql("cluster_episode"));
        }
    }

    static void finishUpload(Connection c, long uploadId, String sha, long rows, long millis, java.time.LocalDate latest)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FINISH_UPLOAD)) {
            s.setString(1, sha);
            s.setLong(2, rows);
            s.setLong(3, millis);
            s.setObject(4, latest);
            s.setLong(5, uploadId);
            s.executeUpdate();
        }
    }

    static void countUpload(Connection c, long uploadId, long rows, long millis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNT_UPLOAD)) {
            s.setLong(1, rows);
            s.setLong(2, millis);
            s.setLong(3, uploadId);
            s.executeUpdate();
        }
    }

    static void deleteLedger(Connection c, long periodId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_LEDGER)) {
            s.setLong(1, periodId);
            s.executeUpdate();
        }
    }

    static void insertLedger(Connection c, long periodId, long uploadId, List<LedgerLine> lines) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_LEDGER_LINE)) {
            int batch = 0;
            for (LedgerLine line : lines) {
                s.setLong(1, periodId);
                s.setLong(2, uploadId);
                s.setInt(3, line.line());
                s.setInt(4, line.centreId());
                s.setString(5, line.expenseType());
                s.setBigDecimal(6, line.amount());
                s.setBoolean(7, line.socialCare());
                s.addBatch();
                if (++batch % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** A binary COPY into the kind's table (period and upload first, then the kind's columns). */
    static CopyIn copyActivity(Connection c, ActivityKind kind) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn(kind.copySql());
    }

    /**
     * Whether any key of the period now appears twice: a file repeats one, or repeats one already
     * loaded. One set-based pass after COPY costs less than a unique index maintained row by row.
     */
    /** Whether the period holds files of the kind in force other than this upload. */
    static boolean othersInForce(Connection c, long periodId, ActivityKind kind, long uploadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OTHERS_IN_FORCE)) {
            s.setLong(1, periodId);
            s.setString(2, kind.name());
            s.setLong(3, uploadId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    static boolean repeatsKeys(Connection c, long periodId, ActivityKind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REPEATS_KEYS.formatted(kind.keyColumns(), kind.table()))) {
            s.setLong(1, periodId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** A text COPY into a scratch table of (line, key) that the transaction's end drops. */
    static CopyIn copyKeys(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(KEY_TABLE)) {
            s.execute();
        }
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy upload_key from stdin");
    }

    static List<Repeat> repeatedInFile(Connection c) throws SQLException {
        List<Repeat> repeats = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(REPEATED_IN_FILE); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                repeats.add(new Repeat(r.getInt("line"), r.getString("key"), r.getInt("first")));
            }
        }
        return repeats;
    }

    static List<Loaded> alreadyLoaded(Connection c, long periodId, ActivityKind kind) throws SQLException {
        List<Loaded> loaded = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(ALREADY_LOADED.formatted(kind.table(), kind.keyExpression()))) {
            s.setLong(1, periodId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    loaded.add(new Loaded(r.getInt("line"), r.getString("key"), r.getLong("id"),
                            r.getString("file_name")));
                }
            }
        }
        return loaded;
    }

    static void deleteUploadRows(Connection c, ActivityKind kind, long periodId, long uploadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_UPLOAD_ROWS.formatted(kind.table()))) {
            s.setLong(1, periodId);
            s.setLong(2, uploadId);
            s.executeUpdate();
        }
    }
}
