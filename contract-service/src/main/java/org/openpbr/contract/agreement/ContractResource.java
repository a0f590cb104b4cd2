package org.openpbr.contract.agreement;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.contract.ApiExamples;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.csv.CsvCharset;
import org.openpbr.platform.csv.CsvTable;
import org.openpbr.platform.csv.CsvTableWriter;
import org.openpbr.platform.idempotency.IdempotentWrites;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;

/** Contracts between a commissioner and a provider, and their versions: drafted, offered, agreed, varied. */
@Path("/v1/contracts")
@Tag(name = "Contracts", description = "Contracts on the cluster currency: versions, signatures, prices and activity plans")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class ContractResource {

    private static final String ETAG = "This state of the version; send it in If-Match to edit, offer, return or agree it";
    private static final String STEP = "428 without If-Match, 412 when the version changed since it was read, 409 when it is not in the state the step needs. "
            + "The commissioner acts through its contract-manager, the provider through finance; anyone else of a party gets 403, anyone not a party 404.";

    @Inject
    CallerContext callers;

    @Inject
    ContractService contracts;

    @Inject
    IdempotentWrites idempotent;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "draftContract", summary = "Draft a contract (contract-manager or finance of a party)",
            description = "Creates the contract and its version 1 as a DRAFT. With TARIFF prices, the agreed costing tariff is read now (with contract-service's service account) and its prices copied into the version, "
                    + "so that an agreed version never depends on costing-service again; 503 with Retry-After when costing-service cannot be reached. GET the version for its ETag.")
    @APIResponse(responseCode = "201", description = "The draft",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContractViews.Draft.class),
            examples = @ExampleObject(name = "shadow-mode contract priced per episode", value = ApiExamples.DRAFT)))
    public Response draft(@Parameter(description = IdempotentWrites.HEADER_DESCRIPTION) @HeaderParam(IdempotentWrites.HEADER) String key,
            @NotNull @Valid ContractViews.Draft body, @Context UriInfo uri) {
        var caller = callers.current();
        return idempotent.create(caller.requireOrgCode(), key, "POST /v1/contracts", body, () -> {
            ContractService.Stored stored = contracts.create(caller, body);
            return new IdempotentWrites.Created(uri.getBaseUriBuilder().path("v1/contracts/{id}/versions/1")
                    .build(stored.view().contractId()), stored.view());
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listContracts", summary = "The contracts your organisation is party to",
            description = "Oldest first, cursor-paged. A commissioner sees its contracts with every provider, a provider its contracts with every commissioner.")
    @APIResponse(responseCode = "200", description = "A page of contracts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.ContractList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public ContractViews.ContractList list(
            @Parameter(description = "e.g. 2025-26") @QueryParam("financialYear") @Pattern(regexp = "[0-9]{4}-[0-9]{2}", message = "must be a financial year such as 2025-26") String financialYear,
            @Parameter(ref = "After") @QueryParam("after") String after, @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        Page<ContractViews.Contract> page = contracts.list(callers.current(), financialYear, PageRequest.of(after, limit), uri);
        return new ContractViews.ContractList(page.items(), page.next());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getContract", summary = "A contract and its versions")
    @APIResponse(responseCode = "200", description = "The contract",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Contract.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ContractViews.Contract get(@PathParam("id") UUID id, @Context UriInfo uri) {
        return contracts.contract(callers.current(), id, uri.getBaseUri());
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getContractVersion", summary = "A version with its terms, prices, plan and signatures")
    @APIResponse(responseCode = "200", description = "The version",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return ok(contracts.read(callers.current(), id, version));
    }

    @PUT
    @Path("/{id}/versions/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "editContractDraft", summary = "Edit a draft (the whole content again)",
            description = "The parties, year and reference cannot change. Prices are read again (a TARIFF version picks up the tariff as it is now). " + STEP)
    @APIResponse(responseCode = "200", description = "The draft, edited",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContractViews.Draft.class),
            examples = @ExampleObject(name = "the whole content again", value = ApiExamples.DRAFT)))
    public Response edit(@PathParam("id") UUID id, @PathParam("version") int version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid ContractViews.Draft body) {
        return ok(contracts.update(callers.current(), id, version, body, ifMatch));
    }

    @POST
    @Path("/{id}/versions/{version}/offer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "offerContractVersion", summary = "Offer a draft to the other party (signed by yours)",
            description = "The body is optional. " + STEP)
    @APIResponse(responseCode = "200", description = "The version, OFFERED",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Step.class),
            examples = @ExampleObject(name = "a note", value = ApiExamples.STEP)))
    public Response offer(@PathParam("id") UUID id, @PathParam("version") int version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid ContractViews.Step body) {
        return ok(contracts.offer(callers.current(), id, version, ifMatch, note(body)));
    }

    @POST
    @Path("/{id}/versions/{version}/agreement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "agreeContractVersion", summary = "Countersign an offered version (the other party)",
            description = "The version becomes AGREED and never changes again (the database refuses edits); it pays from now on. Both signatures are kept. " + STEP)
    @APIResponse(responseCode = "200", description = "The version, AGREED",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Step.class),
            examples = @ExampleObject(name = "a note", value = ApiExamples.STEP)))
    public Response agree(@PathParam("id") UUID id, @PathParam("version") int version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid ContractViews.Step body) {
        return ok(contracts.agree(callers.current(), id, version, ifMatch, note(body)));
    }

    @POST
    @Path("/{id}/versions/{version}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "returnContractVersion", summary = "Return an offered version to draft",
            description = "Withdrawn by the party that offered it, or declined by the other; the offer's signature is cleared and the audit trail says which. " + STEP)
    @APIResponse(responseCode = "200", description = "The version, a DRAFT again",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Step.class),
            examples = @ExampleObject(name = "a note", value = ApiExamples.STEP)))
    public Response returnToDraft(@PathParam("id") UUID id, @PathParam("version") int version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid ContractViews.Step body) {
        return ok(contracts.returnToDraft(callers.current(), id, version, ifMatch, note(body)));
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "varyContract", summary = "Start a variation: a new draft version from the latest agreed one",
            description = "Copies the agreed version's terms, prices and plan into version n+1, a DRAFT to edit, offer and agree. 409 while another version is being negotiated.")
    @APIResponse(responseCode = "201", description = "The new draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Step.class),
            examples = @ExampleObject(name = "a note", value = ApiExamples.STEP)))
    public Response vary(@PathParam("id") UUID id, @Valid ContractViews.Step body, @Context UriInfo uri) {
        ContractService.Stored stored = contracts.vary(callers.current(), id, note(body));
        return Response.created(uri.getBaseUriBuilder().path("v1/contracts/{id}/versions/{v}")
                .build(id, stored.view().version())).entity(stored.view()).header("ETag", stored.etag()).build();
    }

    @GET
    @Path("/{id}/versions/{version}/plan")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getContractPlan", summary = "A version's activity plan",
            description = "Units per month and code, priced at the version's prices. With Accept: text/csv, as contract-monitoring lines (see the text/csv response).")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Plan.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ContractViews.Plan plan(@PathParam("id") UUID id, @PathParam("version") int version) {
        return contracts.read(callers.current(), id, version).view().plan();
    }

    @GET
    @Path("/{id}/versions/{version}/plan")
    @Produces(CsvTableWriter.TEXT_CSV)
    @Operation(operationId = "exportContractPlan", summary = "A version's activity plan as contract-monitoring lines",
            description = "Columns financial_year, financial_month (1-12), provider_code, commissioner_code, local_pod_code (the currency code), planned_activity, planned_price. "
                    + "The fixed element is a non-activity line per month: local_pod_code FIXED, activity 0, priced at its instalment.")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public CsvTable planCsv(@PathParam("id") UUID id, @PathParam("version") int version) {
        return PlanCsv.export(contracts.read(callers.current(), id, version).view());
    }

    @PUT
    @Path("/{id}/versions/{version}/plan")
    @Consumes(CsvTableWriter.TEXT_CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "loadContractPlan", summary = "Replace a draft's plan from contract-monitoring lines",
            description = "The columns of the export. Activity lines are the plan: the year, provider and commissioner must be the contract's, the code priced, and a planned_price (optional) the contract's price. "
                    + "Non-activity lines (FIXED, QUALITY, ADJUSTMENT, RISK_SHARE, BLOCK) must have activity 0 and are passed over: they follow from the terms. All-or-nothing, every fault listed by line. " + STEP)
    @RequestBody(required = true, content = @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "two codes in month 1 and the fixed line", value = ApiExamples.PLAN)))
    @APIResponse(responseCode = "200", description = "The draft with its new plan",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response loadPlan(@PathParam("id") UUID id, @PathParam("version") int version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context HttpHeaders headers, byte[] file) {
        String csv = file == null ? "" : CsvCharset.text(file, headers.getMediaType(), "plan");
        return ok(contracts.replacePlan(callers.current(), id, version, csv, ifMatch));
    }

    @POST
    @Path("/{id}/plan")
    @Consumes(CsvTableWriter.TEXT_CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "setContractPlan", summary = "Set the plan when none was agreed (commissioner's contract-manager)",
            description = "From 3 months after the year's start, on the latest agreed version if it has no plan: recorded as SET by the commissioner, not agreed (the 2025/26 rule). "
                    + "The columns of the export; never changed afterwards (a variation agrees a new plan).")
    @RequestBody(required = true, content = @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "two codes in month 1 and the fixed line", value = ApiExamples.PLAN)))
    @APIResponse(responseCode = "200", description = "The agreed version with its set plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContractViews.Version.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ContractViews.Version setPlan(@PathParam("id") UUID id,
            @Parameter(description = "Why the commissioner sets it (at most 2000 characters); default: " + ContractService.PLAN_SET_REASON, example = "No plan agreed by 30 June") @QueryParam("reason") @Size(max = 2000, message = "must be at most 2000 characters") String reason,
            @Context HttpHeaders headers, byte[] file) {
        String csv = file == null ? "" : CsvCharset.text(file, headers.getMediaType(), "plan");
        return contracts.setPlan(callers.current(), id, csv,
                reason == null || reason.isBlank() ? ContractService.PLAN_SET_REASON : reason.strip(), LocalDate.now()).view();
    }

    private static String note(ContractViews.Step body) {
        return body == null || body.note() == null || body.note().isBlank() ? null : body.note().strip();
    }

    private static Response ok(ContractService.Stored stored) {
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }
}
