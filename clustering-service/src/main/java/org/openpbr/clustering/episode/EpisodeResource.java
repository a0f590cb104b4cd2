package org.openpbr.clustering.episode;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.openpbr.platform.validation.WholeNumber;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.csv.CsvTableWriter;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.PageRequest;

/** Review lists: they keep clusters within their review period. */
@Path("/v1/reviews")
@Tag(name = "Reviews", description = "Cluster reviews due and overdue")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD })
public class EpisodeResource {

    @Inject
    CallerContext callers;

    @Inject
    EpisodeService episodes;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @Operation(operationId = "listReviewsDue", summary = "Reviews due and overdue for your organisation or one team",
            description = "Open cluster episodes whose review date (start + the code's maximum review period) falls on or before today + dueWithinDays; overdue ones come first.")
    @APIResponse(responseCode = "200", description = "The review list",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeViews.ReviewList.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public EpisodeViews.ReviewList reviews(
            @Parameter(description = "Only this team's episodes.") @QueryParam("team") String team,
            @Parameter(description = "Include reviews due within this many days (0-366, default 28).", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "366", defaultValue = "28")) @QueryParam("dueWithinDays") @WholeNumber(min = 0, max = 366) String dueWithinDays,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        String provider = callers.current().requireProviderOrg();
        int within = dueWithinDays == null ? 28 : Integer.parseInt(dueWithinDays.strip());
        return episodes.reviews(provider, team == null || team.isBlank() ? null : team, within,
                PageRequest.of(after, limit), uri);
    }
}
