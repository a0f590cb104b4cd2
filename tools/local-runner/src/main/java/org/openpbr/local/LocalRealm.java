package org.openpbr.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The realm the local stack imports: the deployable realm ({@code openpbr-realm.json}: roles,
 * service accounts, Swagger UI client, brute-force protection, password policy) plus the
 * local-only additions ({@code local-realm-additions.json}: the password-grant {@code openpbr-cli}
 * client and the demo users). A deployment imports the first file alone, so nothing local-only can
 * reach it by accident.
 */
final class LocalRealm {

    static final String BASE = "platform/keycloak/openpbr-realm.json";
    static final String ADDITIONS = "platform/keycloak/local-realm-additions.json";

    private LocalRealm() {
    }

    /** Writes the composed realm into the data directory and returns its path. */
    static Path compose(Path home, Path data) throws StackException {
        Path base = home.resolve(BASE);
        Path additions = home.resolve(ADDITIONS);
        for (Path file : new Path[] { base, additions }) {
            if (!Files.isRegularFile(file)) {
                throw new StackException("The realm file " + file + " is missing; is --home the repository root?");
            }
        }
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode realm = (ObjectNode) json.readTree(base.toFile());
            JsonNode extra = json.readTree(additions.toFile());
            for (String list : new String[] { "clients", "users" }) {
                ArrayNode into = realm.withArray(list);
                extra.path(list).forEach(into::add);
            }
            Path composed = data.resolve("keycloak/openpbr-realm.local.json");
            Files.createDirectories(composed.getParent());
            Files.writeString(composed, json.writerWithDefaultPrettyPrinter().writeValueAsString(realm) + "\n");
            return composed;
        } catch (IOException | ClassCastException e) {
            throw new StackException("Cannot compose the local realm from " + base + " and " + additions + ": "
                    + e.getMessage(), e);
        }
    }
}
