package org.openpbr.costing.period;

import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.costing.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.csv.CsvCharset;
import org.openpbr.costing.period.rule.PeriodRules;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.validation.CrossFieldChecked;
import org.openpbr.platform.validation.CrossFieldRules;
import org.openpbr.platform.validation.Identifier;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.idempotency.IdempotentWrites;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.csv.CsvTableWriter;

/** Costing periods and what is loaded into them: the ledger and the activity files. */
@Path("/v1/periods")
@Tag(name = "Periods and loading", description = "Costing periods, their ledger and activity files (provider finance)")
public class PeriodResource {

    public static final String CSV = "text/csv";

    @Schema(name = "NewCostingPeriod")
    @CrossFieldChecked
    public record NewPeriodBody(@Schema(required = true, description = "Your name for it, e.g. 2025-26.") @NotBlank @Identifier String code,
            @Schema(required = true, description = "The first day of a month.") @NotNull LocalDate startDate,
            @Schema(required = true, description = "The last day of a month; at most 12 months after startDate.") @NotNull LocalDate endDate)
            implements CrossFieldRules {

        @Override
        public List<FieldError> crossFieldFaults() {
            return PeriodRules.faults(startDate, endDate);
        }
    }

    @Schema(name = "CostingPeriodList")
    public record PeriodList(@Schema(required = true) List<PeriodView> items) {
    }

    @Schema(name = "UploadList")
    public record UploadList(@Schema(required = true) List<UploadView> items) {
    }

    @Inject
    CallerContext callers;

    @Inject
    PeriodService periods;

    @Inject
    UploadService uploads;

    @Inject
    LedgerService ledgers;


    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "createCostingPeriod", summary = "Open a costing period (finance)",
            description = "A period is whole months: usually a financial year (April to March) or one month. Periods may overlap; each holds its own ledger and activity.")
    @APIResponse(responseCode = "201", description = "Opened",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PeriodView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewPeriodBody.class),
            examples = @ExampleObject(name = "a financial year", value = ApiExamples.PERIOD)))
    public Response create(@NotNull @Valid NewPeriodBody body, @Context UriInfo uri) {
        CostingPeriod period = periods.create(callers.current(),
                new PeriodService.NewPeriod(body.code(), body.startDate(), body.endDate()));
        return Response.created(uri.getBaseUriBuilder().path("v1/periods/{code}").build(period.code))
                .entity(periods.view(period)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "listCostingPeriods", summary = "Your costing periods",
            description = "Newest first, at most 100.")
    @APIResponse(responseCode = "200", description = "Periods",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PeriodList.class)))
    public PeriodList list() {
        String provider = callers.current().requireProviderOrg();
        return new PeriodList(periods.list(provider).stream().map(periods::view).toList());
    }

    @GET
    @Path("/{period}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getCostingPeriod", summary = "A costing period and what is loaded in it")
    @APIResponse(responseCode = "200", description = "The period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PeriodView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public PeriodView get(@PathParam("period") String code) {
        return periods.view(periods.require(callers.current().requireProviderOrg(), code));
    }

    @GET
    @Path("/{period}/ledger")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "getLedger", summary = "The period's ledger as loaded (finance)",
            description = "The lines in force, in the order of their file, with the upload that loaded them (file name, SHA-256, who and when). A run keeps its own copy of the lines it costed: GET /v1/runs/{id}/ledger.")
    @APIResponse(responseCode = "200", description = "A page of ledger lines",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LedgerLines.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same lines as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public LedgerLines ledger(@Parameter(example = "FY2025-26") @PathParam("period") String code,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        CostingPeriod period = periods.require(callers.current().requireProviderOrg(), code);
        PageRequest request = PageRequest.of(after, limit);
        Page<LedgerLines.Line> page = Page.of(periods.ledgerLines(period, request.afterSequence(), request.fetchSize()),
                request, LedgerLines.Line::line, uri);
        return new LedgerLines(period.code, periods.ledgerUpload(period).map(UploadView::of).orElse(null),
                page.items(), page.next());
    }

    @PUT
    @Path("/{period}/ledger")
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "loadLedger", summary = "Load the period's ledger (finance)",
            description = "A trial balance as CSV with the columns cost_centre, expense_type, amount (pounds, at most two decimals, negative for credits) and social_care (true/false or Y/N): one line per cost centre, expense type and social-care flag. "
                    + "The file is checked completely; any fault refuses it whole, with every fault listed by line and column. A new file replaces the period's ledger; the same file again changes nothing (200).")
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "a ledger for the example centres", value = ApiExamples.LEDGER)))
    @APIResponse(responseCode = "200", description = "This file is already the period's ledger; nothing changed",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "201", description = "Loaded; it replaces any earlier ledger of the period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response loadLedger(@Parameter(example = "FY2025-26") @PathParam("period") String code,
            @Parameter(description = "Optional, e.g. attachment; filename=\"tb-2025-26.csv\": the file name is kept with the upload.") @HeaderParam(UploadView.CONTENT_DISPOSITION) String disposition,
            @Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        return accepted(ledgers.replace(callers.current(), code, body, CsvCharset.of(headers.getMediaType()),
                UploadView.fileName(disposition)), code, uri);
    }

    @POST
    @Path("/{period}/activity/{kind}")
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "loadActivity", summary = "Load an activity file (finance)",
            description = "CSV, in bulk (millions of rows stream straight into the database). Columns by kind: "
                    + "`contacts`: contact_id, patient_id, contact_date, cost_centre (a COMMUNITY_TEAM), staff_group, minutes (1-1440); "
                    + "`bed-days`: patient_id, bed_date, ward (an INPATIENT_WARD), one per person per night; "
                    + "`group-sessions`: session_id, session_date, cost_centre (a COMMUNITY_TEAM), staff_group, minutes, attendees (patient ids separated by ';', at most 60). "
                    + "patient_id is your local patient id, as in your cluster episodes. Dates are YYYY-MM-DD inside the period. "
                    + "The file is checked completely and loaded all-or-nothing; a refused file lists every fault by line (unknown or wrong-type cost centre, bad or out-of-period date, negative minutes, wrong columns, ids repeated in the file or already loaded). "
                    + "Files add up: load a month at a time if you like. The same file again changes nothing (200).")
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "care contacts (for bed-days: patient_id,bed_date,ward; for group-sessions: session_id,session_date,cost_centre,staff_group,minutes,attendees)", value = ApiExamples.CONTACTS)))
    @APIResponse(responseCode = "200", description = "This file is already loaded in the period; nothing changed",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "201", description = "Loaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response loadActivity(@Parameter(example = "FY2025-26") @PathParam("period") String code,
            @Parameter(description = "contacts, bed-days or group-sessions", schema = @Schema(enumeration = { "contacts", "bed-days", "group-sessions" })) @PathParam("kind") String kind,
            @Parameter(description = "Optional, e.g. attachment; filename=\"contacts-2025-04.csv\": the file name is kept with the upload.") @HeaderParam(UploadView.CONTENT_DISPOSITION) String disposition,
            @Context HttpHeaders headers, @Context UriInfo uri, InputStream body) {
        ActivityKind activity = ActivityKind.ofPath(kind);
        if (activity == null) {
            throw ProblemException.notFound("Activity kind " + kind + " (contacts, bed-days or group-sessions)");
        }
        return accepted(uploads.loadActivity(callers.current(), code, activity, body,
                CsvCharset.of(headers.getMediaType()), UploadView.fileName(disposition)), code, uri);
    }

    @GET
    @Path("/{period}/uploads")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "listUploads", summary = "Files loaded into the period",
            description = "Newest first, at most 1,000, including replaced and withdrawn ones.")
    @APIResponse(responseCode = "200", description = "Uploads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public UploadList uploads(@PathParam("period") String code) {
        CostingPeriod period = periods.require(callers.current().requireProviderOrg(), code);
        return new UploadList(periods.uploads(period).stream().map(UploadView::of).toList());
    }

    @DELETE
    @Path("/{period}/uploads/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "withdrawUpload", summary = "Withdraw an activity file (finance)",
            description = "Removes the file's rows from the period (runs already made keep their figures) and keeps the upload's record, marked withdrawn. A ledger is replaced, not withdrawn.")
    @APIResponse(responseCode = "200", description = "Withdrawn (or already withdrawn)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public UploadView withdraw(@PathParam("period") String code, @PathParam("id") long id) {
        return UploadView.of(uploads.withdraw(callers.current(), code, id));
    }

    private Response accepted(UploadService.Accepted accepted, String period, UriInfo uri) {
        UploadView view = UploadView.of(accepted.upload());
        if (accepted.replayed()) {
            return Response.ok(view).header(IdempotentWrites.REPLAYED, "true").build();
        }
        URI location = uri.getBaseUriBuilder().path("v1/periods/{period}/uploads").build(period);
        return Response.created(location).entity(view).build();
    }
}
