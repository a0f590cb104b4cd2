package org.openpbr.clustering.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
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
import org.openpbr.clustering.episode.EpisodeViews;
import org.openpbr.clustering.episode.EpisodeService;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.idempotency.IdempotentWrites;
import org.openpbr.platform.problem.ProblemException;

/** A provider's patients and their care spells. Providers see only their own. */
@Path("/v1/patients")
@Tag(name = "Patients", description = "People, and their referrals / care spells, per provider")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD })
public class PatientResource {

    @Inject
    PatientService patients;

    @Inject
    CallerContext callers;

    @Inject
    EpisodeService episodes;

    @Inject
    IdempotentWrites idempotency;

    @Schema(name = "ClusterEpisodeList")
    public record EpisodeList(@Schema(required = true, description = "Every episode of the person with your organisation, oldest first.") List<EpisodeViews.EpisodeView> items) {
    }

    @Schema(name = "CareSpellList")
    public record SpellList(@Schema(required = true, description = "Every care spell of the person with this provider, oldest first.") List<PatientViews.Spell> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerPatient", summary = "Register a person with your organisation",
            description = "Idempotent on the local id: the same local id with the same details returns the existing record (200); with a different NHS number or date of birth it is a 409.")
    @APIResponse(responseCode = "200", description = "Already registered with these details",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.View.class)))
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PatientViews.Registration.class),
            examples = @ExampleObject(name = "a person with an NHS number", value = ApiExamples.REGISTRATION)))
    public Response register(@NotNull @Valid PatientViews.Registration body, @Context UriInfo uri) {
        PatientService.Registered registered = patients.register(callers.current().requireProviderOrg(), body);
        PatientViews.View view = PatientViews.View.of(registered.patient());
        if (!registered.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @Path("/{patientId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPatient", summary = "One of your organisation's patients")
    @APIResponse(responseCode = "200", description = "The patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.View.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PatientViews.View get(@PathParam("patientId") UUID patientId) {
        return PatientViews.View.of(patients.owned(callers.current().requireProviderOrg(), patientId));
    }

    @GET
    @Path("/by-local-id/{localId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "findPatientByLocalId", summary = "Find one of your patients by your local id")
    @APIResponse(responseCode = "200", description = "The patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.View.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PatientViews.View byLocalId(@PathParam("localId") String localId) {
        return PatientViews.View.of(patients.byLocalId(callers.current().requireProviderOrg(), localId)
                .orElseThrow(() -> ProblemException.notFound("A patient with that local id")));
    }

    @POST
    @Path("/{patientId}/care-spells")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openCareSpell", summary = "Record a referral / care spell",
            description = "The responsible commissioner on the spell decides which commissioner sees (pseudonymised) and pays for the person's clustering. Send an Idempotency-Key so that a retried request does not open a second spell.")
    @APIResponse(responseCode = "201", description = "Recorded",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.Spell.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PatientViews.SpellRequest.class),
            examples = @ExampleObject(name = "a GP referral", value = ApiExamples.CARE_SPELL)))
    public Response openSpell(
            @Parameter(name = IdempotentWrites.HEADER, in = ParameterIn.HEADER, description = IdempotentWrites.HEADER_DESCRIPTION) @HeaderParam(IdempotentWrites.HEADER) String key,
            @PathParam("patientId") UUID patientId, @NotNull @Valid PatientViews.SpellRequest body, @Context UriInfo uri) {
        String provider = callers.current().requireProviderOrg();
        return idempotency.create(provider, key, "POST /v1/patients/" + patientId + "/care-spells", body, () -> {
            CareSpell spell = patients.openSpell(provider, patientId, body);
            return new IdempotentWrites.Created(uri.getAbsolutePathBuilder().path(spell.id.toString()).build(),
                    PatientViews.Spell.of(spell));
        });
    }

    @Schema(name = "CareSpellEnd")
    public record SpellEnd(@Schema(required = true, description = "The spell's last day; not in the future, not before an assessment in it.") @NotNull @PastOrPresent LocalDate endDate) {
    }

    @GET
    @Path("/{patientId}/care-spells/{spellId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCareSpell", summary = "One care spell, with its ETag")
    @APIResponse(responseCode = "200", description = "The care spell; the ETag header is needed to end it",
            headers = @Header(name = "ETag", description = "This state of the spell", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.Spell.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response spell(@PathParam("patientId") UUID patientId, @PathParam("spellId") UUID spellId) {
        CareSpell spell = patients.ownedSpell(callers.current().requireProviderOrg(), patientId, spellId);
        return Response.ok(PatientViews.Spell.of(spell)).header("ETag", spell.etag()).build();
    }

    @POST
    @Path("/{patientId}/care-spells/{spellId}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "endCareSpell", summary = "End a care spell (If-Match required)",
            description = "Sets the spell's end date. Send the ETag from GET in If-Match: 428 without it, 412 when the spell has changed since. An open cluster episode of the spell ends the same day (end reason SPELL_ENDED); record a DISCHARGE assessment first when the person was rated at discharge.")
    @APIResponse(responseCode = "200", description = "Ended",
            headers = @Header(name = "ETag", description = "The new state of the spell", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientViews.Spell.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SpellEnd.class),
            examples = @ExampleObject(name = "the last day of the spell", value = ApiExamples.CARE_SPELL_END)))
    public Response endSpell(@PathParam("patientId") UUID patientId, @PathParam("spellId") UUID spellId,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = true, description = "The ETag from GET") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid SpellEnd body) {
        CareSpell spell = patients.endSpell(callers.current().requireProviderOrg(), patientId, spellId, body.endDate(),
                ifMatch);
        return Response.ok(PatientViews.Spell.of(spell)).header("ETag", spell.etag()).build();
    }

    @GET
    @Path("/{patientId}/care-spells")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCareSpells", summary = "A patient's care spells with your organisation")
    @APIResponse(responseCode = "200", description = "The care spells",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpellList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SpellList spells(@PathParam("patientId") UUID patientId) {
        return new SpellList(patients.spells(callers.current().requireProviderOrg(), patientId).stream()
                .map(PatientViews.Spell::of).toList());
    }

    @GET
    @Path("/{patientId}/episodes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPatientEpisodes", summary = "A person's cluster episodes with your organisation")
    @APIResponse(responseCode = "200", description = "The episodes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EpisodeList episodes(@PathParam("patientId") UUID patientId) {
        String provider = callers.current().requireProviderOrg();
        patients.owned(provider, patientId);
        return new EpisodeList(episodes.ofPatient(patientId, provider).stream().map(EpisodeViews.EpisodeView::of)
                .toList());
    }
}
