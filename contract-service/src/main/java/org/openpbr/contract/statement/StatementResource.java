package org.openpbr.contract.statement;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.csv.CsvTableWriter;

/** A contract's statements: computed as drafts, issued by the commissioner, checked line by line and unit by unit. */
@Path("/v1/contracts/{id}/statements")
@Tag(name = "Statements", description = "Monthly statements (payments on account) and the year end, with validated units (rule set pv-1)")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class StatementResource {

    private static final String ETAG = "This state of the statement; send it in If-Match to issue it";

    @Inject
    CallerContext callers;

    @Inject
    StatementService statements;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "computeStatement", summary = "Compute (or recompute) a month's draft statement",
            description = "Validates the contract's units from the clustering data held (rule set pv-1), prices them at the latest agreed version's prices and settles them: "
                    + "the fixed instalment, the withhold, the month's activity, and adjustments for earlier months whose units changed since they were issued. Month 13 is the year end: risk share, quality earned, the balance. "
                    + "Months go in order: month n needs month n-1 issued. Recomputing with no new data gives identical lines. 409 once the month is issued.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatementViews.Request.class), examples = @ExampleObject(name = "April", value = "{\"month\": 1}")))
    @APIResponse(responseCode = "200", description = "The draft",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementViews.Statement.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response compute(@PathParam("id") UUID id, @NotNull @Valid StatementViews.Request body, @Context UriInfo uri) {
        return ok(statements.compute(callers.current(), id, body.month(), body.judgeAll(), uri.getBaseUri(), LocalDate.now()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listStatements", summary = "The contract's statements, by month")
    @APIResponse(responseCode = "200", description = "The statements",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementViews.SummaryList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public StatementViews.SummaryList list(@PathParam("id") UUID id, @Context UriInfo uri) {
        return new StatementViews.SummaryList(statements.list(callers.current(), id, uri.getBaseUri()));
    }

    @GET
    @Path("/{month}")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @Operation(operationId = "getStatement", summary = "A statement with its lines (JSON, or CSV with Accept: text/csv)")
    @APIResponse(responseCode = "200", description = "The statement",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementViews.Statement.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") UUID id, @PathParam("month") @Min(value = 1, message = "must be 1-13") @Max(value = 13, message = "must be 1-13") int month,
            @Context UriInfo uri) {
        return ok(statements.read(callers.current(), id, month, uri.getBaseUri()));
    }

    @POST
    @Path("/{month}/issue")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "issueStatement", summary = "Issue a draft statement (the commissioner's contract-manager)",
            description = "From now on the statement, its lines and its units never change (the database refuses edits); it carries a SHA-256 content hash. "
                    + "Refused (409) when new clustering data arrived since the draft was computed, or when the draft's data is older than the configured age (24 hours by default): pull, recompute, check, issue. "
                    + "Issuing an issued statement again returns it unchanged. 428 without If-Match, 412 when the draft changed since it was read.")
    @APIResponse(responseCode = "200", description = "The statement, ISSUED",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementViews.Statement.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response issue(@PathParam("id") UUID id, @PathParam("month") @Min(value = 1, message = "must be 1-13") @Max(value = 13, message = "must be 1-13") int month,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        return ok(statements.issue(callers.current(), id, month, ifMatch, uri.getBaseUri()));
    }

    @GET
    @Path("/{month}/units")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @Operation(operationId = "listStatementUnits", summary = "A statement's units with their verdicts, reasons and evidence",
            description = "The month's units, and earlier months' units whose verdict changed since they were last stated. The commissioner's contract-manager sees each person as its pseudonym, the provider as its local id. Paged by unit key.")
    @APIResponse(responseCode = "200", description = "A page of units",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementViews.UnitPage.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public StatementViews.UnitPage units(@PathParam("id") UUID id,
            @PathParam("month") @Min(value = 1, message = "must be 1-13") @Max(value = 13, message = "must be 1-13") int month,
            @Parameter(description = "PAYABLE, QUERIED or REJECTED") @QueryParam("status") @Pattern(regexp = "PAYABLE|QUERIED|REJECTED", message = "must be PAYABLE, QUERIED or REJECTED") String status,
            @Parameter(description = "The last unit key of the page before") @QueryParam("after") @jakarta.validation.constraints.Size(max = 200, message = "must be at most 200 characters") String after,
            @Parameter(description = "1-1000, default 200") @QueryParam("limit") @Min(value = 1, message = "must be 1-1000") @Max(value = 1000, message = "must be 1-1000") Integer limit,
            @Context UriInfo uri) {
        return statements.units(callers.current(), id, month, status, after, limit == null ? 200 : limit, uri.getBaseUri());
    }

    private static Response ok(StatementService.Stored stored) {
        return Response.ok(stored.view()).header("ETag", stored.etag()).build();
    }
}
