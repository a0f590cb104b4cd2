package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The patient feature's SQL. */
@ApplicationScoped
public class PatientQueries {

    /** Yields to a concurrent insert of the same local id: it waits for that one to commit, then inserts nothing. */
    private static final String INSERT_PATIENT = """
            insert into patient (id, provider_code, local_id, nhs_number, date_of_birth)
            values (:id, :provider, :local, :nhs, :born)
            on conflict (provider_code, local_id) do nothing""";

    private static final String ASSESSMENTS_AFTER = """
            select count(*) from assessment where care_spell_id = :spell and assessed_on > :end""";

    @Inject
    EntityManager em;

    /** True when this call inserted the patient; false when the local id was already registered. */
    public boolean insertIfNew(Patient candidate) {
        return em.createNativeQuery(INSERT_PATIENT).setParameter("id", candidate.id)
                .setParameter("provider", candidate.providerCode).setParameter("local", candidate.localId)
                .setParameter("nhs", candidate.nhsNumber).setParameter("born", candidate.dateOfBirth)
                .executeUpdate() == 1;
    }

    /** How many assessments of the spell are dated after {@code end}. */
    public long assessmentsAfter(UUID spellId, LocalDate end) {
        return ((Number) em.createNativeQuery(ASSESSMENTS_AFTER).setParameter("spell", spellId).setParameter("end", end)
                .getSingleResult()).longValue();
    }
}
