package org.openpbr.costing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** costing-service's own settings, under {@code openpbr.costing}. */
@ConfigMapping(prefix = "openpbr.costing")
public interface CostingConfig {

    Feed feed();

    /**
     * Whether to run the exact-share arithmetic on made-up figures once at start-up, in the
     * background, so that the first costing run is not the one that waits for the JIT compiler.
     */
    @WithDefault("true")
    boolean warmUp();

    /** The pull of cluster episodes from clustering-service's change feed. */
    interface Feed {

        /** How often the feed is pulled, e.g. 60s; {@code off} stops the schedule (the sync endpoint still pulls). */
        @WithDefault("60s")
        String every();

        /** The first scheduled pull after start-up. */
        @WithDefault("10s")
        String firstAfter();

        /** Changes asked for per page. */
        @WithDefault("500")
        int pageSize();

        /** Pages read in one pull at most, so one pull never holds the feed for long. */
        @WithDefault("200")
        int maxPages();

        /** What a caller of the sync endpoint is told to wait when clustering-service is down. */
        @WithDefault("30")
        int retryAfterSeconds();
    }
}
