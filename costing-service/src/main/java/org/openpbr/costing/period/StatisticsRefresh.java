package org.openpbr.costing.period;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Refreshes PostgreSQL's statistics on an activity table once a load of it has committed, in the
 * background: the load is acknowledged without waiting, and the first costing run after it is
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

    @Inject
    AgroalDataSource dataSource;

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

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
