package org.openpbr.clustering.scheme;

/**
 * A published scheme version ready for use: its stored id and its definition (decision support
 * compiles its rule from the definition, see decision.FitRules).
 */
public record LoadedScheme(long id, SchemeDefinition definition) {

    static LoadedScheme of(long id, SchemeDefinition definition) {
        return new LoadedScheme(id, definition);
    }

    public String scheme() {
        return definition.scheme();
    }

    public String version() {
        return definition.version();
    }
}
