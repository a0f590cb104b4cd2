package org.openpbr.platform.caller;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * Who is calling, as every OpenPbR service sees it: the organisation the caller acts for and the
 * OpenPbR roles they hold. Built from the bearer token by {@link CallerContext}; every
 * organisation-scoped query starts from here.
 *
 * @param subject   the token subject ({@code sub})
 * @param username  the person's user name ({@code preferred_username}), absent for service accounts
 * @param clientId  the OAuth client the token was issued to ({@code azp})
 * @param orgCode   the ODS code of the caller's organisation ({@code org_code}), if present
 * @param orgType   the kind of organisation ({@code org_type}), if present and recognised
 * @param roles     the OpenPbR realm roles in the token, sorted
 * @param expiresAt when the token expires
 */
public record Caller(String subject, Optional<String> username, Optional<String> clientId, Optional<String> orgCode,
        Optional<OrgType> orgType, Set<String> roles, Optional<Instant> expiresAt) {

    public Caller {
        // Sorted, so that every answer that lists roles is stable.
        roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isServiceAccount() {
        return roles.contains(Roles.SERVICE);
    }

    /**
     * A service account holding the consumer role for what it reads (for example
     * {@link Roles#EPISODES_READER}); anyone else gets a 403 that does not depend on any record.
     */
    public void requireConsumer(String consumerRole) {
        if (!isServiceAccount() || !hasRole(consumerRole)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This is read by OpenPbR service accounts granted the "
                    + consumerRole + " role");
        }
    }

    /** The caller's organisation code, or a 403 problem if the token does not name one. */
    public String requireOrgCode() {
        return orgCode.orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Your token names no organisation (org_code claim), so no organisation's records are open to it"));
    }

    /**
     * The caller's organisation code when it is a provider (NHS trust or independent provider), the
     * only kind of organisation that records and reads patient-level data; otherwise a 403 problem.
     */
    public String requireProviderOrg() {
        String code = requireOrgCode();
        if (orgType.filter(OrgType::isProvider).isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only providers (org_type PROVIDER or"
                    + " INDEPENDENT_PROVIDER) record or read patient-level data; commissioners see aggregates");
        }
        return code;
    }

    /** The caller's organisation code when it is a commissioner; otherwise a 403 problem. */
    public String requireCommissionerOrg() {
        String code = requireOrgCode();
        if (orgType.filter(type -> type == OrgType.COMMISSIONER).isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only commissioners (org_type COMMISSIONER) use this view");
        }
        return code;
    }
}
