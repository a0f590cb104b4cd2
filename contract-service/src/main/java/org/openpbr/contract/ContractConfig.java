package org.openpbr.contract;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** contract-service's own settings, under {@code openpbr.contract}. */
@ConfigMapping(prefix = "openpbr.contract")
public interface ContractConfig {

    Feed feed();

    Statement statement();

    /** How statements are issued. */
    interface Statement {

        /** A draft is not issued from clustering data read longer ago than this (pull, recompute, then issue). */
        @WithDefault("PT24H")
        java.time.Duration maxDataAge();
    }

    /** The pull of cluster episodes and allocations from clustering-service's change feed. */
    interface Feed {

        /** How often the feed is pulled, e.g. 60s; {@code off} stops the schedule (the sync endpoint still pulls). */
        @WithDefault("60s")
        String every();

        /** The first scheduled pull after start-up. */
        @WithDefault("15s")
        String firstAfter();

        /** Changes asked for per page. */
        @WithDefault("1000")
        int pageSize();

        /** Pages read in one pull at most, so one pull never holds the feed for long. */
        @WithDefault("500")
        int maxPages();

        /** What a caller of the sync endpoint is told to wait when clustering-service is down. */
        @WithDefault("30")
        int retryAfterSeconds();
    }
}
