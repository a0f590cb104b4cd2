package org.openpbr.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Run command's runner, started exactly as {@code ./openpbr run} starts it (the packaged
 * runner jar, as a separate process), on free ports and a data directory under target/, and
 * stopped as Ctrl-C stops it (a signal to the runner).
 */
final class RunningStack implements AutoCloseable {

    static final List<String> SERVICES = List.of("clustering-service", "costing-service", "contract-service",
            "outcomes-service");

    final Path root;
    final Path data;
    final Map<String, Integer> ports;
    final Process runner;
    final List<String> output;
    final Duration startedIn;
    private final Thread reader;
    private List<ProcessHandle> children = List.of();

    private RunningStack(Path root, Path data, Map<String, Integer> ports, Process runner, List<String> output,
            Thread reader, Duration startedIn) {
        this.reader = reader;
        this.root = root;
        this.output = output;
        this.data = data;
        this.ports = ports;
        this.runner = runner;
        this.startedIn = startedIn;
    }

    static Path repositoryRoot() {
        String root = System.getProperty("repository.root");
        return Path.of(root != null ? root : "../..").toAbsolutePath().normalize();
    }

    static Map<String, Integer> freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String name : List.of("postgres", "keycloak", "clustering", "costing", "contract", "outcomes")) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(name, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    /** A small demo trust, so the first start proves the loading without making the test slow. */
    static final int DEMO_PATIENTS = 25;

    static RunningStack start(Path data, Map<String, Integer> ports) throws Exception {
        Path root = repositoryRoot();
        Path jar = root.resolve("tools/local-runner/target/openpbr-local-runner.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "--home", root.toString(), "--data", data.toString()));
        ports.forEach((name, port) -> {
            command.add("--" + name + "-port");
            command.add(Integer.toString(port));
        });
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("OPENPBR_DEMO_PATIENTS", Integer.toString(DEMO_PATIENTS));
        Process runner = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    if (line.contains("Ctrl-C stops everything")) {
                        running.complete(true);
                    }
                }
            } catch (IOException e) {
                // the runner has gone
            }
            running.complete(false);
        }, "runner-output");
        reader.setDaemon(true);
        reader.start();
        boolean up = running.get(6, TimeUnit.MINUTES);
        if (!up) {
            runner.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the runner did not start the stack:\n" + String.join("\n", output));
        }
        RunningStack stack = new RunningStack(root, data, ports, runner, output, reader,
                Duration.ofNanos(System.nanoTime() - t0));
        stack.children = runner.descendants().toList();
        return stack;
    }

    String serviceUrl(String service) {
        return "http://localhost:" + ports.get(service.substring(0, service.indexOf("-service")));
    }

    String realmUrl() {
        return "http://localhost:" + ports.get("keycloak") + "/realms/openpbr";
    }

    /** Every process of the stack: the runner's children and PostgreSQL's postmaster. */
    List<ProcessHandle> processes() throws IOException {
        List<ProcessHandle> all = new ArrayList<>(children);
        Path pidFile = data.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            String pid = Files.readAllLines(pidFile).get(0).strip();
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(all::add);
        }
        return all;
    }

    /** Stops the stack as Ctrl-C does and returns the runner's exit code. */
    int stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the runner's output.
        runner.toHandle().destroy();
        if (!runner.waitFor(2, TimeUnit.MINUTES)) {
            runner.destroyForcibly();
            throw new AssertionError("the runner did not stop within 2 minutes");
        }
        reader.join(10_000);
        return runner.exitValue();
    }

    @Override
    public void close() {
        if (runner.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                runner.toHandle().destroyForcibly();
            }
        }
    }
}
