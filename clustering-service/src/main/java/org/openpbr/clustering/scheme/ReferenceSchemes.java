package org.openpbr.clustering.scheme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.openpbr.clustering.ClusteringConfig;
import org.openpbr.platform.caller.Caller;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the scheme versions shipped with the service (src/main/resources/schemes) when they
 * are not yet published, through the same validation and publication path as an administrator's
 * upload: a new currency is a data load, not a code change.
 */
@ApplicationScoped
public class ReferenceSchemes {

    private static final Logger LOG = Logger.getLogger(ReferenceSchemes.class);

    /**
     * The shipped versions, in publication order: of two versions covering the same dates, the one
     * published last is in force, so 2012-illustrative-2 (the grid checked against a textbook
     * profile of each cluster) supersedes 2012-illustrative-1, which stays published for the
     * assessments scored under it.
     */
    public static final List<String> FILES = List.of("schemes/mh-care-clusters-2012-illustrative-1.json",
            "schemes/mh-resource-groups-2024-illustrative-1.json", "schemes/mh-care-clusters-2012-illustrative-2.json");

    /** Who the audit trail names as the publisher of shipped reference data. */
    static final Caller SHIPPED = new Caller("openpbr-reference-data", Optional.of("openpbr-reference-data"),
            Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty());

    @Inject
    SchemeCatalogue catalogue;

    @Inject
    ObjectMapper json;

    @Inject
    ClusteringConfig config;

    void onStart(@Observes StartupEvent event) {
        if (!config.loadReferenceSchemes()) {
            return;
        }
        for (String file : FILES) {
            SchemeDefinition definition = read(file);
            if (catalogue.publish(definition, SHIPPED).created()) {
                LOG.infof("Published reference scheme %s version %s", definition.scheme(), definition.version());
            }
        }
    }

    /** A shipped file, validated as an upload would be; a fault in shipped data stops the service. */
    public SchemeDefinition read(String file) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("reference scheme " + file + " is not on the class path");
            }
            SchemeDraft draft = json.readValue(in, SchemeDraft.class);
            SchemeValidation.Result result = SchemeValidation.validate(draft, SchemeValidation.JSON);
            return result.definition().orElseThrow(
                    () -> new IllegalStateException("reference scheme " + file + " is not valid: " + result.errors()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
