package org.openpbr.costing.carepackage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.openpbr.costing.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;

/** Care packages per code: defined by finance or a clinical lead, read by the provider's staff. */
@Path("/v1/care-packages")
@Tag(name = "Care packages", description = "What care each code is meant to receive, costed bottom-up in each run (see /v1/runs/{id}/care-packages)")
public class CarePackageResource {

    @Inject
    CallerContext callers;

    @Inject
    CarePackageService packages;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST, Roles.CLINICAL_LEAD, Roles.CLINICIAN })
    @Operation(operationId = "listCarePackages", summary = "Your codes' current care packages")
    @APIResponse(responseCode = "200", description = "Packages by code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CarePackageViews.PackageList.class)))
    public CarePackageViews.PackageList list() {
        return new CarePackageViews.PackageList(packages.list(callers.current().requireProviderOrg()));
    }

    @GET
    @Path("/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST, Roles.CLINICAL_LEAD, Roles.CLINICIAN })
    @Operation(operationId = "getCarePackage", summary = "A code's care package, with its ETag",
            description = "The current version, or an earlier one with ?version=.")
    @APIResponse(responseCode = "200", description = "The package",
            headers = @Header(name = "ETag", description = "This version; send it in If-Match to change or retire the package", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CarePackageViews.Package.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("code") String code,
            @Parameter(description = "An earlier version", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}", message = "must be a whole number from 1") String version) {
        String provider = callers.current().requireProviderOrg();
        CarePackageQueries.Stored stored = version == null ? packages.current(provider, code)
                : packages.version(provider, code, Integer.parseInt(version));
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.CLINICAL_LEAD })
    @Operation(operationId = "defineCarePackage", summary = "Define a code's care package (finance, clinical lead)",
            description = "The first version needs no If-Match; a change to an existing package needs its ETag in If-Match (428 without, 412 when someone changed it since). Every change is a new version; earlier versions stay readable.")
    @APIResponse(responseCode = "200", description = "A new version of the package",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CarePackageViews.Package.class)))
    @APIResponse(responseCode = "201", description = "The code's first package",
            headers = @Header(name = "ETag", description = "The first version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CarePackageViews.Package.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CarePackageViews.Definition.class),
            examples = @ExampleObject(name = "a 26-week package", value = ApiExamples.CARE_PACKAGE)))
    public Response define(@Parameter(example = "04") @PathParam("code") @Pattern(regexp = "[0-9A-Za-z]{1,10}", message = "must be 1-10 letters or digits, e.g. 04") String code,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ETag from GET; required to change an existing package") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid CarePackageViews.Definition body) {
        CarePackageQueries.Stored stored = packages.define(callers.current(), code, body, ifMatch);
        return Response.status(stored.version() == 1 ? 201 : 200).entity(stored.view()).header("ETag", stored.etag())
                .build();
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed({ Roles.FINANCE, Roles.CLINICAL_LEAD })
    @Operation(operationId = "retireCarePackage", summary = "Retire a code's care package (If-Match required)",
            description = "Records a retiring version: the code has no package from now on, and earlier versions stay readable.")
    @APIResponse(responseCode = "204", description = "Retired")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response retire(@PathParam("code") String code,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = true, description = "The ETag from GET") @HeaderParam("If-Match") String ifMatch) {
        packages.retire(callers.current(), code, ifMatch);
        return Response.noContent().build();
    }
}
