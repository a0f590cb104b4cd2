package org.openpbr.contract.monitoring;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.csv.CsvTableWriter;

/** Contract monitoring: a contract's activity plan against actual. */
@Path("/v1/contracts/{id}/monitoring")
@Tag(name = "Monitoring", description = "Plan against actual with forecast outturn and early warning; payment validation's rates per provider, team and rule")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class MonitoringResource {

    private static final String DRAFT = "Also count the current draft statement (default: issued statements only)";

    @Inject
    CallerContext callers;

    @Inject
    MonitoringService monitoring;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @Operation(operationId = "getPlanAgainstActual", summary = "The activity plan against actual, per code and month (JSON, or contract-monitoring CSV)",
            description = "Actual is the paid units as the statements last stated them, valued at the contract's prices. Each cell is flagged when beyond the contract's tolerance (activity.tolerancePercent, default 5%). "
                    + "The forecast outturn is the run rate to date (actual to date x 12 / months stated); beyond tolerance against the annual plan it raises the early-variance warning, with the month it has held since, and the risk share at that outturn is shown. "
                    + "As CSV: contract-monitoring lines, year to date, each month restated as now stated; FIXED, QUALITY and RISK_SHARE are non-activity lines with activity 0.")
    @APIResponse(responseCode = "200", description = "Plan against actual",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonitoringViews.PlanAgainstActual.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public MonitoringViews.PlanAgainstActual planAgainstActual(@PathParam("id") UUID id,
            @Parameter(description = DRAFT) @QueryParam("draft") @Pattern(regexp = "true|false", message = "must be true or false") String draft) {
        return monitoring.planAgainstActual(callers.current(), id, "true".equals(draft));
    }
}
