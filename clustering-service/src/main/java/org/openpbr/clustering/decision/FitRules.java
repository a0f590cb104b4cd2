package org.openpbr.clustering.decision;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.openpbr.clustering.scheme.LoadedScheme;

/**
 * The decision-support rule of each published scheme version, compiled once: published versions
 * never change, so the compiled rule of a version id is valid for the life of the service.
 */
@ApplicationScoped
public class FitRules {

    private final Map<Long, Optional<ProfileFit>> compiled = new ConcurrentHashMap<>();

    /** The scheme version's profile-fit rule; empty when the version has no grid. */
    public Optional<ProfileFit> of(LoadedScheme scheme) {
        return compiled.computeIfAbsent(scheme.id(), id -> scheme.definition().hasGrid()
                ? Optional.of(ProfileFit.of(scheme.definition())) : Optional.empty());
    }
}
