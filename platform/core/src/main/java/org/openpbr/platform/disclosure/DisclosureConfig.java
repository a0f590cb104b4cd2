package org.openpbr.platform.disclosure;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How every service discloses data to commissioners and dashboards; the same settings in all four. */
@ConfigMapping(prefix = "openpbr.disclosure")
public interface DisclosureConfig {

    /**
     * The deployment's pseudonym key: at least 32 random bytes in base64 ({@code openssl rand -base64 32}),
     * the same in every service, kept secret and never changed (a new key gives every person a new
     * pseudonym). Required outside dev and test.
     */
    Optional<String> pseudonymKey();

    /** Round every count shown in an aggregate to a multiple of this (5 as in national statistics); 1 is exact. */
    @WithDefault("1")
    int roundCountsTo();
}
