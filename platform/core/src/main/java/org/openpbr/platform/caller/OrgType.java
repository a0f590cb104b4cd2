package org.openpbr.platform.caller;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The kind of organisation a caller acts for, from the {@code org_type} token claim. */
@Schema(description = "The kind of organisation the caller acts for.")
public enum OrgType {
    /** An NHS trust providing mental health services. */
    PROVIDER,
    /** An independent-sector provider paid under the same rules. */
    INDEPENDENT_PROVIDER,
    /** A commissioner (ICB, formerly CCG/PCT); sees only its population, pseudonymised. */
    COMMISSIONER,
    /** A national body (e.g. the suite's administrators of reference data). */
    NATIONAL;

    public static Optional<OrgType> parse(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        for (OrgType type : values()) {
            if (type.name().equals(claim)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public boolean isProvider() {
        return this == PROVIDER || this == INDEPENDENT_PROVIDER;
    }
}
