package org.openpbr.clustering.assessment;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.openpbr.clustering.decision.SuggestionView;
import org.openpbr.clustering.scheme.LoadedScheme;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.idempotency.IdempotentWrites;
import org.openpbr.platform.problem.ProblemException;


/** MHCT assessments and allocations, as EPR systems record them. */
@Path("/v1/assessments")
@Tag(name = "Assessments", description = "MHCT assessments, decision support as recorded, and the clinician's allocation")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD })
public class AssessmentResource {


    @Inject
    AssessmentService assessments;

    @Inject
    IdempotentWrites idempotency;

    @Inject
    CallerContext callers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordAssessment", summary = "Record an MHCT assessment (and optionally its allocation)",
            description = "Validates the assessment completely, runs decision support with the scheme version in force on the assessment date, and stores the result with it. "
                    + "With `allocation`, records the clinician's code in the same step and starts a cluster episode (ending the previous one the day before); a DISCHARGE assessment ends the open episode instead.")
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentViews.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssessmentViews.Request.class),
            examples = @ExampleObject(name = "an initial assessment (use your patient and care spell ids)", value = ApiExamples.ASSESSMENT)))
    public Response record(
            @Parameter(name = IdempotentWrites.HEADER, in = ParameterIn.HEADER, description = IdempotentWrites.HEADER_DESCRIPTION) @HeaderParam(IdempotentWrites.HEADER) String key,
            @NotNull @Valid AssessmentViews.Request body, @Context UriInfo uri) {
        Caller caller = callers.current();
        String provider = caller.requireProviderOrg();
        return idempotency.create(provider, key, "POST /v1/assessments", body, () -> {
            AssessmentService.Recorded recorded = assessments.record(provider, caller, body);
            return new IdempotentWrites.Created(
                    uri.getBaseUriBuilder().path("v1/assessments/{id}").build(recorded.assessment().id),
                    assessments.view(recorded));
        });
    }

    @GET
    @Path("/{assessmentId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAssessment", summary = "One of your organisation's assessments, with its allocation and episode")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentViews.View.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AssessmentViews.View get(@PathParam("assessmentId") UUID assessmentId) {
        String provider = callers.current().requireProviderOrg();
        return assessments.view(assessments.stored(assessments.owned(provider, assessmentId)));
    }

    @GET
    @Path("/{assessmentId}/suggestion")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAssessmentSuggestion", summary = "The assessment's decision support with every code's per-scale trace",
            description = "Exactly the result recorded with the assessment (same scheme version and rule), with the trace that explains each code's place. 404 when the assessment has no decision support (discharge, or a scheme without a grid).")
    @APIResponse(responseCode = "200", description = "The full result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SuggestionView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SuggestionView suggestion(@PathParam("assessmentId") UUID assessmentId) {
        String provider = callers.current().requireProviderOrg();
        Assessment assessment = assessments.owned(provider, assessmentId);
        AssessmentService.Recorded recorded = assessments.stored(assessment);
        LoadedScheme scheme = recorded.scheme();
        return recorded.fit().map(result -> SuggestionView.of(scheme, result))
                .orElseThrow(() -> ProblemException.notFound("Decision support for assessment " + assessmentId));
    }

    @POST
    @Path("/{assessmentId}/allocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "allocateCluster", summary = "Record the clinician's code for an assessment",
            description = "For an assessment recorded without an allocation. A code other than the suggestion (or a code tied with it) needs an override reason. Starts a cluster episode and ends the previous one the day before. One allocation per assessment.")
    @APIResponse(responseCode = "201", description = "Allocated",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentViews.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssessmentViews.AllocationRequest.class),
            examples = @ExampleObject(name = "the suggested code", value = ApiExamples.ALLOCATION)))
    public Response allocate(
            @Parameter(name = IdempotentWrites.HEADER, in = ParameterIn.HEADER, description = IdempotentWrites.HEADER_DESCRIPTION) @HeaderParam(IdempotentWrites.HEADER) String key,
            @PathParam("assessmentId") UUID assessmentId, @NotNull @Valid AssessmentViews.AllocationRequest body,
            @Context UriInfo uri) {
        Caller caller = callers.current();
        String provider = caller.requireProviderOrg();
        return idempotency.create(provider, key, "POST /v1/assessments/" + assessmentId + "/allocation",
                body, () -> {
                    assessments.allocate(provider, caller, assessmentId, body);
                    Assessment assessment = assessments.owned(provider, assessmentId);
                    return new IdempotentWrites.Created(
                            uri.getBaseUriBuilder().path("v1/assessments/{id}").build(assessment.id),
                            assessments.view(assessments.stored(assessment)));
                });
    }
}
