package org.openpbr.clustering.episode;

import java.time.LocalDate;
import java.util.List;

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
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.Page;
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
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listReviewsDue", summary = "Reviews due and overdue for your organisation or one team",
            description = "Open cluster episodes whose review date (start + the code's maximum review period) falls on or before today + dueWithinDays; overdue ones come first.")
    @APIResponse(responseCode = "200", description = "The review list",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeViews.ReviewList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public EpisodeViews.ReviewList reviews(
            @Parameter(description = "Only this team's episodes.") @QueryParam("team") String team,
            @Parameter(description = "Include reviews due within this many days (0-366, default 28).", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "366", defaultValue = "28")) @QueryParam("dueWithinDays") String dueWithinDays,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        String provider = callers.current().requireProviderOrg();
        int within = 28;
        Faults faults = new Faults();
        if (dueWithinDays != null && !dueWithinDays.isBlank()) {
            try {
                within = Integer.parseInt(dueWithinDays.strip());
                if (within < 0 || within > 366) {
                    faults.add("dueWithinDays", "must be between 0 and 366");
                }
            } catch (NumberFormatException e) {
                faults.add("dueWithinDays", "must be a whole number of days");
            }
        }
        faults.throwIfAny();
        return episodes.reviews(provider, team == null || team.isBlank() ? null : team, within,
                PageRequest.of(after, limit), uri);
    }
}
