package org.openpbr.costing.episode;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openpbr.costing.CostingConfig;
import org.openpbr.platform.feed.FeedPositions;
import org.openpbr.platform.feed.FeedPull;
import org.openpbr.platform.problem.ProblemException;

import io.quarkus.scheduler.Scheduled;

/**
 * Keeps costing's copy of the cluster episodes of providers that cluster in OpenPbR up to date,
 * by pulling clustering-service's change feed from where the last pull stopped. Each page is
 * stored with the position after it in one transaction, so a pull that breaks off resumes
 * exactly there and no change is applied twice or skipped.
 */
@ApplicationScoped
public class EpisodeFeed {

    static final String FEED = "clustering";
    private static final Logger LOG = Logger.getLogger(EpisodeFeed.class);

    /** What one pull did, from the point of view of one provider's caller. */
    public record Pulled(int changesRead, int episodesStored, int yourEpisodesStored, int skippedUploadingProviders,
            boolean caughtUp) {
    }

    private record Applied(int changes, int episodes, Map<String, Integer> byProvider, int skipped) {
    }

    @Inject
    org.openpbr.costing.period.StatisticsRefresh statistics;

    @Inject
    @RestClient
    ClusteringFeed feed;

    @Inject
    CostingConfig config;

    @Inject
    EpisodeQueries queries;

    @Inject
    FeedPositions positions;

    @Scheduled(identity = "clustering-feed", every = "${openpbr.costing.feed.every}",
            delayed = "${openpbr.costing.feed.first-after}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Pulled pulled = pull(null);
            if (pulled.changesRead() > 0) {
                LOG.infof("clustering feed: %d changes read, %d episodes stored, %d skipped (providers that upload"
                        + " their episodes)", pulled.changesRead(), pulled.episodesStored(),
                        pulled.skippedUploadingProviders());
            }
        } catch (ProblemException e) {
            LOG.warnf("clustering feed not pulled: %s", e.getMessage());
        }
    }

    /**
     * Pulls until caught up or the page budget is spent. Synchronised so that the schedule and a
     * caller's sync never read the same pages at once in this process; across replicas the position
     * is compared-and-set, so a replica that fell behind drops its page instead of rewinding.
     */
    public synchronized Pulled pull(String provider) {
        FeedPull.Result<Applied> result = FeedPull.pull(positions, new FeedPull.Settings(FEED, "clustering-service",
                config.feed().maxPages(), config.feed().retryAfterSeconds()),
                after -> {
                    ClusteringFeed.Page page = feed.read(after, config.feed().pageSize());
                    return page == null ? null : new FeedPull.Page<>(page.items(), page.next(), page.resumeAfter());
                },
                this::apply);
        int changes = 0;
        int stored = 0;
        int yours = 0;
        int skipped = 0;
        for (Applied page : result.pages()) {
            changes += page.changes();
            stored += page.episodes();
            yours += provider == null ? 0 : page.byProvider().getOrDefault(provider, 0);
            skipped += page.skipped();
        }
        statistics.afterEpisodesChange(stored);
        return new Pulled(changes, stored, yours, skipped, result.caughtUp());
    }

    /** When the feed was last read successfully, or null if never. */
    public OffsetDateTime lastPulledAt() {
        return positions.lastPulledAt(FEED);
    }

    /** Stores a page's episodes (runs in the page's transaction, after the position was checked). */
    private Applied apply(FeedPull.Page<ClusteringFeed.Item> page) {
        int episodes = 0;
        int skipped = 0;
        Map<String, Integer> byProvider = new HashMap<>();
        Map<String, Boolean> uploads = new HashMap<>();
        for (ClusteringFeed.Item item : page.items()) {
            ClusteringFeed.Episode e = item.episode();
            if (!"EPISODE".equals(item.type()) || e == null) {
                continue;
            }
            boolean uploading = uploads.computeIfAbsent(e.providerCode(), p -> queries.hasSource(p, "UPLOAD"));
            if (uploading) {
                skipped++;
                continue;
            }
            queries.upsertFed(new EpisodeQueries.Fed(e.providerCode(), e.id(), item.localId(), e.code(),
                    e.startDate(), e.endDate(), e.reviewDue(), e.commissionerCode(), e.team(), item.pseudonym()));
            episodes++;
            byProvider.merge(e.providerCode(), 1, Integer::sum);
        }
        return new Applied(page.items().size(), episodes, byProvider, skipped);
    }
}
