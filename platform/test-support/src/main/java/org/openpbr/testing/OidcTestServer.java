package org.openpbr.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The Quarkus test OIDC server (WireMock) wired as the services' identity provider: its discovery
 * document and signing keys are real HTTP, and {@link TestTokens} signs tokens with its key.
 */
public class OidcTestServer extends OidcWiremockTestResource {

    /** The issuer the test server's discovery document announces. */
    public static final String ISSUER = "https://server.example.com";

    /**
     * The published contracts carry the local stack's login addresses; tests pin them so the
     * served document can be compared with the published one exactly.
     */
    public static final String PUBLISHED_REALM = "http://localhost:8180/realms/openpbr";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        config.put("openpbr.openapi.authorization-url", PUBLISHED_REALM + "/protocol/openid-connect/auth");
        config.put("openpbr.openapi.token-url", PUBLISHED_REALM + "/protocol/openid-connect/token");
        return config;
    }
}
