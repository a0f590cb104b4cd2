package org.openpbr.contract.monitoring;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.csv.CsvTableWriter;

/** Payment validation's rates over the contracts an organisation is party to. */
@Path("/v1/validation-rates")
@Tag(name = "Monitoring")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class ValidationRatesResource {

    private static final String DRAFT = "Also count the current draft statements (default: issued statements only)";

    @Inject
    CallerContext callers;

    @Inject
    MonitoringService monitoring;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @Operation(operationId = "getValidationRates", summary = "Payment validation's rates per contract and team, and per rule (JSON or CSV)",
            description = "Over the contracts of the year your organisation is party to: a commissioner sees one row per provider's contract, a provider one per commissioner's; each with a row per team. "
                    + "Every unit counts once, as the latest statement stated it. PV06, PV09 and PV10 are where cluster escalation shows.")
    @APIResponse(responseCode = "200", description = "The rates",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MonitoringViews.Rates.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public MonitoringViews.Rates rates(
            @Parameter(description = "e.g. 2025-26", required = true) @QueryParam("financialYear") @NotNull(message = "is required, e.g. 2025-26") @Pattern(regexp = "[0-9]{4}-[0-9]{2}", message = "must be a financial year such as 2025-26") String financialYear,
            @Parameter(description = DRAFT) @QueryParam("draft") @Pattern(regexp = "true|false", message = "must be true or false") String draft) {
        return monitoring.rates(callers.current(), financialYear, "true".equals(draft));
    }
}
