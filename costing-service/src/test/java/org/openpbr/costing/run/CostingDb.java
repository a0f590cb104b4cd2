package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.openpbr.testing.EmbeddedPostgresTestResource;

/**
 * The costing schema on a real PostgreSQL, below Quarkus: for testing the costing method with
 * plain JDBC. Each test works in one transaction and rolls it back.
 */
final class CostingDb {

    private static String url;

    private final Connection c;
    private final String provider;

    private CostingDb(Connection c, String provider) {
        this.c = c;
        this.provider = provider;
    }

    /** A connection in a fresh transaction on the migrated schema, acting for {@code provider}. */
    static synchronized CostingDb open(String provider) throws SQLException {
        if (url == null) {
            url = EmbeddedPostgresTestResource.newDatabase("costing_method");
            Flyway.configure().dataSource(url, "postgres", "postgres").locations("db/platform", "db/migration")
                    .load().migrate();
        }
        Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        c.setAutoCommit(false);
        return new CostingDb(c, provider);
    }

    Connection connection() {
        return c;
    }

    void rollbackAndClose() throws SQLException {
        c.rollback();
        c.close();
    }

    CostingMethodV1.Period period(String code, LocalDate start, LocalDate end) throws SQLException {
        long id = insertReturningId("insert into costing_period (provider_code, code, start_date, end_date, created_by)"
                + " values (?, ?, ?, ?, 'test') returning id", provider, code, start, end);
        return new CostingMethodV1.Period(id, provider, code, start, end);
    }

    int centre(String code, String type) throws SQLException {
        return (int) insertReturningId("insert into cost_centre (provider_code, code, name, type) values (?, ?, ?, ?)"
                + " returning id", provider, code, code + " name", type);
    }

    long upload(CostingMethodV1.Period period, String kind, String sha) throws SQLException {
        return insertReturningId("insert into upload (provider_code, period_id, kind, sha256, row_count, loaded_by,"
                + " load_millis) values (?, ?, ?, ?, 0, 'test', 0) returning id", provider, period.id(), kind, sha);
    }

    void ledger(CostingMethodV1.Period period, int centre, String expenseType, String amount, boolean socialCare)
            throws SQLException {
        long upload = upload(period, "LEDGER", "ledger-" + centre + "-" + expenseType + "-" + socialCare);
        update("insert into ledger_line (period_id, upload_id, line_no, cost_centre_id, expense_type, amount, social_care)"
                + " values (?, ?, 1, ?, ?, ?, ?)", period.id(), upload, centre, expenseType, new BigDecimal(amount),
                socialCare);
    }

    void contact(CostingMethodV1.Period period, String id, String patient, LocalDate day, int centre,
            String staffGroup, int minutes) throws SQLException {
        update("insert into care_contact values (?, 0, ?, ?, ?, ?, ?, ?)", period.id(), id, patient, day, centre,
                staffGroup, minutes);
    }

    void bedDay(CostingMethodV1.Period period, String patient, LocalDate day, int ward) throws SQLException {
        update("insert into bed_day values (?, 0, ?, ?, ?)", period.id(), patient, day, ward);
    }

    void session(CostingMethodV1.Period period, String id, LocalDate day, int centre, String staffGroup, int minutes,
            String... attendees) throws SQLException {
        Array array = c.createArrayOf("text", attendees);
        update("insert into group_session values (?, 0, ?, ?, ?, ?, ?, ?)", period.id(), id, day, centre, staffGroup,
                minutes, array);
    }

    long episode(String ref, String patient, String code, LocalDate start, LocalDate end, LocalDate reviewDue,
            String commissioner, String team) throws SQLException {
        return insertReturningId("insert into cluster_episode (provider_code, source, ref, patient_id, code, start_date,"
                + " end_date, review_due, commissioner_code, team) values (?, 'UPLOAD', ?, ?, ?, ?, ?, ?, ?, ?)"
                + " returning id", provider, ref, patient, code, start, end, reviewDue, commissioner, team);
    }

    CostingMethodV1.Result run(CostingMethodV1.Period period, boolean includeSocialCare) throws SQLException {
        return run(period, includeSocialCare, period.end());
    }

    /** A run as of a day; null for the default (the latest activity date). */
    CostingMethodV1.Result run(CostingMethodV1.Period period, boolean includeSocialCare, LocalDate asOf)
            throws SQLException {
        return CostingMethodV1.run(c, java.util.UUID.randomUUID(), period,
                new CostingMethodV1.Options(includeSocialCare, asOf), "test");
    }

    /** Rows of a query as column-name maps, in order. */
    List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(sql, parameters); ResultSet r = s.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Drops the temporary tables a run leaves until commit, so a second run can follow in the same test. */
    void endRunScope() throws SQLException {
        update("drop table if exists run_bucket, centre_rate");
    }

    private long insertReturningId(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(sql, parameters); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(sql, parameters)) {
            s.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
        return s;
    }
}
