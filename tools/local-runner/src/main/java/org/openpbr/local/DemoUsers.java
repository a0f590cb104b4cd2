package org.openpbr.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The people in the realm file, read from it so that what the runner prints is what Keycloak holds. */
record DemoUsers(List<User> users, String password) {

    private static final Set<String> OPENPBR_ROLES = Set.of("clinician", "clinical-lead", "finance",
            "contract-manager", "analyst", "admin", "service");

    record User(String username, String orgCode, String orgType, List<String> roles) {
    }

    static DemoUsers read(Path realmFile) throws IOException {
        JsonNode realm = new ObjectMapper().readTree(realmFile.toFile());
        List<User> users = new ArrayList<>();
        String password = null;
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            user.path("realmRoles").forEach(r -> {
                if (OPENPBR_ROLES.contains(r.asText())) {
                    roles.add(r.asText());
                }
            });
            users.add(new User(user.path("username").asText(), user.path("attributes").path("org_code").path(0).asText(),
                    user.path("attributes").path("org_type").path(0).asText(), roles));
            if (password == null) {
                password = placeholderDefault(user.path("credentials").path(0).path("value").asText());
            }
        }
        return new DemoUsers(users, password);
    }

    /** {@code ${OPENPBR_DEMO_PASSWORD:openpbr-demo}} is the environment's value or the default after the colon. */
    static String placeholderDefault(String value) {
        if (value.startsWith("${") && value.endsWith("}") && value.contains(":")) {
            String variable = value.substring(2, value.indexOf(':'));
            String fromEnv = System.getenv(variable);
            return fromEnv != null ? fromEnv : value.substring(value.indexOf(':') + 1, value.length() - 1);
        }
        return value;
    }
}
