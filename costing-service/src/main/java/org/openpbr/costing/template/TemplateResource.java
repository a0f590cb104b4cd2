package org.openpbr.costing.template;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.costing.period.PeriodResource;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.problem.ProblemException;

/** The uploads' CSV templates: what each column must hold, and a file to start from. */
@Path("/v1/upload-templates")
@Tag(name = "Upload templates", description = "The exact headers, rules and an example row of every costing upload")
@RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
public class TemplateResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listUploadTemplates", summary = "Every upload's columns, rules, allowed values and example")
    @APIResponse(responseCode = "200", description = "The templates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateViews.TemplateList.class)))
    public TemplateViews.TemplateList list() {
        return new TemplateViews.TemplateList(UploadTemplates.all());
    }

    @GET
    @Path("/{kind}")
    @Produces({ MediaType.APPLICATION_JSON, PeriodResource.CSV })
    @Operation(operationId = "getUploadTemplate", summary = "One upload's template: as JSON, or with Accept: text/csv the file (header and one example row)")
    @APIResponse(responseCode = "200", description = "The template",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateViews.Template.class)),
                    @Content(mediaType = PeriodResource.CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(description = "cost-centres, ledger, contacts, bed-days, group-sessions or episodes",
            example = "contacts") @PathParam("kind") String kind, @Context HttpHeaders headers) {
        TemplateViews.Template template = UploadTemplates.of(kind)
                .orElseThrow(() -> ProblemException.notFound("An upload template " + kind));
        // The file only when asked for by name: a wildcard Accept gets the JSON description.
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(type -> "text".equals(type.getType()) && "csv".equals(type.getSubtype())).orElse(false);
        if (csv) {
            return Response.ok(UploadTemplates.csv(template), PeriodResource.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + kind + ".csv\"").build();
        }
        return Response.ok(template, MediaType.APPLICATION_JSON).build();
    }
}
