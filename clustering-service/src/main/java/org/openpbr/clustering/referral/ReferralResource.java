package org.openpbr.clustering.referral;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.clustering.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.clustering.assessment.AssessmentReason;
import org.openpbr.clustering.assessment.rule.AssessmentRules;
import org.openpbr.clustering.assessment.AssessmentService;
import org.openpbr.clustering.assessment.AssessmentViews;
import org.openpbr.clustering.assessment.Item8ProblemType;
import org.openpbr.clustering.decision.RatingsInput;
import org.openpbr.clustering.patient.CareSpell;
import org.openpbr.clustering.patient.Patient;
import org.openpbr.clustering.patient.PatientService;
import org.openpbr.clustering.patient.PatientViews;
import org.openpbr.clustering.patient.rule.CareSpellRules;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.idempotency.IdempotentWrites;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;
import org.openpbr.platform.validation.Identifier;


/**
 * A clustered referral in one call: the person (registered or found by local id), the care spell,
 * and the MHCT assessment with its allocation, stored together or not at all. This is how an
 * independent-sector provider submits its clustered referrals, and how a trust records a referral
 * from one that arrives already clustered (source INDEPENDENT_PROVIDER).
 */
@Path("/v1/referrals")
@Tag(name = "Referrals", description = "Clustered referrals in one atomic call")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD })
public class ReferralResource {

    @Inject
    PatientService patients;

    @Inject
    AssessmentService assessments;

    @Inject
    IdempotentWrites idempotency;

    @Inject
    CallerContext callers;

    @Schema(name = "ClusteredAssessment", description = "The assessment of a clustered referral; its allocation is required.")
    @CrossFieldChecked
    public record ClusteredAssessment(@Schema(required = true) @NotNull @PastOrPresent LocalDate assessedOn,
            @Schema(required = true) @NotNull AssessmentReason reason,
            @Schema(required = true) @NotNull @Valid RatingsInput ratings,
            Item8ProblemType item8ProblemType,
            @Size(max = 500, message = "must be at most 500 characters") String item8ProblemText,
            @Schema(required = true) @NotBlank @Identifier String rater,
            @Schema(required = true) @NotBlank @Identifier String team, String scheme,
            @Schema(required = true) @NotNull(message = "is required: a clustered referral carries its cluster") @Valid AssessmentViews.AllocationRequest allocation)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return AssessmentRules.faults(reason, ratings == null ? null : ratings.s8(), item8ProblemType,
                    item8ProblemText, allocation != null);
        }
    }

    @Schema(name = "ClusteredReferral")
    @CrossFieldChecked
    public record ClusteredReferral(@Schema(required = true) @NotNull @Valid PatientViews.Registration patient,
            @Schema(required = true) @NotNull @Valid PatientViews.SpellRequest careSpell,
            @Schema(required = true) @NotNull @Valid ClusteredAssessment assessment) implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return patient == null || careSpell == null ? List.of()
                    : CareSpellRules.startAfterBirth(careSpell.startDate(), patient.dateOfBirth(), "careSpell.startDate");
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitClusteredReferral", summary = "Submit a clustered referral (person, care spell, assessment and allocation at once)",
            description = "Registers the person (or finds them by local id with the same details), opens the care spell, records the assessment with decision support and the allocation, and starts the cluster episode, all in one transaction. Faults are reported under `patient.`, `careSpell.` and `assessment.`.")
    @APIResponse(responseCode = "201", description = "Recorded; the assessment with its allocation and episode",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentViews.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClusteredReferral.class),
            examples = @ExampleObject(name = "an independent provider's clustered referral", value = ApiExamples.CLUSTERED_REFERRAL)))
    public Response submit(
            @Parameter(name = IdempotentWrites.HEADER, in = ParameterIn.HEADER, description = IdempotentWrites.HEADER_DESCRIPTION) @HeaderParam(IdempotentWrites.HEADER) String key,
            @NotNull @Valid ClusteredReferral body, @Context UriInfo uri) {
        Caller caller = callers.current();
        String provider = caller.requireProviderOrg();
        return idempotency.create(provider, key, "POST /v1/referrals", body, () -> {
            Patient patient = patients.register(provider, body.patient()).patient();
            CareSpell spell = patients.openSpell(provider, patient, body.careSpell(), "careSpell");
            ClusteredAssessment a = body.assessment();
            AssessmentViews.Request request = new AssessmentViews.Request(patient.id, spell.id, a.assessedOn(),
                    a.reason(), a.ratings(), a.item8ProblemType(), a.item8ProblemText(), a.rater(), a.team(), a.scheme(),
                    a.allocation());
            AssessmentService.Recorded recorded;
            try {
                recorded = assessments.record(provider, caller, request);
            } catch (ProblemException e) {
                throw prefixed(e, "assessment.");
            }
            return new IdempotentWrites.Created(
                    uri.getBaseUriBuilder().path("v1/assessments/{id}").build(recorded.assessment().id),
                    assessments.view(recorded));
        });
    }

    private static ProblemException prefixed(ProblemException e, String prefix) {
        if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
            return e;
        }
        return ProblemException.invalid(e.problem().errors().stream()
                .map(error -> new FieldError(prefix + error.field(), error.message())).toList());
    }

}
