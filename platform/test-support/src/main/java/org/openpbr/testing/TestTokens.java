package org.openpbr.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openpbr.platform.caller.OrgType;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Access tokens shaped like the ones Keycloak issues for the openpbr realm (realm roles in
 * {@code realm_access.roles}, organisation in {@code org_code}/{@code org_type}, audience
 * {@code openpbr-api}), signed by the test OIDC server's key, or deliberately not.
 */
public final class TestTokens {

    public static final String AUDIENCE = "openpbr-api";

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final List<String> roles = new ArrayList<>();
    private Instant expiresAt = Instant.now().plusSeconds(300);
    private String issuer = OidcTestServer.ISSUER;
    private String audience = AUDIENCE;
    private boolean wronglySigned;

    private TestTokens(String subject) {
        claims.put("sub", subject);
    }

    /** A person's token, e.g. {@code user("clinician.rx1").org("RX1", PROVIDER).roles("clinician")}. */
    public static TestTokens user(String username) {
        TestTokens token = new TestTokens(UUID.nameUUIDFromBytes(username.getBytes()).toString());
        token.claims.put("preferred_username", username);
        token.claims.put("azp", "openpbr-cli");
        return token;
    }

    /** A service account's token (client credentials), role {@code service}, no organisation. */
    public static TestTokens service(String clientId) {
        TestTokens token = new TestTokens(UUID.nameUUIDFromBytes(clientId.getBytes()).toString());
        token.claims.put("azp", clientId);
        token.roles.add("service");
        return token;
    }

    public TestTokens org(String orgCode, OrgType orgType) {
        claims.put("org_code", orgCode);
        claims.put("org_type", orgType.name());
        return this;
    }

    /** Sets claims verbatim, e.g. a malformed {@code org_type}. */
    public TestTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TestTokens roles(String... names) {
        roles.addAll(List.of(names));
        return this;
    }

    public TestTokens expiredAt(Instant when) {
        this.expiresAt = when;
        return this;
    }

    public TestTokens issuer(String value) {
        this.issuer = value;
        return this;
    }

    public TestTokens audience(String value) {
        this.audience = value;
        return this;
    }

    /** Signed with a fresh key that the identity provider never published. */
    public TestTokens wronglySigned() {
        this.wronglySigned = true;
        return this;
    }

    public String token() {
        JwtClaimsBuilder builder = Jwt.claims(claims)
                .issuer(issuer)
                .audience(audience)
                .issuedAt(Math.min(Instant.now().getEpochSecond(), expiresAt.getEpochSecond() - 60))
                .expiresAt(expiresAt.getEpochSecond())
                .claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", List.copyOf(roles)));
        return wronglySigned
                ? builder.jws().keyId("1").sign(strangerKey())
                : builder.jws().keyId("1").sign("privateKey.jwk");
    }

    /** The {@code Authorization} header value. */
    public String bearer() {
        return "Bearer " + token();
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
