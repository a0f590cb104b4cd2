package org.openpbr.costing.centre;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.openpbr.costing.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.csv.CsvCharset;
import org.openpbr.costing.period.PeriodResource;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;

@Path("/v1/cost-centres")
@Tag(name = "Periods and loading")
public class CostCentreResource {

    @Schema(name = "CostCentre")
    public record View(@Schema(required = true) String code, @Schema(required = true) String name,
            @Schema(required = true) CostCentre.Type type) {
    }

    @Schema(name = "CostCentreList")
    public record ViewList(@Schema(required = true) List<View> items) {
    }

    @Schema(name = "CostCentreLoad")
    public record Loaded(@Schema(required = true) int created, @Schema(required = true) int updated,
            @Schema(required = true) int unchanged) {
    }

    /** A trust has tens of centres; a list this long is a mistake. */
    static final int MAX_CENTRES = 5000;

    @Inject
    CallerContext callers;

    @Inject
    CostCentreService service;

    @PUT
    @Consumes(PeriodResource.CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "loadCostCentres", summary = "Load your cost centres (finance)",
            description = "CSV with the columns code, name and type (INPATIENT_WARD, COMMUNITY_TEAM or SUPPORT). New codes are added, known ones renamed; centres not in the file stay. A centre with ledger lines or activity keeps its type. All-or-nothing, every fault listed by line.")
    @RequestBody(required = true, content = @Content(mediaType = PeriodResource.CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "a community team, a ward and a support centre", value = ApiExamples.COST_CENTRES)))
    @APIResponse(responseCode = "200", description = "Loaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Loaded.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Loaded load(@Context HttpHeaders headers, byte[] body) {
        CostCentreService.Outcome outcome = service.load(callers.current(),
                body == null ? "" : CsvCharset.text(body, headers.getMediaType(), "cost centre"));
        return new Loaded(outcome.created(), outcome.updated(), outcome.unchanged());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "listCostCentres", summary = "Your cost centres", description = "By code, at most 5,000.")
    @APIResponse(responseCode = "200", description = "Cost centres",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ViewList.class)))
    public ViewList list() {
        String provider = callers.current().requireProviderOrg();
        return new ViewList(service.list(provider, MAX_CENTRES).stream().map(c -> new View(c.code, c.name, c.type))
                .toList());
    }
}
