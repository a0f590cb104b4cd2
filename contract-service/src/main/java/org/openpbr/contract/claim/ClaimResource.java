package org.openpbr.contract.claim;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.contract.ApiExamples;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.csv.CsvCharset;
import org.openpbr.platform.csv.CsvTableWriter;

/** Claims files of a provider that invoices. */
@Path("/v1/contracts/{id}/claims")
@Tag(name = "Claims", description = "A provider that invoices sends a claims file per month; each claimed unit is matched against clustering's episodes")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class ClaimResource {

    @Inject
    CallerContext callers;

    @Inject
    ClaimService claims;

    @PUT
    @Path("/{period}")
    @Consumes(CsvTableWriter.TEXT_CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "sendClaims", summary = "Send a month's claims file (the provider's finance)",
            description = "For a contract whose terms say terms.validation.unitsFrom = CLAIMS. Columns person (the provider's local id), code, start_date, end_date; one line per claimed unit. "
                    + "All or nothing, every fault listed by line. Sending the month again supersedes its file (the old one is kept; the same file again changes nothing) until the month's statement is issued (409 after). "
                    + "Each line becomes a unit of the month its start date falls in, matched against the provider's cluster episodes by payment validation when statements are computed: PV01 no episode, PV03 another commissioner's, PV08 claimed twice.")
    @RequestBody(required = true, content = @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "two claims", value = ApiExamples.CLAIMS)))
    @APIResponse(responseCode = "200", description = "The file as kept",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimViews.File.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ClaimViews.File send(@PathParam("id") UUID id,
            @PathParam("period") @Min(value = 1, message = "must be 1-12") @Max(value = 12, message = "must be 1-12") int period,
            @Context HttpHeaders headers, byte[] file) {
        String csv = file == null ? "" : CsvCharset.text(file, headers.getMediaType(), "claims");
        return claims.upload(callers.current(), id, period, csv);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listClaimFiles", summary = "The contract's claims files, current and superseded")
    @APIResponse(responseCode = "200", description = "The files",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimViews.FileList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ClaimViews.FileList files(@PathParam("id") UUID id) {
        return claims.files(callers.current(), id);
    }

    @GET
    @Path("/{period}")
    @Produces(CsvTableWriter.TEXT_CSV)
    @Operation(operationId = "getClaims", summary = "A month's current claims file, as sent (the provider's roles)")
    @APIResponse(responseCode = "200", description = "The claims",
            content = @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ClaimViews.Lines lines(@PathParam("id") UUID id,
            @PathParam("period") @Min(value = 1, message = "must be 1-12") @Max(value = 12, message = "must be 1-12") int period) {
        return claims.lines(callers.current(), id, period);
    }
}
