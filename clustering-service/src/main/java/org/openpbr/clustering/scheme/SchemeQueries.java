package org.openpbr.clustering.scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The scheme feature's queries: published versions, by name and version or by the date in force. */
@ApplicationScoped
public class SchemeQueries {

    /** Of the versions whose effective dates cover the date, the one published last. */
    private static final String IN_FORCE = """
            select id from SchemeVersion
             where scheme = :scheme and effectiveFrom <= :date and (effectiveTo is null or effectiveTo >= :date)
             order by id desc""";

    @Inject
    EntityManager em;

    /** Serialises publications of one scheme within the transaction. */
    public void lock(String scheme) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:scheme))").setParameter("scheme", scheme)
                .getSingleResult();
    }

    /** Versions after the cursor, by id: a page of the catalogue. */
    public List<SchemeVersion> after(long afterId, int rows) {
        return em.createQuery("from SchemeVersion where id > :after order by id", SchemeVersion.class)
                .setParameter("after", afterId).setMaxResults(rows).getResultList();
    }

    public Optional<SchemeVersion> find(String scheme, String version) {
        return em.createQuery("from SchemeVersion where scheme = :scheme and version = :version", SchemeVersion.class)
                .setParameter("scheme", scheme).setParameter("version", version).getResultStream().findFirst();
    }

    public Optional<Long> inForce(String scheme, LocalDate date) {
        List<Long> ids = em.createQuery(IN_FORCE, Long.class).setParameter("scheme", scheme).setParameter("date", date)
                .setMaxResults(1).getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    public SchemeVersion byId(long id) {
        return em.find(SchemeVersion.class, id);
    }

    public void flush() {
        em.flush();
    }
}
