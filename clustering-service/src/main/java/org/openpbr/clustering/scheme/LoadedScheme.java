package org.openpbr.clustering.scheme;

import java.util.Optional;

import org.openpbr.clustering.decision.ProfileFit;

/**
 * A published scheme version ready for use: its stored id, its definition and, when it has a grid,
 * its compiled decision-support rule.
 */
public record LoadedScheme(long id, SchemeDefinition definition, Optional<ProfileFit> fit) {

    static LoadedScheme of(long id, SchemeDefinition definition) {
        return new LoadedScheme(id, definition,
                definition.hasGrid() ? Optional.of(ProfileFit.of(definition)) : Optional.empty());
    }

    public String scheme() {
        return definition.scheme();
    }

    public String version() {
        return definition.version();
    }
}
