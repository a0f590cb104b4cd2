package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.clustering.patient.rule.CareSpellRules;
import org.openpbr.platform.problem.FieldError;
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
    PatientQueries queries;

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
    public Registered register(String providerCode, PatientViews.Registration request) {
        Patient candidate = candidate(providerCode, request);
        boolean inserted = queries.insertIfNew(candidate);
        Patient stored = Patient.find("providerCode = ?1 and localId = ?2", providerCode, candidate.localId)
                .<Patient>firstResultOptional().orElseThrow();
        if (inserted) {
            return new Registered(stored, true);
        }
        if (Objects.equals(stored.nhsNumber, candidate.nhsNumber) && stored.dateOfBirth.equals(candidate.dateOfBirth)) {
            return new Registered(stored, false);
        }
        throw ProblemException.conflict("Local id " + candidate.localId
                + " is already registered with a different NHS number or date of birth");
    }

    /** An unsaved patient from a registration whose fields were checked by their annotations. */
    private static Patient candidate(String providerCode, PatientViews.Registration request) {
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.providerCode = providerCode;
        patient.localId = request.localId().strip();
        patient.nhsNumber = request.nhsNumber() == null ? null : NhsNumber.parse(request.nhsNumber()).orElseThrow().digits();
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
        return openSpell(providerCode, owned(providerCode, patientId), request, "");
    }

    /** A care spell for a patient the caller already holds, checked (faults under {@code path}) and stored. */
    @Transactional
    public CareSpell openSpell(String providerCode, Patient patient, PatientViews.SpellRequest request, String path) {
        CareSpell spell = validatedSpell(providerCode, patient, request, path);
        spell.persist();
        return spell;
    }

    /**
     * An unsaved care spell for the patient, from a request whose own fields were checked by their
     * annotations; what depends on the stored person is checked here, with faults under {@code path}.
     */
    public CareSpell validatedSpell(String providerCode, Patient patient, PatientViews.SpellRequest request,
            String path) {
        List<FieldError> faults = CareSpellRules.startAfterBirth(request.startDate(), patient.dateOfBirth,
                path.isEmpty() ? "startDate" : path + ".startDate");
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
        CareSpell spell = new CareSpell();
        spell.id = UUID.randomUUID();
        spell.patientId = patient.id;
        spell.providerCode = providerCode;
        spell.commissionerCode = request.commissionerCode();
        spell.startDate = request.startDate();
        spell.endDate = request.endDate();
        spell.source = request.source();
        spell.referringOrgCode = request.referringOrgCode() == null || request.referringOrgCode().isBlank() ? null
                : request.referringOrgCode();
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
        // What the end date must respect in the stored spell; its own rules were checked on the request.
        Faults faults = new Faults();
        if (endDate.isBefore(spell.startDate)) {
            faults.add("endDate", "must not be before the spell's start (" + spell.startDate + ")");
        }
        if (spell.endDate != null) {
            faults.add("endDate", "the spell already ended on " + spell.endDate);
        }
        long later = queries.assessmentsAfter(spell.id, endDate);
        if (later > 0) {
            faults.add("endDate", "is before " + later + " assessment(s) recorded in this spell");
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
