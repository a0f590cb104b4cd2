package org.openpbr.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (zonky embedded binaries) whose data lives in the stack's data directory and
 * survives restarts. One database per service, owned by the role {@code openpbr}.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "openpbr";
    static final String PASSWORD = "openpbr";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static LocalPostgres start(Path dataDirectory, int port, Path log, List<String> databases) throws StackException {
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(log.getParent());
            stopOrphan(dataDirectory);
            ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // A developer's data should survive a crash: keep PostgreSQL's durability on (the
                    // embedded server starts with -F, fsync off, unless told otherwise).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Bulk loads and costing runs write hundreds of megabytes: fewer checkpoints, more buffers.
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("wal_buffers", "16MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("listen_addresses", "localhost")
                    // Terse errors: the DETAIL line of a constraint error would repeat row values.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(output)
                    .setErrorRedirector(output)
                    .start();
            LocalPostgres postgres = new LocalPostgres(server);
            postgres.ensureDatabases(databases);
            return postgres;
        } catch (IOException | RuntimeException e) {
            throw new StackException("PostgreSQL did not start (see " + log + "): " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StackException("Could not prepare the service databases: " + e.getMessage(), e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    private void ensureDatabases(List<String> databases) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", USER)) {
                s.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            for (String database : databases) {
                if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                    s.execute("create database " + database + " owner " + USER);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * A PostgreSQL left running by a runner that was killed outright would hold the data
     * directory; it is asked to shut down (SIGTERM: a "smart" shutdown, no data lost).
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                .findFirst().map(String::strip).filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (postmaster.isPresent() && postmaster.get().isAlive()) {
            postmaster.get().destroy();
            postmaster.get().onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // zonky already logged it; the data directory is intact either way
        }
    }
}
