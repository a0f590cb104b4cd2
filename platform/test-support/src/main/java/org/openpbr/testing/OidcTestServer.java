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
     * The published contracts carry the local runner's discovery URL; tests pin it so the served
     * document can be compared with the published one byte for byte.
     */
    public static final String PUBLISHED_DISCOVERY_URL =
            "http://localhost:8180/realms/openpbr/.well-known/openid-configuration";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        config.put("openpbr.openapi.oidc-discovery-url", PUBLISHED_DISCOVERY_URL);
        return config;
    }
}
