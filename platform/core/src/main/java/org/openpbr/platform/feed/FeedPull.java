package org.openpbr.platform.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.openpbr.platform.problem.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The consumer side of a feed: read pages from the consumer's position, apply each with the
 * position it leads to in one transaction, stop when caught up or when the page budget is spent.
 * The producer's REST client (with its service-account token, timeout, retry and circuit breaker,
 * declared on the client interface) is the {@code reader}; a failure to read is a 503 problem with
 * {@code Retry-After}, and what was applied before stays applied.
 */
public final class FeedPull {

    private static final Logger LOG = Logger.getLogger(FeedPull.class);

    /** One page as the producer serves it: its items, the next page's address, and where to resume. */
    public record Page<T>(List<T> items, URI next, String resumeAfter) {
    }

    /** What a pull did: each applied page's result, and whether the feed was read to its end. */
    public record Result<R>(List<R> pages, boolean caughtUp) {
    }

    /** How one pull runs. */
    public record Settings(String feed, String producer, int maxPages, int retryAfterSeconds) {
    }

    private FeedPull() {
    }

    /**
     * @param reader  reads the page after a cursor (null for the start)
     * @param applier stores a page; runs in the page's transaction, after the position is checked
     */
    public static <T, R> Result<R> pull(FeedPositions positions, Settings settings, Function<String, Page<T>> reader,
            Function<Page<T>, R> applier) {
        List<R> applied = new ArrayList<>();
        String after = positions.position(settings.feed());
        for (int page = 0; page < settings.maxPages(); page++) {
            Page<T> read = read(settings, reader, after);
            String from = after;
            boolean advanced = QuarkusTransaction.requiringNew().call(() -> {
                if (!positions.lockAt(settings.feed(), from)) {
                    return false;
                }
                applied.add(applier.apply(read));
                positions.advance(settings.feed(), read.resumeAfter());
                return true;
            });
            if (!advanced) {
                return new Result<>(applied, false);
            }
            after = read.resumeAfter();
            if (read.next() == null || read.items().isEmpty()) {
                return new Result<>(applied, true);
            }
        }
        return new Result<>(applied, false);
    }

    private static <T> Page<T> read(Settings settings, Function<String, Page<T>> reader, String after) {
        try {
            Page<T> page = reader.apply(after);
            if (page == null || page.items() == null || page.resumeAfter() == null) {
                throw new IllegalStateException("a feed page without items or resumeAfter");
            }
            return page;
        } catch (RuntimeException e) {
            LOG.warnf("%s feed read failed: %s", settings.producer(), e);
            throw ProblemException.unavailable(settings.producer() + "'s feed cannot be read just now;"
                    + " what was already pulled is unchanged", settings.retryAfterSeconds());
        }
    }
}
