package org.openpbr.contract.budget;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;

/** Personal health budgets held under a contract. */
@Path("/v1/contracts/{id}/budgets")
@Tag(name = "Personal budgets", description = "People holding a personal health budget for a code: the price's person-directed part, paid to the budget")
@RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE, Roles.ANALYST })
public class BudgetResource {

    @Inject
    CallerContext callers;

    @Inject
    BudgetService budgets;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "recordPersonalBudget", summary = "Record that a person holds a personal budget for a code",
            description = "By the provider's finance (person = its local id) or the commissioner's contract-manager (person = its pseudonym), for whole months of the contract year, for a code the agreed terms allow (terms.personalBudgets). "
                    + "From the next statement computed, that person's units of the code pay the provider the price less the budget, and the budget on its own line. 409 when the person already holds a budget for the code in any of those months.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetViews.Request.class),
            examples = @ExampleObject(name = "a year's budget", value = "{\"person\": \"RX1-000123\", \"code\": \"11\", \"from\": \"2025-04-01\", \"note\": \"Care plan review 2025-03-20\"}")))
    @APIResponse(responseCode = "201", description = "The budget",
            headers = @Header(name = "Location", description = "The budget", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetViews.Budget.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response record(@PathParam("id") UUID id, @NotNull @Valid BudgetViews.Request body, @Context UriInfo uri) {
        BudgetViews.Budget budget = budgets.record(callers.current(), id, body, uri.getBaseUri());
        return Response.created(budget.href()).entity(budget).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPersonalBudgets", summary = "The contract's personal budgets",
            description = "The commissioner's contract-manager sees each person as its pseudonym; the provider as its local id.")
    @APIResponse(responseCode = "200", description = "The budgets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetViews.BudgetList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public BudgetViews.BudgetList list(@PathParam("id") UUID id, @Context UriInfo uri) {
        return budgets.list(callers.current(), id, uri.getBaseUri());
    }

    @GET
    @Path("/{budget}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPersonalBudget", summary = "A personal budget: what it buys, the provider's part, and what it has paid")
    @APIResponse(responseCode = "200", description = "The budget",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetViews.Budget.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public BudgetViews.Budget get(@PathParam("id") UUID id, @PathParam("budget") UUID budget, @Context UriInfo uri) {
        return budgets.get(callers.current(), id, budget, uri.getBaseUri());
    }

    @POST
    @Path("/{budget}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CONTRACT_MANAGER, Roles.FINANCE })
    @Operation(operationId = "endPersonalBudget", summary = "Bring a personal budget's end forward",
            description = "To the end of an earlier month. Units after it are the provider's at the full price again, from the next statement; earlier months already issued are adjusted there.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetViews.End.class),
            examples = @ExampleObject(name = "ended in September", value = "{\"to\": \"2025-09-30\", \"note\": \"The person chose to return to the team's care\"}")))
    @APIResponse(responseCode = "200", description = "The budget",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetViews.Budget.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public BudgetViews.Budget end(@PathParam("id") UUID id, @PathParam("budget") UUID budget, @NotNull @Valid BudgetViews.End body,
            @Context UriInfo uri) {
        return budgets.end(callers.current(), id, budget, body, uri.getBaseUri());
    }
}
