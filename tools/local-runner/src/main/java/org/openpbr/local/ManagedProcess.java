package org.openpbr.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack (Keycloak or a service), with its output in a log file. It runs in
 * its own session where {@code setsid} exists, so a Ctrl-C in the terminal reaches only the
 * runner, which then stops the children in order.
 */
final class ManagedProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path directory,
            Path log) throws StackException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            full.add("setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new StackException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it. Descendants
     * (Keycloak's start script runs a JVM) are noted first, because once their parent has gone they
     * are no longer reachable as descendants.
     */
    void stop(Duration grace) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : family) {
            if (child.isAlive()) {
                child.destroy();
                child.onExit().completeOnTimeout(child, grace.toMillis(), TimeUnit.MILLISECONDS).join();
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        }
    }

    /** The last lines of the log, to show why a process failed. */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
