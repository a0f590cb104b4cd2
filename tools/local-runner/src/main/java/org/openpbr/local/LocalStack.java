package org.openpbr.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole suite on one machine: embedded PostgreSQL, Keycloak with the openpbr realm, and the
 * four packaged services, each healthy before {@link #start} returns. {@link #close()} stops them
 * all, services first, and leaves no process behind.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration KEYCLOAK_START = Duration.ofMinutes(4);
    private static final Duration SERVICE_START = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final Map<String, Duration> startupTimes = new ConcurrentHashMap<>();
    private final List<ManagedProcess> services = new CopyOnWriteArrayList<>();
    private FileChannel lockChannel;
    private FileLock lock;
    private LocalPostgres postgres;
    private ManagedProcess keycloak;
    private volatile boolean closed;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    /** A stack that has not started anything yet; {@link #close()} may be called at any time after. */
    public static LocalStack create(StackSettings settings) {
        return new LocalStack(settings);
    }

    /** Creates and starts a stack; on failure whatever had started is stopped again. */
    public static LocalStack start(StackSettings settings, ProgressListener progress) throws StackException {
        LocalStack stack = create(settings);
        stack.startUp(progress);
        return stack;
    }

    /**
     * Starts everything and waits until it is healthy. If {@link #close()} is called meanwhile
     * (Ctrl-C during start-up), nothing more is started and this ends with a StackException.
     */
    public void startUp(ProgressListener progress) throws StackException {
        try {
            startAll(progress);
        } catch (StackException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private synchronized void checkNotClosed() throws StackException {
        if (closed) {
            throw new StackException("Stopped during start-up.");
        }
    }

    public StackSettings settings() {
        return settings;
    }

    public URI keycloakUrl() {
        return URI.create("http://localhost:" + settings.keycloakPort());
    }

    public URI realmUrl() {
        return URI.create(keycloakUrl() + "/realms/" + LocalKeycloak.REALM);
    }

    public URI serviceUrl(String service) {
        return URI.create("http://localhost:" + settings.servicePort(service));
    }

    /** How long each component took to become healthy, counted from the start of {@link #start}. */
    public Map<String, Duration> startupTimes() {
        return Map.copyOf(startupTimes);
    }

    /** Process ids of Keycloak and the services (PostgreSQL runs under its own pg_ctl). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (keycloak != null) {
            pids.put(keycloak.name(), keycloak.pid());
        }
        services.forEach(s -> pids.put(s.name(), s.pid()));
        return pids;
    }

    /** A child that has exited: its name, exit value and log. */
    public record Exit(String name, int exitValue, Path log) {
    }

    /** The services or Keycloak that have stopped although the stack is running. */
    public List<Exit> exited() {
        List<Exit> dead = new ArrayList<>();
        if (keycloak != null && !keycloak.isAlive()) {
            dead.add(new Exit(keycloak.name(), keycloak.exitValue(), keycloak.log()));
        }
        for (ManagedProcess service : services) {
            if (!service.isAlive()) {
                dead.add(new Exit(service.name(), service.exitValue(), service.log()));
            }
        }
        return dead;
    }

    private void startAll(ProgressListener progress) throws StackException {
        long t0 = System.nanoTime();
        Path logs = settings.data().resolve("logs");
        Path realm = LocalRealm.compose(settings.home(), settings.data());
        String pseudonymKey = PseudonymKeyFile.readOrCreate(settings.data());
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String service : StackSettings.SERVICES) {
            Path jar = settings.home().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new StackException(service + " is not built (" + jar + " is missing). Build with: "
                        + "./mvnw package -DskipTests");
            }
            jars.put(service, jar);
        }
        LocalKeycloak.Distribution distribution = LocalKeycloak.distribution();

        acquireLock();
        LeftoverProcesses.stop(settings.data(), progress);
        Ports.requireFree(settings.allPorts());

        progress.step("Starting PostgreSQL on port " + settings.postgresPort() + " (data in "
                + settings.shortPath(settings.data().resolve("postgres")) + ")");
        List<String> databases = StackSettings.SERVICES.stream().map(StackSettings::database).toList();
        LocalPostgres started = LocalPostgres.start(settings.data().resolve("postgres"), settings.postgresPort(),
                logs.resolve("postgres.log"), databases);
        synchronized (this) {
            postgres = started;
            if (closed) {
                // stopped while PostgreSQL was starting: close() found nothing to stop yet
                started.close();
            }
        }
        checkNotClosed();
        startupTimes.put("PostgreSQL", Duration.ofNanos(System.nanoTime() - t0));

        progress.step("Starting Keycloak on port " + settings.keycloakPort());
        synchronized (this) {
            checkNotClosed();
            keycloak = LocalKeycloak.start(settings, distribution, realm, logs.resolve("keycloak.log"), progress);
            LeftoverProcesses.record(settings.data(), pids());
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Keycloak first: on two cores, starting the services beside it only makes both slower, and
        // a service that starts before its identity provider answers must defer its OIDC set-up.
        try {
            awaitHealthy(http, keycloak, URI.create(realmUrl() + "/.well-known/openid-configuration"),
                    KEYCLOAK_START, t0);
        } catch (UnhealthyException e) {
            throw new StackException(e.getMessage());
        }

        progress.step("Starting " + String.join(", ", StackSettings.SERVICES));
        synchronized (this) {
            checkNotClosed();
            for (String service : StackSettings.SERVICES) {
                // The key goes through the environment, not the command line, so `ps` never shows it.
                services.add(ManagedProcess.start(service, serviceCommand(service, jars.get(service)),
                        Map.of("OPENPBR_DISCLOSURE_PSEUDONYM_KEY", pseudonymKey),
                        settings.home(), logs.resolve(service + ".log")));
            }
            LeftoverProcesses.record(settings.data(), pids());
        }
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (ManagedProcess service : services) {
            waits.add(CompletableFuture.runAsync(() -> awaitHealthy(http, service,
                    URI.create(serviceUrl(service.name()) + "/q/health/ready"), SERVICE_START, t0)));
        }
        awaitAll(waits);
        checkNotClosed();
        LocalKeycloak.recordImported(settings, realm);
        startupTimes.put("all healthy", Duration.ofNanos(System.nanoTime() - t0));
    }

    private static void awaitAll(List<CompletableFuture<Void>> waits) throws StackException {
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UnhealthyException unhealthy) {
                throw new StackException(unhealthy.getMessage());
            }
            throw e;
        }
    }

    private List<String> serviceCommand(String service, Path jar) {
        String javaOpts = System.getenv().getOrDefault("OPENPBR_SERVICE_JAVA_OPTS", "-Xmx384m");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : javaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + settings.servicePort(service));
        command.add("-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(StackSettings.database(service)));
        command.add("-Dquarkus.datasource.username=" + LocalPostgres.USER);
        command.add("-Dquarkus.datasource.password=" + LocalPostgres.PASSWORD);
        command.add("-Dquarkus.oidc.auth-server-url=" + realmUrl());
        if (service.equals("costing-service") || service.equals("contract-service")) {
            // Both read clustering-service's change feed: costing for episodes, contract for episodes and allocations.
            command.add("-Dquarkus.rest-client.clustering.url=" + serviceUrl("clustering-service"));
        }
        if (service.equals("contract-service")) {
            // contract-service reads the agreed tariffs its contracts are priced from.
            command.add("-Dquarkus.rest-client.costing.url=" + serviceUrl("costing-service"));
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private void awaitHealthy(HttpClient http, ManagedProcess process, URI uri, Duration timeout, long t0) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new UnhealthyException(process.name() + " stopped while starting (exit code "
                        + process.exitValue() + "). Last lines of " + process.log() + ":\n" + process.tail(25));
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    startupTimes.put(process.name(), Duration.ofNanos(System.nanoTime() - t0));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnhealthyException("interrupted while waiting for " + process.name());
            }
            sleep(250);
        }
        throw new UnhealthyException(process.name() + " was not healthy at " + uri + " within " + timeout.toSeconds()
                + " s. Last lines of " + process.log() + ":\n" + process.tail(25));
    }

    private void acquireLock() throws StackException {
        Path lockFile = settings.data().resolve("run/lock");
        try {
            Files.createDirectories(lockFile.getParent());
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            lock = lockChannel.tryLock();
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
                lockChannel.close();
                throw new StackException("Another OpenPbR local stack is already running on " + settings.data()
                        + (holder.isEmpty() ? "" : " (runner pid " + holder + ")")
                        + ". Stop it first, or give this one its own --data directory and ports.");
            }
            lockChannel.truncate(0);
            lockChannel.write(java.nio.ByteBuffer.wrap(
                    Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new StackException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ManagedProcess service : services) {
            stops.add(CompletableFuture.runAsync(() -> service.stop(STOP_GRACE)));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        if (keycloak != null) {
            keycloak.stop(STOP_GRACE);
        }
        if (postgres != null) {
            postgres.close();
        }
        LeftoverProcesses.clear(settings.data());
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the lock dies with the process anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class UnhealthyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnhealthyException(String message) {
            super(message, null, false, false);
        }
    }
}
