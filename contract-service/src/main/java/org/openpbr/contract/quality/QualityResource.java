package org.openpbr.contract.quality;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;

/** The quality incentive's achievement: entered by the commissioner's contract manager, with evidence. */
@Path("/v1/contracts/{id}/quality")
@Tag(name = "Quality", description = "Quality incentive achievement (entered with evidence until outcomes-service reports it)")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class QualityResource {

    @Inject
    CallerContext callers;

    @Inject
    QualityService quality;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getQualityAchievement", summary = "The quality incentive as it stands: pot, indicators, achievement, earned")
    @APIResponse(responseCode = "200", description = "The incentive",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityViews.Achievement.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QualityViews.Achievement get(@PathParam("id") UUID id) {
        return quality.achievement(callers.current(), id);
    }

    @POST
    @Path("/{measureId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "enterQualityAchievement", summary = "Enter a measure's achievement with its evidence (the commissioner's contract-manager)",
            description = "Append-only: a correction is a later entry, and the latest entry counts at the year end.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityViews.Entry.class),
            examples = @ExampleObject(name = "paired outcomes", value = "{\"achieved\": 47.5, \"evidence\": \"Outcomes report for 2025-26, table 3, run 2026-04-20\"}")))
    @APIResponse(responseCode = "200", description = "The incentive with the new entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityViews.Achievement.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QualityViews.Achievement enter(@PathParam("id") UUID id,
            @PathParam("measureId") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be 1-64 letters, digits or . _ - (starting with a letter or digit)") String measureId,
            @NotNull @Valid QualityViews.Entry body) {
        return quality.enter(callers.current(), id, measureId, body);
    }
}
