package org.openpbr.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it uses. Every value has a default, can be
 * set by an environment variable ({@code OPENPBR_DATA}, {@code OPENPBR_POSTGRES_PORT}, ...) and by a
 * command-line option ({@code --data}, {@code --postgres-port}, ...), the option winning.
 */
public record StackSettings(Path home, Path data, int postgresPort, int keycloakPort,
        Map<String, Integer> servicePorts) {

    /** The four services, in the order of the PbR cycle. */
    public static final List<String> SERVICES = List.of("clustering-service", "costing-service", "contract-service",
            "outcomes-service");

    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KEYCLOAK_PORT = 8180;
    private static final int FIRST_SERVICE_PORT = 8081;

    public StackSettings {
        servicePorts = Map.copyOf(servicePorts);
    }

    /** The database a service owns: its name without "-service". */
    public static String database(String service) {
        return service.substring(0, service.indexOf("-service"));
    }

    /** {@code clustering-service} becomes {@code CLUSTERING}, for environment variable names. */
    public static String envName(String service) {
        return database(service).toUpperCase(Locale.ROOT);
    }

    /** A path as a person would type it from the repository root: relative inside it, absolute outside. */
    public String shortPath(Path path) {
        return path.startsWith(home) ? home.relativize(path).toString() : path.toString();
    }

    public int servicePort(String service) {
        return servicePorts.get(service);
    }

    /** Every port by what uses it, for the free-port check. */
    public Map<String, Integer> allPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", postgresPort);
        ports.put("Keycloak", keycloakPort);
        for (String service : SERVICES) {
            ports.put(service, servicePorts.get(service));
        }
        return ports;
    }

    /**
     * Reads the settings from options ({@code --name value}) over environment variables over
     * defaults.
     */
    public static StackSettings from(Map<String, String> options, Map<String, String> env, Path workingDirectory)
            throws StackException {
        Path home = Path.of(value(options, env, "home", "OPENPBR_HOME", workingDirectory.toString()))
                .toAbsolutePath().normalize();
        Path data = home.resolve(value(options, env, "data", "OPENPBR_DATA", ".openpbr")).toAbsolutePath().normalize();
        List<String> errors = new ArrayList<>();
        int postgres = port(options, env, "postgres-port", "OPENPBR_POSTGRES_PORT", DEFAULT_POSTGRES_PORT, errors);
        int keycloak = port(options, env, "keycloak-port", "OPENPBR_KEYCLOAK_PORT", DEFAULT_KEYCLOAK_PORT, errors);
        Map<String, Integer> services = new HashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            String db = database(service);
            services.put(service, port(options, env, db + "-port", "OPENPBR_" + envName(service) + "_PORT",
                    FIRST_SERVICE_PORT + i, errors));
        }
        if (!errors.isEmpty()) {
            throw new StackException(String.join("\n", errors));
        }
        StackSettings settings = new StackSettings(home, data, postgres, keycloak, services);
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<String, Integer> port : settings.allPorts().entrySet()) {
            String other = seen.putIfAbsent(port.getValue(), port.getKey());
            if (other != null) {
                errors.add("Port " + port.getValue() + " is set for both " + other + " and " + port.getKey()
                        + "; each needs its own.");
            }
        }
        if (!errors.isEmpty()) {
            throw new StackException(String.join("\n", errors));
        }
        return settings;
    }

    private static String value(Map<String, String> options, Map<String, String> env, String option, String variable,
            String fallback) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int port(Map<String, String> options, Map<String, String> env, String option, String variable,
            int fallback, List<String> errors) {
        String text = value(options, env, option, variable, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(text);
            if (port >= 1024 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("--" + option + " (or " + variable + ") must be a port number from 1024 to 65535, not '" + text
                + "'");
        return fallback;
    }
}
