package org.openpbr.platform.caller;

import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Reads the current request's {@link Caller} from its verified bearer token. */
@ApplicationScoped
public class CallerContext {

    public static final String ORG_CODE_CLAIM = "org_code";
    public static final String ORG_TYPE_CLAIM = "org_type";

    @Inject
    SecurityIdentity identity;

    /** The caller of the current request; only call where authentication is required. */
    public Caller current() {
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        if (identity.isAnonymous() || token == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        TreeSet<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(Roles.ALL);
        return new Caller(token.getSubject(),
                claim(token, "preferred_username"),
                claim(token, "azp"),
                claim(token, ORG_CODE_CLAIM),
                claim(token, ORG_TYPE_CLAIM).flatMap(OrgType::parse),
                roles,
                token.getExpirationTime() > 0 ? Optional.of(Instant.ofEpochSecond(token.getExpirationTime()))
                        : Optional.empty());
    }

    /** The raw {@code org_type} claim, so a misconfigured value can be reported rather than silently dropped. */
    public Optional<String> rawOrgType() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? claim(jwt, ORG_TYPE_CLAIM) : Optional.empty();
    }

    private static Optional<String> claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
