package org.openpbr.platform.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.openpbr.platform.persistence.Row;

/**
 * The producer side of a feed: keeps it gap-free. The producing service numbers its feed rows from
 * the sequence {@code change_seq} (created by its migrations). Change numbers come from a sequence, so a transaction can take a
 * lower number than another and commit after it; a consumer that had already read past it would
 * never see it. Every transaction that writes feed rows holds a shared lock until it commits; the
 * feed takes the lock exclusively for an instant to learn the highest number that is certainly
 * settled, and serves nothing above it.
 */
@ApplicationScoped
public class ChangeHorizon {

    /** Arbitrary, fixed advisory-lock key of the change feed. */
    static final long LOCK_KEY = 4_216_801L;

    @Inject
    EntityManager em;

    /** Call first in any transaction that writes rows the feed serves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writing() {
        em.createNativeQuery("select pg_advisory_xact_lock_shared(:key)").setParameter("key", LOCK_KEY)
                .getSingleResult();
    }

    /** The highest change number below which every change is committed (or rolled back for good). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long settled() {
        em.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", LOCK_KEY).getSingleResult();
        Row row = Row.first(em.createNativeQuery("select last_value, is_called from change_seq", Tuple.class))
                .orElseThrow();
        long last = row.whole("last_value");
        return row.flag("is_called") ? last : last - 1;
    }
}
