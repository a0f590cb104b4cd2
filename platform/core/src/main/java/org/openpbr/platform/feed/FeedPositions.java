package org.openpbr.platform.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Where a consumer stands in each feed it reads, kept in its own database (table
 * {@code feed_position (feed text primary key, resume_after text not null, updated_at timestamptz)},
 * created by the consuming service's migrations). Each page is applied in one transaction with the
 * position it leads to, so a pull that breaks off resumes exactly there.
 */
@ApplicationScoped
public class FeedPositions {

    @Inject
    EntityManager em;

    /** The cursor to resume after, or null at the feed's start (the position is created on first use). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String position(String feed) {
        em.createNativeQuery("insert into feed_position (feed, resume_after) values (:f, '') on conflict (feed) do nothing")
                .setParameter("f", feed).executeUpdate();
        String after = (String) em.createNativeQuery("select resume_after from feed_position where feed = :f")
                .setParameter("f", feed).getSingleResult();
        return after.isEmpty() ? null : after;
    }

    /**
     * The position as the caller's transaction sees it (null before the first page), read without
     * creating or locking it: for a reader that must not wait on a page being applied.
     */
    public String current(String feed) {
        List<?> at = em.createNativeQuery("select resume_after from feed_position where feed = :f").setParameter("f", feed)
                .getResultList();
        return at.isEmpty() || ((String) at.get(0)).isEmpty() ? null : (String) at.get(0);
    }

    /**
     * Locks the position for this transaction and says whether it is still {@code from}: false when
     * another replica moved it meanwhile, and the page read from {@code from} must be dropped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockAt(String feed, String from) {
        String current = (String) em.createNativeQuery("select resume_after from feed_position where feed = :f for update")
                .setParameter("f", feed).getSingleResult();
        return current.equals(from == null ? "" : from);
    }

    /** Moves the (locked) position on, in the transaction that applied the page. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(String feed, String to) {
        em.createNativeQuery("update feed_position set resume_after = :to, updated_at = now() where feed = :f")
                .setParameter("to", to).setParameter("f", feed).executeUpdate();
    }

    /** When the feed was last read successfully, or null if never. */
    public OffsetDateTime lastPulledAt(String feed) {
        @SuppressWarnings("unchecked")
        List<Object> at = em.createNativeQuery("select updated_at from feed_position where feed = :f")
                .setParameter("f", feed).getResultList();
        if (at.isEmpty()) {
            return null;
        }
        Object value = at.get(0);
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : (OffsetDateTime) value;
    }
}
