package org.openpbr.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./openpbr run}: starts the whole suite locally and keeps it running until Ctrl-C.
 * {@code ./openpbr reset}: deletes the local data (databases, Keycloak, logs).
 */
public final class LocalRunner {

    private static final PrintStream OUT = System.out;

    private LocalRunner() {
    }

    public static void main(String[] args) {
        // zonky and the JDBC driver log through java.util.logging; only problems belong on the terminal.
        Logger.getLogger("").setLevel(Level.WARNING);
        try {
            Map<String, String> options = new LinkedHashMap<>();
            String command = parse(args, options);
            StackSettings settings = StackSettings.from(options, System.getenv(), Path.of(""));
            switch (command) {
                case "run" -> run(settings);
                case "reset" -> reset(settings);
                case "help" -> OUT.println(usage());
                default -> throw new StackException("Unknown command '" + command + "'.\n\n" + usage());
            }
        } catch (StackException e) {
            System.err.println();
            System.err.println("OpenPbR: " + e.getMessage());
            System.exit(2);
        }
    }

    static String parse(String[] args, Map<String, String> options) throws StackException {
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return "help";
            }
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                if (name.contains("=")) {
                    value = name.substring(name.indexOf('=') + 1);
                    name = name.substring(0, name.indexOf('='));
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new StackException("--" + name + " needs a value.\n\n" + usage());
                }
                if (!List.of("home", "data", "postgres-port", "keycloak-port", "clustering-port", "costing-port",
                        "contract-port", "outcomes-port").contains(name)) {
                    throw new StackException("Unknown option --" + name + ".\n\n" + usage());
                }
                options.put(name, value);
            } else if (command == null) {
                command = arg;
            } else {
                throw new StackException("Unexpected argument '" + arg + "'.\n\n" + usage());
            }
        }
        return command == null ? "run" : command;
    }

    static String usage() {
        return """
                Usage: ./openpbr [run|reset|help] [options]

                  run     build if needed, start PostgreSQL, Keycloak and the four services; Ctrl-C stops all
                  reset   delete the local data (databases, Keycloak state, logs) in the data directory
                  help    this text

                Options (each also as an environment variable):
                  --data DIR              data directory            OPENPBR_DATA           (.openpbr)
                  --postgres-port N       PostgreSQL                OPENPBR_POSTGRES_PORT   (15432)
                  --keycloak-port N       Keycloak                  OPENPBR_KEYCLOAK_PORT   (8180)
                  --clustering-port N     clustering-service        OPENPBR_CLUSTERING_PORT (8081)
                  --costing-port N        costing-service           OPENPBR_COSTING_PORT    (8082)
                  --contract-port N       contract-service          OPENPBR_CONTRACT_PORT   (8083)
                  --outcomes-port N       outcomes-service          OPENPBR_OUTCOMES_PORT   (8084)
                JVM options for the services: OPENPBR_SERVICE_JAVA_OPTS (default -Xmx384m).""";
    }

    private static void run(StackSettings settings) throws StackException {
        OUT.println("OpenPbR local stack");
        LocalStack stack = LocalStack.create(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        // Registered before anything starts, so Ctrl-C during start-up also stops what has started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stack.isClosed()) {
                stopRequested.set(true);
                OUT.println();
                OUT.println("Stopping OpenPbR...");
                stack.close();
                OUT.println("Stopped. Data kept in " + settings.data() + " (./openpbr reset deletes it).");
            }
            stopped.countDown();
        }, "openpbr-stop"));
        try {
            stack.startUp(message -> OUT.println("  - " + message));
        } catch (StackException e) {
            if (stopRequested.get()) {
                return; // Ctrl-C during start-up: the shutdown hook reports the stop
            }
            throw e;
        }
        loadDemoTrust(stack);
        printWelcome(stack);
        watch(stack, stopped, stopRequested);
    }

    /** On a data directory's first start, the synthetic demo trust; a failure is reported and the stack runs on. */
    private static void loadDemoTrust(LocalStack stack) {
        String configured = System.getenv().getOrDefault("OPENPBR_DEMO_PATIENTS", "300");
        int patients;
        try {
            patients = Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            System.err.println("OpenPbR: OPENPBR_DEMO_PATIENTS must be a whole number; no demo trust loaded.");
            return;
        }
        try {
            Path realm = stack.settings().home().resolve(LocalRealm.ADDITIONS);
            long t0 = System.nanoTime();
            DemoTrust.Loaded loaded = new DemoTrust(stack, DemoUsers.read(realm).password()).loadOnce(patients);
            if (loaded != null) {
                var summary = loaded.clustering();
                OUT.printf(Locale.ROOT, "  - demo trust RX1 loaded in %.1f s: %d people, %d assessments, %d allocations"
                        + " (%d overrides)%n", (System.nanoTime() - t0) / 1e9, summary.patients(), summary.assessments(),
                        summary.allocations(), summary.overrides());
                if (loaded.costing() != null) {
                    OUT.println("  - demo costing RX1: " + loaded.costing());
                    if (loaded.contract() != null) {
                        OUT.println("  - demo " + loaded.contract());
                    } else {
                        System.err.println("OpenPbR: the demo contract 15N-RX1 could not be made (" + loaded.contractFailure()
                                + "); make your own through contract-service's API.");
                    }
                } else {
                    System.err.println("OpenPbR: the demo trust's costing could not be loaded (" + loaded.costingFailure()
                            + "); load your own files through costing-service's API.");
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("OpenPbR: the demo trust could not be loaded (" + e.getMessage()
                    + "); the stack runs without it and tries again on the next start.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports a child that dies while the stack runs, once, and keeps the rest running. */
    private static void watch(LocalStack stack, CountDownLatch stopped, AtomicBoolean stopRequested) {
        Set<String> reported = new HashSet<>();
        try {
            while (!stopped.await(2, TimeUnit.SECONDS)) {
                List<LocalStack.Exit> exits = stack.exited();
                if (exits.isEmpty()) {
                    continue;
                }
                // Ctrl-C reaches the children with the runner: they may exit before the stop is seen here.
                if (stopped.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS) || stopRequested.get()) {
                    return;
                }
                for (LocalStack.Exit exit : exits) {
                    if (reported.add(exit.name())) {
                        System.err.println(exitNotice(exit));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long a child's exit waits for a stop request before it is reported as unexpected. */
    static final int STOP_GRACE_SECONDS = 3;

    /** What the runner says about a child that exited while nobody asked the stack to stop. */
    static String exitNotice(LocalStack.Exit exit) {
        String how = switch (exit.exitValue()) {
            case 130 -> "was stopped by an interrupt (Ctrl-C, exit 130)";
            case 137 -> "was killed (exit 137; out of memory, or kill -9)";
            case 143 -> "was stopped by a termination signal (exit 143)";
            default -> "has stopped unexpectedly (exit " + exit.exitValue() + ")";
        };
        return "OpenPbR: " + exit.name() + " " + how + "; its log is " + exit.log()
                + ". The rest keeps running; Ctrl-C and run again to restart it.";
    }

    private static void printWelcome(LocalStack stack) {
        StackSettings s = stack.settings();
        Path realm = s.home().resolve(LocalRealm.ADDITIONS);
        OUT.println();
        Map<String, Duration> times = stack.startupTimes();
        OUT.printf(Locale.ROOT, "OpenPbR is running: PostgreSQL ready after %.1f s, Keycloak after %.1f s, "
                + "all four services after %.1f s.%n%n", seconds(times.get("PostgreSQL")),
                seconds(times.get("Keycloak")), seconds(times.get("all healthy")));
        OUT.println("Swagger UI (\"Authorize\" logs in through Keycloak):");
        for (String service : StackSettings.SERVICES) {
            OUT.printf("  %-20s %s/q/swagger-ui%n", service, stack.serviceUrl(service));
        }
        OUT.println();
        OUT.printf("Keycloak            %s  (admin console: %s / %s)%n", stack.keycloakUrl(), LocalKeycloak.ADMIN_USER,
                LocalKeycloak.ADMIN_PASSWORD);
        OUT.printf("PostgreSQL          localhost:%d  user %s / %s, databases %s%n", s.postgresPort(),
                LocalPostgres.USER, LocalPostgres.PASSWORD,
                String.join(", ", StackSettings.SERVICES.stream().map(StackSettings::database).toList()));
        try {
            DemoUsers demo = DemoUsers.read(realm);
            OUT.println();
            OUT.println("Demo users (password " + demo.password() + "):");
            for (DemoUsers.User user : demo.users()) {
                OUT.printf("  %-16s %-5s %-21s %s%n", user.username(), user.orgCode(), user.orgType(),
                        String.join(", ", user.roles()));
            }
            OUT.println();
            OUT.println("Get a token and call a service:");
            OUT.printf("  TOKEN=$(curl -s -d grant_type=password -d client_id=openpbr-cli -d username=%s \\%n"
                    + "      -d password=%s %s/protocol/openid-connect/token | jq -r .access_token)%n",
                    demo.users().get(0).username(), demo.password(), stack.realmUrl());
            OUT.printf("  curl -H \"Authorization: Bearer $TOKEN\" %s/v1/me%n",
                    stack.serviceUrl(StackSettings.SERVICES.get(0)));
        } catch (IOException e) {
            OUT.println("(cannot list the demo users: " + e.getMessage() + ")");
        }
        OUT.println();
        OUT.println("Logs in " + s.shortPath(s.data().resolve("logs")) + "/.  Ctrl-C stops everything.");
    }

    private static double seconds(Duration duration) {
        return duration == null ? Double.NaN : duration.toMillis() / 1000.0;
    }

    private static void reset(StackSettings settings) throws StackException {
        Path data = settings.data();
        if (!Files.exists(data)) {
            OUT.println("Nothing to reset: " + data + " does not exist.");
            return;
        }
        if (!Files.isRegularFile(data.resolve("run/lock")) && !Files.isDirectory(data.resolve("postgres"))
                && !Files.isDirectory(data.resolve("keycloak"))) {
            throw new StackException(data + " does not look like an OpenPbR data directory; not deleting it.");
        }
        try {
            Files.createDirectories(data.resolve("run"));
        } catch (IOException e) {
            throw new StackException("Cannot use " + data + ": " + e.getMessage(), e);
        }
        try (FileChannel channel = FileChannel.open(data.resolve("run/lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            if (channel.tryLock() == null) {
                throw new StackException("The local stack is running on " + data + "; stop it (Ctrl-C) first.");
            }
            // Deleted while holding the lock, so no stack can start on it meanwhile.
            LocalKeycloak.deleteRecursively(data);
        } catch (IOException e) {
            throw new StackException("Could not delete " + data + ": " + e.getMessage(), e);
        }
        OUT.println("Deleted " + data + ": the next ./openpbr run starts with empty databases and a fresh Keycloak.");
    }
}
