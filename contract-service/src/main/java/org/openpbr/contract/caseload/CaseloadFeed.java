package org.openpbr.contract.caseload;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openpbr.contract.ContractConfig;
import org.openpbr.platform.feed.FeedPositions;
import org.openpbr.platform.feed.FeedPull;
import org.openpbr.platform.problem.ProblemException;

import io.quarkus.scheduler.Scheduled;

/**
 * Keeps contract-service's copy of clustering's cluster episodes and allocations up to date, by
 * pulling the change feed from where the last pull stopped. Each page is stored with the position
 * after it in one transaction, so a pull that breaks off resumes exactly there, and no change is
 * applied twice or skipped.
 */
@ApplicationScoped
public class CaseloadFeed {

    static final String FEED = "clustering";
    private static final Logger LOG = Logger.getLogger(CaseloadFeed.class);

    /** What one pull did. */
    public record Pulled(int changesRead, int episodesStored, int allocationsStored, boolean caughtUp) {
    }

    private record Applied(int changes, int episodes, int allocations) {
    }

    @Inject
    @RestClient
    ClusteringFeed feed;

    @Inject
    ContractConfig config;

    @Inject
    CaseloadQueries queries;

    @Inject
    FeedPositions positions;

    @Scheduled(identity = "contract-clustering-feed", every = "${openpbr.contract.feed.every}",
            delayed = "${openpbr.contract.feed.first-after}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Pulled pulled = pull();
            if (pulled.changesRead() > 0) {
                LOG.infof("clustering feed: %d changes read, %d episodes and %d allocations stored",
                        pulled.changesRead(), pulled.episodesStored(), pulled.allocationsStored());
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
    public synchronized Pulled pull() {
        FeedPull.Result<Applied> result = FeedPull.pull(positions, new FeedPull.Settings(FEED, "clustering-service",
                config.feed().maxPages(), config.feed().retryAfterSeconds()),
                after -> {
                    ClusteringFeed.Page page = feed.read(after, config.feed().pageSize());
                    return page == null ? null : new FeedPull.Page<>(page.items(), page.next(), page.resumeAfter());
                },
                this::apply);
        int changes = 0;
        int episodes = 0;
        int allocations = 0;
        for (Applied page : result.pages()) {
            changes += page.changes();
            episodes += page.episodes();
            allocations += page.allocations();
        }
        return new Pulled(changes, episodes, allocations, result.caughtUp());
    }

    /** When the feed was last read successfully, or null if never. */
    public OffsetDateTime lastPulledAt() {
        return positions.lastPulledAt(FEED);
    }

    /** Stores a page's records, the latest change of each (runs in the page's transaction). */
    private Applied apply(FeedPull.Page<ClusteringFeed.Item> page) {
        Map<UUID, CaseloadQueries.FedEpisode> episodes = new LinkedHashMap<>();
        Map<UUID, CaseloadQueries.FedAllocation> allocations = new LinkedHashMap<>();
        for (ClusteringFeed.Item item : page.items()) {
            if ("EPISODE".equals(item.type()) && item.episode() != null) {
                episodes.put(item.episode().id(), new CaseloadQueries.FedEpisode(item.seq(), item.localId(),
                        item.pseudonym(), item.episode()));
            } else if ("ALLOCATION".equals(item.type()) && item.allocation() != null) {
                allocations.put(item.allocation().id(), new CaseloadQueries.FedAllocation(item.seq(), item.localId(),
                        item.pseudonym(), item.allocation()));
            }
        }
        long intake = queries.nextIntake();
        return new Applied(page.items().size(), queries.storeEpisodes(episodes.values(), intake),
                queries.storeAllocations(allocations.values(), intake));
    }
}
