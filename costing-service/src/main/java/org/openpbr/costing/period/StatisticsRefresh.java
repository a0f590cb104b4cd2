package org.openpbr.costing.period;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Refreshes PostgreSQL's statistics on an activity table once a load of it has committed, and on
 * the cluster episodes once many have been stored (an upload or a feed pull), in the background: the load is acknowledged without waiting, and the first costing run after it is
 * planned on the rows it will read. A run checks again before it starts (in case this has not
 * finished, or the service stopped first), so nothing depends on this having run.
 */
@ApplicationScoped
public class StatisticsRefresh {

    private static final Logger LOG = Logger.getLogger(StatisticsRefresh.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "statistics-refresh");
        t.setDaemon(true);
        return t;
    });

    /** Fewer changed episodes than this leave the plan as it was; the run's own check covers the rest. */
    static final int EPISODES_WORTH_ANALYSING = 1000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** After a committed load of {@code kind}: analyse its table soon. */
    void afterLoad(ActivityKind kind) {
        worker.submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                LoadQueries.refreshStatistics(c, kind);
            } catch (SQLException e) {
                // the next run refreshes them itself
                LOG.warnf("could not refresh statistics after a %s load: %s", kind, e.getMessage());
            }
        });
    }

    /**
     * After {@code changed} cluster episodes were stored: analyse the episodes once the current
     * transaction has committed (at once, outside one), when enough changed to move a run's plan.
     */
    public void afterEpisodesChange(int changed) {
        if (changed < EPISODES_WORTH_ANALYSING) {
            return;
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        analyseEpisodes();
                    }
                }
            });
        } else {
            analyseEpisodes();
        }
    }

    private void analyseEpisodes() {
        worker.submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                LoadQueries.refreshEpisodeStatistics(c);
            } catch (SQLException e) {
                LOG.warnf("could not refresh statistics after storing episodes: %s", e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
