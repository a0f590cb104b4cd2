package org.openpbr.clustering.feed;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.PageRequest;

/**
 * The change feed the other services pull: assessment, allocation and episode changes, in change
 * order, for every provider. Service accounts only, and each reads only the kinds of change its
 * consumer roles grant (costing: episodes; contract: episodes and allocations; outcomes:
 * assessments). Never an NHS number: each item carries the person's pseudonym for the record's
 * responsible commissioner instead.
 */
@Path("/v1/feed")
@Tag(name = "Feed", description = "Change feed for the other OpenPbR services (service accounts only)")
@RolesAllowed({ Roles.EPISODES_READER, Roles.ALLOCATIONS_READER, Roles.ASSESSMENTS_READER })
public class FeedResource {

    @Inject
    FeedService feed;

    @Inject
    CallerContext callers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readChangeFeed", summary = "Read the change feed (service accounts)",
            description = "Assessments, allocations and episode changes in change order, as far as the service account's roles grant them (assessments-reader, allocations-reader, episodes-reader); other kinds are left out and their change numbers skipped. An episode that changes (ends) moves to a new change number and is served again with its new state. Keep `resumeAfter` and pass it as `after` to continue; changes are never skipped: only settled (committed) changes are served.")
    @APIResponse(responseCode = "200", description = "A page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedViews.FeedPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public FeedViews.FeedPage read(@Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        return feed.read(callers.current(), PageRequest.of(after, limit), uri);
    }
}
