package org.openpbr.contract.caseload;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;

/** The intake of billable units' sources (cluster episodes and allocations) from clustering-service. */
@Path("/v1/caseload/sync")
@Tag(name = "Caseload", description = "Cluster episodes and allocations pulled from clustering-service's change feed")
public class CaseloadResource {

    @Inject
    CallerContext callers;

    @Inject
    CaseloadService caseload;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getCaseloadSync", summary = "When clustering's feed was last read, and the episodes held for you")
    @APIResponse(responseCode = "200", description = "The intake's state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseloadViews.Sync.class)))
    public CaseloadViews.Sync status() {
        return caseload.status(callers.current());
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "syncCaseload", summary = "Pull cluster episodes and allocations from clustering-service now",
            description = "Reads clustering-service's change feed from where the last pull stopped, with contract-service's service account, and stores every episode and allocation change "
                    + "(the feed is also pulled on a schedule, every minute by default). Run before a statement to be sure it sees the latest episodes. "
                    + "503 with Retry-After when clustering-service cannot be reached; what was already pulled is unchanged.")
    @APIResponse(responseCode = "200", description = "Pulled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseloadViews.Sync.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public CaseloadViews.Sync sync() {
        return caseload.sync(callers.current());
    }
}
