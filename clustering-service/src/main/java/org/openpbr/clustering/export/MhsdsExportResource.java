package org.openpbr.clustering.export;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.validation.IsoDate;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.problem.ProblemException;

/**
 * Mental Health Services Data Set shaped extracts of a provider's clustering for a period:
 * MHS801 (cluster tool assessments), MHS802 (one row per scale score) and MHS803 (care clusters).
 * Column names follow the data set's items in spirit; this is not a certified submission file.
 */
@Path("/v1/exports/mhsds")
@Tag(name = "Exports", description = "MHSDS-shaped CSV extracts for your organisation")
@RolesAllowed({ Roles.CLINICAL_LEAD, Roles.ANALYST })
public class MhsdsExportResource {

    static final String CSV = "text/csv";
    static final int MAX_PERIOD_DAYS = 731;

    @Inject
    MhsdsExport export;

    @Inject
    CallerContext callers;

    @GET
    @Path("/{table}")
    @Produces(CSV)
    @Operation(operationId = "exportMhsds", summary = "MHS801, MHS802 or MHS803 as CSV for your organisation and a period",
            description = "MHS801: assessments in the period (date, reason, initial (tool-suggested) cluster and its super-class). MHS802: their 18 scale scores, one row each. MHS803: care cluster episodes overlapping the period with start, end and final code. Your own records only; NHS numbers appear because the file is your submission.")
    @APIResponse(responseCode = "200", description = "The CSV file", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response export(
            @Parameter(description = "MHS801, MHS802 or MHS803.", schema = @Schema(type = SchemaType.STRING, enumeration = { "MHS801", "MHS802", "MHS803" })) @PathParam("table") String table,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") @NotBlank @IsoDate String from,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") @NotBlank @IsoDate String to) {
        String provider = callers.current().requireProviderOrg();
        if (!List.of("MHS801", "MHS802", "MHS803").contains(table)) {
            throw ProblemException.notFound("Table " + table);
        }
        LocalDate start = IsoDate.Parse.of(from);
        LocalDate end = IsoDate.Parse.of(to);
        List<Row> rows = export.rows(provider, table, start, end);
        StreamingOutput body = out -> export.write(table, rows, out);
        return Response.ok(body, CSV).header("Content-Disposition",
                "attachment; filename=\"" + provider + "-" + table + "-" + start + "-" + end + ".csv\"").build();
    }
}
