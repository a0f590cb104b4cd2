package org.openpbr.costing.centre;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The cost centre feature's SQL. */
@ApplicationScoped
public class CostCentreQueries {

    private static final String IN_USE = """
            select exists (select 1 from ledger_line where cost_centre_id = :id)
                or exists (select 1 from care_contact where cost_centre_id = :id)
                or exists (select 1 from group_session where cost_centre_id = :id)
                or exists (select 1 from bed_day where cost_centre_id = :id)""";

    @Inject
    EntityManager em;

    /** Whether a ledger line or any activity refers to the centre (then its type cannot change). */
    public boolean inUse(int centreId) {
        return (Boolean) em.createNativeQuery(IN_USE).setParameter("id", centreId).getSingleResult();
    }
}
