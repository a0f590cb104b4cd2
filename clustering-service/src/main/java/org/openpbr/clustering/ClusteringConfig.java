package org.openpbr.clustering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** clustering-service's own settings, under {@code openpbr.clustering}. */
@ConfigMapping(prefix = "openpbr.clustering")
public interface ClusteringConfig {

    /** The currency scheme an assessment is clustered in when the request names none. */
    @WithDefault("mh-care-clusters")
    String defaultScheme();

    /** Whether the reference scheme versions shipped with the service are published at start-up when absent. */
    @WithDefault("true")
    boolean loadReferenceSchemes();

}
