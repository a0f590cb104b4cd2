package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.clustering.episode.EpisodeService;
import org.openpbr.platform.feed.ChangeHorizon;
import org.openpbr.platform.nhs.NhsNumber;
import org.openpbr.platform.problem.ProblemException;

/** Patients and care spells, always within one provider's records. */
@ApplicationScoped
public class PatientService {

    @Inject
    EpisodeService episodes;

    @Inject
    EntityManager em;

    @Inject
    ChangeHorizon horizon;

    /** The outcome of a registration: the record, and whether this call created it. */
    public record Registered(Patient patient, boolean created) {
    }

    /**
     * Registers a person with a provider, or finds the existing record for the same local id. The
     * same local id with a different NHS number or date of birth is a 409, never a silent update.
     * Simultaneous registrations of the same person are one registration: the insert yields to a
     * concurrent one (on conflict do nothing waits for it to commit), and the others then find it.
     */
    @Transactional
    public Registered register(String providerCode, PatientViews.Registration request, String path) {
        Patient candidate = validated(providerCode, request, path, LocalDate.now());
        int inserted = em.createNativeQuery("""
                insert into patient (id, provider_code, local_id, nhs_number, date_of_birth)
                values (:id, :provider, :local, :nhs, :born)
                on conflict (provider_code, local_id) do nothing""")
                .setParameter("id", candidate.id).setParameter("provider", candidate.providerCode)
                .setParameter("local", candidate.localId).setParameter("nhs", candidate.nhsNumber)
                .setParameter("born", candidate.dateOfBirth).executeUpdate();
        Patient stored = Patient.find("providerCode = ?1 and localId = ?2", providerCode, candidate.localId)
                .<Patient>firstResultOptional().orElseThrow();
        if (inserted == 1) {
            return new Registered(stored, true);
        }
        if (Objects.equals(stored.nhsNumber, candidate.nhsNumber) && stored.dateOfBirth.equals(candidate.dateOfBirth)) {
            return new Registered(stored, false);
        }
        throw ProblemException.conflict("Local id " + candidate.localId
                + " is already registered with a different NHS number or date of birth");
    }

    /** A checked, unsaved patient; every fault is reported under {@code path}. */
    public Patient validated(String providerCode, PatientViews.Registration request, String path, LocalDate today) {
        Faults faults = new Faults();
        if (request == null) {
            faults.add(path.isEmpty() ? "body" : path, "is required").throwIfAny();
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        faults.identifier(prefix + "localId", request.localId(), true);
        String nhsNumber = null;
        if (request.nhsNumber() != null && !request.nhsNumber().isBlank()) {
            Optional<NhsNumber> parsed = NhsNumber.parse(request.nhsNumber());
            if (parsed.isEmpty()) {
                faults.add(prefix + "nhsNumber", "is not a valid NHS number (ten digits with a modulus 11 check digit)");
            } else {
                nhsNumber = parsed.get().digits();
            }
        }
        if (faults.present(prefix + "dateOfBirth", request.dateOfBirth())) {
            faults.notFuture(prefix + "dateOfBirth", request.dateOfBirth(), today);
        }
        faults.throwIfAny();
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.providerCode = providerCode;
        patient.localId = request.localId().strip();
        patient.nhsNumber = nhsNumber;
        patient.dateOfBirth = request.dateOfBirth();
        return patient;
    }

    /** The provider's patient, or 404 (also for another provider's patient: never reveal it exists). */
    public Patient owned(String providerCode, UUID id) {
        Patient patient = Patient.findById(id);
        if (patient == null || !patient.providerCode.equals(providerCode)) {
            throw ProblemException.notFound("Patient " + id);
        }
        return patient;
    }

    public Optional<Patient> byLocalId(String providerCode, String localId) {
        return Patient.find("providerCode = ?1 and localId = ?2", providerCode, localId).firstResultOptional();
    }

    @Transactional
    public CareSpell openSpell(String providerCode, UUID patientId, PatientViews.SpellRequest request) {
        Patient patient = owned(providerCode, patientId);
        CareSpell spell = validatedSpell(providerCode, patient, request, "");
        spell.persist();
        return spell;
    }

    /** A checked, unsaved care spell for the patient. */
    public CareSpell validatedSpell(String providerCode, Patient patient, PatientViews.SpellRequest request,
            String path) {
        Faults faults = new Faults();
        if (request == null) {
            faults.add(path.isEmpty() ? "body" : path, "is required").throwIfAny();
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        faults.odsCode(prefix + "commissionerCode", request.commissionerCode(), true);
        if (faults.present(prefix + "startDate", request.startDate())) {
            faults.notFuture(prefix + "startDate", request.startDate(), LocalDate.now());
            if (patient.dateOfBirth != null && request.startDate().isBefore(patient.dateOfBirth)) {
                faults.add(prefix + "startDate", "must not be before the date of birth");
            }
            if (request.endDate() != null && request.endDate().isBefore(request.startDate())) {
                faults.add(prefix + "endDate", "must not be before startDate");
            }
        }
        faults.present(prefix + "source", request.source());
        faults.odsCode(prefix + "referringOrgCode", request.referringOrgCode(),
                request.source() == ReferralSource.INDEPENDENT_PROVIDER);
        faults.throwIfAny();
        CareSpell spell = new CareSpell();
        spell.id = UUID.randomUUID();
        spell.patientId = patient.id;
        spell.providerCode = providerCode;
        spell.commissionerCode = request.commissionerCode();
        spell.startDate = request.startDate();
        spell.endDate = request.endDate();
        spell.source = request.source();
        spell.referringOrgCode = request.referringOrgCode();
        return spell;
    }

    /** The provider's care spell of that patient, or 404. */
    public CareSpell ownedSpell(String providerCode, UUID patientId, UUID spellId) {
        CareSpell spell = CareSpell.findById(spellId);
        if (spell == null || !spell.providerCode.equals(providerCode) || !spell.patientId.equals(patientId)) {
            throw ProblemException.notFound("Care spell " + spellId + " of patient " + patientId);
        }
        return spell;
    }

    /**
     * Ends a care spell. The caller must send the ETag it last saw (If-Match), so an end date is never
     * set over a change it has not seen. An open cluster episode of the spell ends on the same day.
     */
    @Transactional
    public CareSpell endSpell(String providerCode, UUID patientId, UUID spellId, LocalDate endDate, String ifMatch) {
        CareSpell spell = ownedSpell(providerCode, patientId, spellId);
        IfMatch.requirePresent(ifMatch, "Send the care spell's ETag in If-Match (GET the spell to read it)");
        IfMatch.requireMatch(ifMatch, spell.etag(), "The care spell has changed since you read it; GET it again and retry");
        Faults faults = new Faults();
        if (faults.present("endDate", endDate)) {
            faults.notFuture("endDate", endDate, LocalDate.now());
            if (endDate.isBefore(spell.startDate)) {
                faults.add("endDate", "must not be before the spell's start (" + spell.startDate + ")");
            }
            if (spell.endDate != null) {
                faults.add("endDate", "the spell already ended on " + spell.endDate);
            }
            long later = ((Number) em.createNativeQuery(
                    "select count(*) from assessment where care_spell_id = :spell and assessed_on > :end")
                    .setParameter("spell", spell.id).setParameter("end", endDate).getSingleResult()).longValue();
            if (later > 0) {
                faults.add("endDate", "is before " + later + " assessment(s) recorded in this spell");
            }
        }
        faults.throwIfAny();
        horizon.writing();
        episodes.endWithSpell(spell.id, endDate);
        spell.endDate = endDate;
        spell.persistAndFlush();
        return spell;
    }

    public List<CareSpell> spells(String providerCode, UUID patientId) {
        owned(providerCode, patientId);
        return CareSpell.list("patientId = ?1 order by startDate, id", patientId);
    }
}
