package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openpbr.clustering.patient.rule.CareSpellRules;
import org.openpbr.platform.nhs.ValidNhsNumber;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;
import org.openpbr.platform.validation.Identifier;
import org.openpbr.platform.validation.OdsCode;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Patients and care spells as the owning provider sees them. */
public final class PatientViews {

    private PatientViews() {
    }

    @Schema(name = "PatientRegistration")
    public record Registration(
            @Schema(required = true, description = "The provider's own identifier for the person.", example = "RX1-000123") @NotBlank @Identifier String localId,
            @Schema(description = "Ten digits, optionally spaced 3-3-4; checked by modulus 11. Omit it when not known (a blank value is refused).", example = "943 476 5919") @ValidNhsNumber String nhsNumber,
            @Schema(required = true, description = "Not in the future.") @NotNull @PastOrPresent LocalDate dateOfBirth) {
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
    @CrossFieldChecked
    public record SpellRequest(
            @Schema(required = true, description = "ODS code of the responsible commissioner.", example = "15N") @NotBlank @OdsCode String commissionerCode,
            @Schema(required = true, description = "Not in the future, nor before the date of birth.") @NotNull @PastOrPresent LocalDate startDate,
            @Schema(description = "Last day of the spell; omit while open. Not before startDate.") LocalDate endDate,
            @Schema(required = true) @NotNull ReferralSource source,
            @Schema(description = "ODS code of the referring organisation (required when the source is INDEPENDENT_PROVIDER).", example = "NZ1") @OdsCode String referringOrgCode)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return CareSpellRules.faults(startDate, endDate, source == ReferralSource.INDEPENDENT_PROVIDER,
                    referringOrgCode);
        }
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
