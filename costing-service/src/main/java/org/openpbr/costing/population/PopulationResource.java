package org.openpbr.costing.population;

import java.math.BigDecimal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.costing.run.VarianceService;
import org.openpbr.platform.csv.CsvTableWriter;
import org.openpbr.platform.validation.DecimalRange;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.validation.IsoDate;

/**
 * What commissioners see of costing: their own population (the episodes they are the responsible
 * commissioner for) across every provider's latest run of a period; aggregates with small numbers
 * withheld, and outliers under a pseudonym. Never a local patient id, never another
 * commissioner's population.
 */
@Path("/v1/population")
@Tag(name = "Population (commissioners)", description = "Cluster costs and variance of a commissioner's population across providers, aggregated and pseudonymised")
public class PopulationResource {

    @Inject
    CallerContext callers;

    @Inject
    PopulationService population;

    @GET
    @Path("costs")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.ANALYST, Roles.FINANCE, Roles.CONTRACT_MANAGER })
    @Operation(operationId = "getPopulationCosts", summary = "Your population's cluster costs and variance (commissioners)",
            description = "For the period from..to (matched to each provider's costing period with exactly those dates), each provider's latest run, restricted to the episodes you are the responsible commissioner for: "
                    + "per code, cost, cluster days, cost per cluster day, spread and outliers, over all providers and per provider. Codes with 1-4 episodes are withheld.")
    @APIResponse(responseCode = "200", description = "Your population's costs",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PopulationViews.Costs.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PopulationViews.Costs costs(@Parameter(required = true, description = "First day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") @NotBlank @IsoDate String from,
            @Parameter(required = true, description = "Last day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") @NotBlank @IsoDate String to,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") @DecimalRange(min = "0", max = "10", scale = 10, message = VarianceService.TRIM_RULE) String trimMultiplier) {
        String commissioner = callers.current().requireCommissionerOrg();
        BigDecimal k = VarianceService.trimMultiplier(trimMultiplier);
        return population.costs(commissioner, IsoDate.Parse.of(from), IsoDate.Parse.of(to), k);
    }

    @GET
    @Path("outliers")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "listPopulationOutliers", summary = "Your population's high-cost outlier episodes, pseudonymised (commissioners' contract managers)",
            description = "Episodes above their code's trim point over all your providers (codes with 1-4 episodes are left out), under the suite's one pseudonym instead of any identifier. "
                    + "Record-level data is for payment validation, so only the contract-manager role reads it; analysts use GET /v1/population/costs.")
    @APIResponse(responseCode = "200", description = "Outliers",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PopulationViews.Outliers.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PopulationViews.Outliers outliers(@Parameter(required = true, description = "First day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") @NotBlank @IsoDate String from,
            @Parameter(required = true, description = "Last day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") @NotBlank @IsoDate String to,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") @DecimalRange(min = "0", max = "10", scale = 10, message = VarianceService.TRIM_RULE) String trimMultiplier) {
        String commissioner = callers.current().requireCommissionerOrg();
        BigDecimal k = VarianceService.trimMultiplier(trimMultiplier);
        return population.outliers(commissioner, IsoDate.Parse.of(from), IsoDate.Parse.of(to), k);
    }
}
