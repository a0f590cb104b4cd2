package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Patients and care spells as the owning provider sees them. */
public final class PatientViews {

    private PatientViews() {
    }

    @Schema(name = "PatientRegistration")
    public record Registration(
            @Schema(required = true, description = "The provider's own identifier for the person.", example = "RX1-000123") String localId,
            @Schema(description = "Ten digits, optionally spaced 3-3-4; checked by modulus 11.", example = "943 476 5919") String nhsNumber,
            @Schema(required = true) LocalDate dateOfBirth) {
    }

    @Schema(name = "Patient")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(@Schema(required = true) UUID id, @Schema(required = true) String providerCode,
            @Schema(required = true) String localId,
            @Schema(description = "Ten digits; only ever shown to the provider that holds the record.") String nhsNumber,
            @Schema(required = true) LocalDate dateOfBirth) {

        static View of(Patient patient) {
            return new View(patient.id, patient.providerCode, patient.localId, patient.nhsNumber, patient.dateOfBirth);
        }
    }

    @Schema(name = "CareSpellRequest")
    public record SpellRequest(
            @Schema(required = true, description = "ODS code of the responsible commissioner.", example = "15N") String commissionerCode,
            @Schema(required = true) LocalDate startDate,
            @Schema(description = "Last day of the spell; omit while open.") LocalDate endDate,
            @Schema(required = true) ReferralSource source,
            @Schema(description = "ODS code of the referring organisation (required when the source is INDEPENDENT_PROVIDER).", example = "NZ1") String referringOrgCode) {
    }

    @Schema(name = "CareSpell")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spell(@Schema(required = true) UUID id, @Schema(required = true) UUID patientId,
            @Schema(required = true) String providerCode, @Schema(required = true) String commissionerCode,
            @Schema(required = true) LocalDate startDate, LocalDate endDate,
            @Schema(required = true) ReferralSource source, String referringOrgCode) {

        static Spell of(CareSpell spell) {
            return new Spell(spell.id, spell.patientId, spell.providerCode, spell.commissionerCode, spell.startDate,
                    spell.endDate, spell.source, spell.referringOrgCode);
        }
    }
}
