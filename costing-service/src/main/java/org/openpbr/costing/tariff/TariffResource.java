package org.openpbr.costing.tariff;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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
import org.openpbr.platform.validation.IsoDate;
import org.openpbr.platform.validation.OdsCode;

/** Local tariffs: proposed and agreed by provider finance, read by commissioners and contract-service. */
@Path("/v1/tariffs")
@Tag(name = "Tariffs", description = "Cost-neutral local prices from a costing run (pricing method pbr-mh-tariff-1)")
public class TariffResource {

    private static final String ETAG = "This state of the tariff; send it in If-Match to recalculate, agree or withdraw a draft";

    @Inject
    CallerContext callers;

    @Inject
    TariffService tariffs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "proposeTariff", summary = "Propose a tariff (finance)",
            description = "Prices every code the run costed: RRI = unit cost / activity-weighted average unit cost; prices = base x RRI with sum(price x priced units) = contractValue x (1 - efficiency), rounded to the penny with the residual reported; each price split into components. "
                    + "Creates a DRAFT, version n+1 of the tariff's name (at most one draft per name).")
    @APIResponse(responseCode = "201", description = "The draft",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TariffViews.Tariff.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TariffViews.Proposal.class),
            examples = @ExampleObject(name = "a review-period tariff for one commissioner (use your run id)", value = ApiExamples.TARIFF)))
    public Response propose(@NotNull @Valid TariffViews.Proposal body, @Context UriInfo uri) {
        TariffQueries.Stored stored = tariffs.propose(callers.current(), body);
        return Response.created(uri.getBaseUriBuilder().path("v1/tariffs/{id}").build(stored.view().id()))
                .entity(stored.view()).header("ETag", stored.etag()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST, Roles.CONTRACT_MANAGER })
    @Operation(operationId = "listTariffs", summary = "Tariffs you may see",
            description = "A provider's own; a commissioner's: those scoped to it (drafts included) and agreed trust-wide ones. Latest change first, at most 100.")
    @APIResponse(responseCode = "200", description = "Tariffs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TariffViews.SummaryList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public TariffViews.SummaryList list(
            @Parameter(description = "DRAFT or AGREED", schema = @Schema(enumeration = { "DRAFT", "AGREED" })) @QueryParam("status") @Pattern(regexp = "DRAFT|AGREED", message = "must be DRAFT or AGREED") String status) {
        return new TariffViews.SummaryList(tariffs.list(callers.current(), status == null ? null : TariffStatus.valueOf(status)));
    }

    @GET
    @Path("/applicable")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TARIFFS_READER, Roles.FINANCE, Roles.ANALYST, Roles.CONTRACT_MANAGER })
    @Operation(operationId = "getApplicableTariff", summary = "The agreed tariff that prices a provider's activity for a commissioner on a date",
            description = "For contract-service (service accounts pass the provider and commissioner explicitly) and for the parties themselves: the latest agreed version scoped to the commissioner, or else the latest agreed trust-wide one, valid on the date. "
                    + "Service accounts need the tariffs-reader role. A provider may ask only about itself, a commissioner only about itself: asking about another organisation is the same 404 as no tariff applying.")
    @APIResponse(responseCode = "200", description = "The agreed tariff",
            headers = @Header(name = "ETag", description = "The agreed tariff (it never changes)", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TariffViews.Tariff.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response applicable(@Parameter(required = true, description = "The provider's ODS code") @QueryParam("provider") @NotBlank @OdsCode String provider,
            @Parameter(required = true, description = "The commissioner's ODS code") @QueryParam("commissioner") @NotBlank @OdsCode String commissioner,
            @Parameter(required = true, description = "The date to price", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("on") @NotBlank @IsoDate String on) {
        TariffQueries.Stored stored = tariffs.applicable(callers.current(), provider, commissioner, IsoDate.Parse.of(on));
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TARIFFS_READER, Roles.FINANCE, Roles.ANALYST, Roles.CONTRACT_MANAGER })
    @Operation(operationId = "getTariff", summary = "A tariff with its prices, components and derivation")
    @APIResponse(responseCode = "200", description = "The tariff",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TariffViews.Tariff.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id) {
        TariffQueries.Stored stored = tariffs.read(callers.current(), id);
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "reviseTariff", summary = "Recalculate a draft from new inputs (If-Match required)",
            description = "The whole proposal again (the name cannot change). 428 without If-Match, 412 when the draft changed since, 409 once agreed.")
    @APIResponse(responseCode = "200", description = "The recalculated draft",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TariffViews.Tariff.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TariffViews.Proposal.class),
            examples = @ExampleObject(name = "the whole proposal again (use your run id)", value = ApiExamples.TARIFF)))
    public Response revise(@PathParam("id") UUID id,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = true, description = "The ETag from GET") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TariffViews.Proposal body) {
        TariffQueries.Stored stored = tariffs.revise(callers.current(), id, body, ifMatch);
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }

    @POST
    @Path("/{id}/agreement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "agreeTariff", summary = "Agree a draft (If-Match required)",
            description = "The tariff becomes AGREED and never changes again (the database refuses it); a correction is a new version under the same name. From its validFrom, /v1/tariffs/applicable returns it.")
    @APIResponse(responseCode = "200", description = "The agreed tariff",
            headers = @Header(name = "ETag", description = "The agreed tariff", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TariffViews.Tariff.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TariffViews.Agreement.class),
            examples = @ExampleObject(name = "where it was agreed", value = ApiExamples.AGREEMENT)))
    public Response agree(@PathParam("id") UUID id,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = true, description = "The ETag from GET") @HeaderParam("If-Match") String ifMatch,
            @Valid TariffViews.Agreement body) {
        TariffQueries.Stored stored = tariffs.agree(callers.current(), id, ifMatch, body == null ? null : body.note());
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "withdrawTariff", summary = "Withdraw a draft (If-Match required)",
            description = "An agreed tariff cannot be withdrawn (409): a new version replaces it.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response withdraw(@PathParam("id") UUID id,
            @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = true, description = "The ETag from GET") @HeaderParam("If-Match") String ifMatch) {
        tariffs.withdraw(callers.current(), id, ifMatch);
        return Response.noContent().build();
    }
}
