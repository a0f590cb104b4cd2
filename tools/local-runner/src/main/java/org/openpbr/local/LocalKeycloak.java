package org.openpbr.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak from the Maven artifact {@code org.keycloak:keycloak-quarkus-dist}, unpacked into
 * the data directory on first start, with the repository's realm imported. The realm file is the
 * source of truth: when it (or a port it refers to) changes, Keycloak's own database is reset and
 * the realm imported again.
 */
final class LocalKeycloak {

    static final String REALM = "openpbr";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private LocalKeycloak() {
    }

    record Distribution(String version, Path zip) {
    }

    /** The archive Maven resolved when the runner was built. */
    static Distribution distribution() throws StackException {
        Properties properties = new Properties();
        try (InputStream in = LocalKeycloak.class.getResourceAsStream("/openpbr-local.properties")) {
            if (in == null) {
                throw new StackException("openpbr-local.properties is missing: rebuild the runner");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new StackException("Cannot read openpbr-local.properties: " + e.getMessage(), e);
        }
        Path zip = Path.of(properties.getProperty("keycloak.zip", ""));
        if (!Files.isRegularFile(zip)) {
            throw new StackException("The Keycloak distribution is not at " + zip
                    + ". Rebuild with ./mvnw package -DskipTests (Maven downloads it).");
        }
        return new Distribution(properties.getProperty("keycloak.version"), zip);
    }

    /** Environment for Keycloak: the realm file's placeholders name each service's address. */
    static Map<String, String> environment(StackSettings settings) {
        Map<String, String> env = new TreeMap<>();
        for (String service : StackSettings.SERVICES) {
            env.put("OPENPBR_" + StackSettings.envName(service) + "_URL",
                    "http://localhost:" + settings.servicePort(service));
        }
        return env;
    }

    static ManagedProcess start(StackSettings settings, Distribution distribution, Path realmFile, Path log,
            ProgressListener progress) throws StackException {
        Path home = settings.data().resolve("keycloak");
        Path install = home.resolve("keycloak-" + distribution.version());
        try {
            if (!Files.isRegularFile(install.resolve("bin/kc.sh"))) {
                progress.step("Unpacking Keycloak " + distribution.version() + " (first start only)");
                unzip(distribution.zip(), home);
            }
            Map<String, String> realmEnvironment = environment(settings);
            String fingerprint = fingerprint(realmFile, realmEnvironment);
            Path fingerprintFile = home.resolve("realm.sha256");
            boolean changed = !Files.exists(fingerprintFile)
                    || !Files.readString(fingerprintFile).strip().equals(fingerprint);
            if (changed) {
                // Keycloak imports a realm only once; a new realm means a fresh Keycloak database.
                deleteRecursively(install.resolve("data/h2"));
                Files.deleteIfExists(fingerprintFile);
            }
            Files.createDirectories(install.resolve("data/import"));
            Files.copy(realmFile, install.resolve("data/import/openpbr-realm.json"), StandardCopyOption.REPLACE_EXISTING);

            List<String> command = new ArrayList<>(List.of(install.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + settings.keycloakPort(),
                    "--hostname=http://localhost:" + settings.keycloakPort(),
                    "--import-realm"));
            Map<String, String> env = new TreeMap<>(realmEnvironment);
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            ManagedProcess process = ManagedProcess.start("Keycloak", command, env, install, log);
            return process;
        } catch (IOException | UncheckedIOException e) {
            throw new StackException("Could not prepare Keycloak in " + install + ": " + e.getMessage(), e);
        }
    }

    /** Recorded once Keycloak has started with this realm, so an unchanged realm is not imported again. */
    static void recordImported(StackSettings settings, Path realmFile) throws StackException {
        try {
            Files.writeString(settings.data().resolve("keycloak/realm.sha256"),
                    fingerprint(realmFile, environment(settings)) + "\n");
        } catch (IOException e) {
            throw new StackException("Cannot write the realm fingerprint: " + e.getMessage(), e);
        }
    }

    static String fingerprint(Path realmFile, Map<String, String> environment) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(realmFile));
            digest.update(environment.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("unsafe entry in " + zip + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (out.getParent().getFileName().toString().equals("bin") && out.toString().endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
