package org.openpbr.contract.query;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.contract.query.rule.QueryFlow;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.PageRequest;

/** Queries on billable units between the commissioner and the provider. */
@Path("/v1/contracts/{id}/queries")
@Tag(name = "Queries", description = "The commissioner queries units; the provider accepts or contests; the commissioner withdraws or escalates")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class QueryResource {

    private static final String STEP_EXAMPLE = "{\"note\": \"The review was held on 3 October; see the care plan.\"}";

    @Inject
    CallerContext callers;

    @Inject
    QueryService queries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "raiseQueries", summary = "Raise queries on units of a statement (the commissioner's contract-manager)",
            description = "On the units named, or on every unit a rule flagged in the statement (e.g. all PV10 up-coding signals). A unit with a query in progress or accepted is left as it is and counted.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Raise.class),
            examples = @ExampleObject(name = "every up-coding signal of April", value = "{\"month\": 1, \"rule\": \"PV10\", \"reason\": \"Re-clustered above the tool's suggestion: please show the clinical rationale\"}")))
    @APIResponse(responseCode = "200", description = "The queries raised",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Raised.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public QueryViews.Raised raise(@PathParam("id") UUID id, @NotNull @Valid QueryViews.Raise body) {
        return queries.raise(callers.current(), id, body);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listQueries", summary = "The contract's queries, oldest first, with their age")
    @APIResponse(responseCode = "200", description = "A page of queries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.QueryList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public QueryViews.QueryList list(@PathParam("id") UUID id,
            @Parameter(description = "true: only open queries (raised or contested)") @QueryParam("open") boolean open,
            @Parameter(ref = "After") @QueryParam("after") String after, @Parameter(ref = "Limit") @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        return queries.list(callers.current(), id, open, PageRequest.of(after, limit), uri);
    }

    @GET
    @Path("/{query}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getQuery", summary = "A query with every step: who, when, what")
    @APIResponse(responseCode = "200", description = "The query",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Query.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public QueryViews.Query get(@PathParam("id") UUID id, @PathParam("query") UUID query) {
        return queries.read(callers.current(), id, query);
    }

    @POST
    @Path("/{query}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "acceptQuery", summary = "Accept a query (the provider's finance): the unit is reversed in the next statement")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.StepRequest.class),
            examples = @ExampleObject(name = "a note", value = STEP_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The query, ACCEPTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Query.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QueryViews.Query accept(@PathParam("id") UUID id, @PathParam("query") UUID query, @Valid QueryViews.StepRequest body) {
        return queries.step(callers.current(), id, query, QueryFlow.Step.ACCEPT, note(body));
    }

    @POST
    @Path("/{query}/contest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "contestQuery", summary = "Contest a query with evidence (the provider's finance)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.StepRequest.class),
            examples = @ExampleObject(name = "the evidence", value = STEP_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The query, CONTESTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Query.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QueryViews.Query contest(@PathParam("id") UUID id, @PathParam("query") UUID query, @Valid QueryViews.StepRequest body) {
        return queries.step(callers.current(), id, query, QueryFlow.Step.CONTEST, note(body));
    }

    @POST
    @Path("/{query}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "withdrawQuery", summary = "Withdraw a query (the commissioner): the unit stands")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.StepRequest.class),
            examples = @ExampleObject(name = "a note", value = STEP_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The query, WITHDRAWN",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Query.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QueryViews.Query withdraw(@PathParam("id") UUID id, @PathParam("query") UUID query, @Valid QueryViews.StepRequest body) {
        return queries.step(callers.current(), id, query, QueryFlow.Step.WITHDRAW, note(body));
    }

    @POST
    @Path("/{query}/escalation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTRACT_MANAGER)
    @Operation(operationId = "escalateQuery", summary = "Escalate a contested query (the commissioner), with the reason")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.StepRequest.class),
            examples = @ExampleObject(name = "the reason", value = STEP_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The query, ESCALATED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryViews.Query.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public QueryViews.Query escalate(@PathParam("id") UUID id, @PathParam("query") UUID query, @Valid QueryViews.StepRequest body) {
        return queries.step(callers.current(), id, query, QueryFlow.Step.ESCALATE, note(body));
    }

    private static String note(QueryViews.StepRequest body) {
        return body == null ? null : body.note();
    }
}
