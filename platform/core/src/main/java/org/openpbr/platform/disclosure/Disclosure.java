package org.openpbr.platform.disclosure;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the disclosure policy available to a service, and refuses to start a service outside dev
 * and test whose pseudonym key is missing, short, not random-looking or the published dev key.
 */
@Singleton
public class Disclosure {

    private static final Logger LOG = Logger.getLogger(Disclosure.class);

    @Produces
    @Singleton
    Pseudonyms pseudonyms(DisclosureConfig config) {
        return new Pseudonyms(key(config, LaunchMode.current()));
    }

    @Produces
    @Singleton
    SmallNumbers smallNumbers(DisclosureConfig config) {
        return new SmallNumbers(config.roundCountsTo());
    }

    /** Checked at start, not at the first commissioner request, so a misconfigured deployment never serves. */
    void checkAtStart(@Observes StartupEvent start, Pseudonyms pseudonyms, SmallNumbers smallNumbers) {
        LOG.debugf("disclosure: pseudonyms keyed, counts of 1-4 withheld, counts rounded to %d", smallNumbers.roundTo());
    }

    static PseudonymKey key(DisclosureConfig config, LaunchMode mode) {
        if (mode.isDevOrTest()) {
            if (config.pseudonymKey().isEmpty()) {
                LOG.warn("No pseudonym key configured: using the published dev-and-test key, which protects nothing."
                        + " Set openpbr.disclosure.pseudonym-key in any real deployment.");
            }
            return PseudonymKey.forDevAndTest(config.pseudonymKey());
        }
        try {
            return PseudonymKey.parse(config.pseudonymKey().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Refusing to start: " + e.getMessage(), e);
        }
    }
}
