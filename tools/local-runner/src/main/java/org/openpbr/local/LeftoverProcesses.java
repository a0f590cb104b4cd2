package org.openpbr.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the child processes of a running stack in {@code run/pids}, so that if the runner is
 * killed outright (kill -9, a closed laptop lid), the next start stops what it left behind instead
 * of failing on busy ports.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    static void record(Path data, Map<String, Long> pids) throws StackException {
        List<String> lines = new ArrayList<>();
        pids.forEach((name, pid) -> lines.add(pid + " " + name));
        try {
            Files.write(pidFile(data), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Cannot write " + pidFile(data) + ": " + e.getMessage(), e);
        }
    }

    static void clear(Path data) {
        try {
            Files.deleteIfExists(pidFile(data));
        } catch (IOException e) {
            // harmless: the next start finds no living process with these ids
        }
    }

    static void stop(Path data, ProgressListener progress) throws StackException {
        Path file = pidFile(data);
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ", 2);
                if (parts.length < 2 || !parts[0].matches("\\d+")) {
                    continue;
                }
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]))
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString())
                                || c.contains("quarkus-run.jar") || c.contains("kc.sh")).orElse(false));
                if (process.isPresent()) {
                    progress.step("Stopping " + parts[1] + " (pid " + parts[0] + ") left over from a previous run");
                    List<ProcessHandle> family = process.get().descendants().toList();
                    process.get().destroy();
                    process.get().onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
                    process.get().destroyForcibly();
                    family.forEach(ProcessHandle::destroyForcibly);
                }
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new StackException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path pidFile(Path data) {
        return data.resolve("run/pids");
    }
}
