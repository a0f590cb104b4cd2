package org.openpbr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s, no Docker: one embedded server per test JVM (a Maven
 * module's test run), with a fresh, empty database. Durability settings are off because a test
 * database is thrown away; behaviour is otherwise that of production PostgreSQL.
 */
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "openpbr_test";

    private static EmbeddedPostgres server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresTestResource::stopServer,
                    "embedded-postgres-stop"));
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** JDBC URL of the test database, for tests that must look at the database directly. */
    public static synchronized String jdbcUrl() {
        if (server == null) {
            throw new IllegalStateException("the embedded PostgreSQL test resource has not started");
        }
        return server.getJdbcUrl("postgres", DATABASE);
    }

    /**
     * A new, empty database on the same server, for tests that work below Quarkus with plain JDBC;
     * returns its JDBC URL (user and password {@code postgres}).
     */
    public static synchronized String newDatabase(String name) {
        if (server == null) {
            new EmbeddedPostgresTestResource().start();
        }
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: Quarkus may restart the application between test classes with
        // other profiles, and each restart would otherwise pay for a new server.
    }

    private static EmbeddedPostgres startServer() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("log_error_verbosity", "terse")
                    .start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + DATABASE);
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database", e);
        }
    }

    private static synchronized void stopServer() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // the JVM is exiting; nothing more to do
            }
            server = null;
        }
    }
}
