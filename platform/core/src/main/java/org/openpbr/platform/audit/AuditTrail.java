package org.openpbr.platform.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.openpbr.platform.caller.Caller;

/**
 * Records audited changes (allocations, tariffs, contracts, settlements). Must run inside the
 * transaction that makes the change, so a change and its audit row commit or fail together.
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    EntityManager em;

    /**
     * @param action     what happened, as {@code noun.verb} (e.g. {@code allocation.recorded})
     * @param entityType the kind of record changed
     * @param entityId   which record
     * @param reason     why, in the actor's words or a coded reason; may be null
     * @param details    what changed; never personal identifiers such as NHS numbers
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(Caller actor, String action, String entityType, String entityId, String reason,
            Map<String, Object> details) {
        AuditEvent event = new AuditEvent();
        event.actorSubject = actor.subject();
        event.actorOrgCode = actor.orgCode().orElse(null);
        event.action = action;
        event.entityType = entityType;
        event.entityId = entityId;
        event.reason = reason;
        Map<String, Object> present = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                if (value != null) {
                    present.put(key, value); // absent facts are left out rather than stored as null
                }
            });
        }
        event.details = Collections.unmodifiableMap(present);
        em.persist(event);
        return event;
    }

    /** The history of one record, oldest first. */
    public List<AuditEvent> history(String entityType, String entityId) {
        return em.createQuery("from AuditEvent where entityType = :type and entityId = :id order by id",
                AuditEvent.class).setParameter("type", entityType).setParameter("id", entityId).getResultList();
    }
}
