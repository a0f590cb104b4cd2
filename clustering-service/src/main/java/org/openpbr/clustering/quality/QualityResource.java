package org.openpbr.clustering.quality;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.validation.Identifier;
import org.openpbr.platform.validation.IsoDate;
import org.openpbr.platform.validation.OdsCode;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.csv.CsvTableWriter;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.PageRequest;


/** Data quality and cluster profiles: the commissioner's confidence in the currency. */
@Path("/v1")
@Tag(name = "Data quality", description = "Clustering data-quality measures and pseudonymised cluster profiles")
@RolesAllowed({ Roles.CLINICAL_LEAD, Roles.ANALYST, Roles.CONTRACT_MANAGER })
public class QualityResource {


    @Inject
    QualityService quality;

    @Inject
    CallerContext callers;


    @GET
    @Path("/quality")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @Operation(operationId = "getDataQuality", summary = "Clustering data-quality measures for a period",
            description = "For a provider: its own records, by team, clinician or as a whole. For a commissioner: only people for whom it is the responsible commissioner, by provider, with counts of 1-4 suppressed. "
                    + "Measures: people with a cluster at the period end, share within their review period, caseload by code, share in variance (00), override rate and reasons, share of chosen codes meeting their red rules, early clustering (re-clustered or discharged within 14 days of the first allocation), inter-rater agreement (pairs within 7 days).")
    @APIResponse(responseCode = "200", description = "The measures",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityViews.Report.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public QualityViews.Report report(
            @Parameter(required = true, description = "First day (YYYY-MM-DD).", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") @NotBlank @IsoDate String from,
            @Parameter(required = true, description = "Last day (YYYY-MM-DD); at most two years after from.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") @NotBlank @IsoDate String to,
            @Parameter(description = "PROVIDER, TEAM or CLINICIAN; default TEAM for a provider, PROVIDER for a commissioner.", schema = @Schema(type = SchemaType.STRING, enumeration = { "PROVIDER", "TEAM", "CLINICIAN" })) @QueryParam("groupBy") @Pattern(regexp = "PROVIDER|TEAM|CLINICIAN", message = "must be PROVIDER, TEAM or CLINICIAN") String groupBy,
            @Parameter(description = "Commissioners only: one provider's records.") @QueryParam("provider") @OdsCode String provider) {
        return quality.report(callers.current(), IsoDate.Parse.of(from), IsoDate.Parse.of(to),
                groupBy == null ? null : QualityService.GroupBy.valueOf(groupBy), provider);
    }

    @GET
    @Path("/population/episodes")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "listPopulationEpisodes", summary = "Your population's cluster episodes, pseudonymised (commissioners' contract managers)",
            description = "Every cluster episode for which the calling commissioner is the responsible commissioner, in change order, with the suite's one pseudonym instead of any identifier. "
                    + "Record-level data is for payment validation, so only the contract-manager role reads it; analysts and dashboards use the aggregates (GET /v1/quality). "
                    + "Filter by code, team, provider and dates (from: open on or after; to: started on or before; both: overlapping the period); the next link keeps the filters.")
    @APIResponse(responseCode = "200", description = "A page of episodes",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityViews.PopulationPage.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public QualityViews.PopulationPage population(
            @Parameter(description = "Only this code's episodes.", example = "14") @QueryParam("code") @Pattern(regexp = "[0-9A-Za-z]{1,10}", message = "must be 1-10 letters or digits, e.g. 14") String code,
            @Parameter(description = "Only this team's episodes (the provider's team code).") @QueryParam("team") @Identifier String team,
            @Parameter(description = "Only this provider's episodes (ODS code).") @QueryParam("provider") @OdsCode String provider,
            @Parameter(description = "Only episodes open on or after this day (YYYY-MM-DD).", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") @IsoDate String from,
            @Parameter(description = "Only episodes that started on or before this day (YYYY-MM-DD).", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") @IsoDate String to,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        String commissioner = callers.current().requireCommissionerOrg();
        return quality.population(commissioner, new QualityQueries.PopulationFilter(code, team, provider,
                IsoDate.Parse.of(from), IsoDate.Parse.of(to)), PageRequest.of(after, limit), uri);
    }
}
