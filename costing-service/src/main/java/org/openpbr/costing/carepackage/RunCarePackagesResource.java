package org.openpbr.costing.carepackage;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.costing.run.RunQueries;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;

/** A run's view of the care packages: they belong to this feature, which reads runs, never the other way round. */
@Path("/v1/runs/{id}/care-packages")
@Tag(name = "Costing runs", description = "Patient-level costing to cluster (method pbr-mh-costing-1) and its results")
public class RunCarePackagesResource {

    @Inject
    CallerContext callers;

    @Inject
    RunQueries reader;

    @Inject
    CarePackageService carePackages;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "compareCarePackages", summary = "Care packages costed at the run's rates, beside actual cost",
            description = "The run's cost per minute by staff group and per occupied bed day; each current care package costed bottom-up at them (core, optional, community, ward); and the code's actual cost over the package's length (cost per cluster day x its days), with the difference and the ratio.")
    @APIResponse(responseCode = "200", description = "Packages against actual cost",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CarePackageViews.Comparisons.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public CarePackageViews.Comparisons carePackages(@PathParam("id") UUID id) {
        return carePackages.compare(reader.require(callers.current(), id));
    }
}
