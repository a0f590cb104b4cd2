package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.costing.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.costing.period.CostingPeriod;
import org.openpbr.costing.period.PeriodService;
import org.openpbr.platform.validation.DecimalRange;
import org.openpbr.platform.validation.Identifier;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.csv.CsvPage;
import org.openpbr.platform.csv.CsvTableWriter;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonInclude;

@Path("/v1/runs")
@Tag(name = "Costing runs", description = "Patient-level costing to cluster (method pbr-mh-costing-1) and its results")
public class RunResource {

    @Schema(name = "NewCostingRun")
    public record NewRunBody(@Schema(required = true, description = "The costing period's code.") @NotBlank @Identifier String period,
            @Schema(description = "Include ledger lines flagged social care (default true); recorded with the run.") Boolean includeSocialCare,
            @Schema(description = "Cost activity and count cluster days up to and including this date, within the period (an in-year run). Default: the latest activity date loaded for the period, at most its end.", example = "2025-09-30") java.time.LocalDate asOf) {
    }

    @Schema(name = "CostingRunList")
    public record RunList(@Schema(required = true) List<RunViews.Run> items) {
    }

    @Schema(name = "EpisodeCostPage")
    public record EpisodePage(@Schema(required = true) List<RunViews.EpisodeCost> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) java.net.URI next) implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return RunViews.EPISODE_COLUMNS;
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(RunViews::cells).toList();
        }

        @Override
        public String csvName() {
            return "run-episodes";
        }
    }

    @Inject
    CallerContext callers;

    @Inject
    RunService runs;

    @Inject
    RunQueries reader;

    @Inject
    VarianceService variance;

    @Inject
    PeriodService periods;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "startCostingRun", summary = "Cost a period (finance)",
            description = "Runs costing method pbr-mh-costing-1 over the period's ledger, activity and the episodes overlapping it, and records the run immutably with its inputs' fingerprint, options and timings. Synchronous: a trust-year takes seconds.")
    @APIResponse(responseCode = "201", description = "The completed run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunViews.Run.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewRunBody.class),
            examples = @ExampleObject(name = "cost the example year", value = ApiExamples.RUN)))
    public Response start(@NotNull @Valid NewRunBody body, @Context UriInfo uri) {
        UUID id = runs.run(callers.current(), new RunService.NewRun(body.period(), body.includeSocialCare(), body.asOf()));
        return Response.created(uri.getBaseUriBuilder().path("v1/runs/{id}").build(id))
                .entity(reader.require(callers.current(), id)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "listCostingRuns", summary = "Runs of a period", description = "Newest first, at most 100.")
    @APIResponse(responseCode = "200", description = "Runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RunList list(@Parameter(description = "The costing period's code", required = true) @QueryParam("period") String period) {
        if (period == null || period.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("period", "is required")));
        }
        CostingPeriod found = periods.require(callers.current().requireProviderOrg(), period);
        return new RunList(reader.ofPeriod(callers.current(), found.id));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getCostingRun", summary = "A run: options, fingerprint, reconciliation, timings")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunViews.Run.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RunViews.Run get(@PathParam("id") UUID id) {
        return reader.require(callers.current(), id);
    }

    @GET
    @Path("/{id}/codes")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getCodeCosts", summary = "Cost by code, admitted and non-admitted",
            description = "Per code: episodes, cluster days in the period, total cost, cost per cluster day, per episode and per review period, each setting's cost and days. Optionally by team or by responsible commissioner.")
    @APIResponse(responseCode = "200", description = "Cost by code",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunViews.CodeCosts.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RunViews.CodeCosts codes(@PathParam("id") UUID id,
            @Parameter(description = "team or commissioner", schema = @Schema(enumeration = { "team", "commissioner" })) @QueryParam("by") String by,
            @Parameter(description = "Leave high-cost outlier episodes out of the figures (see /variance).", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("excludeOutliers") String excludeOutliers,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") @DecimalRange(min = "0", max = "10", scale = 10, message = VarianceService.TRIM_RULE) String trimMultiplier) {
        RunQueries.Grouping grouping = null;
        if (by != null) {
            // Exactly as published (team, commissioner): no other spelling is guessed at.
            grouping = Arrays.stream(RunQueries.Grouping.values()).filter(g -> g.name().toLowerCase(Locale.ROOT).equals(by))
                    .findFirst().orElseThrow(() -> ProblemException.invalid(List.of(new FieldError("by", "must be team or commissioner"))));
        }
        RunViews.Run run = reader.require(callers.current(), id);
        BigDecimal k = VarianceService.trimMultiplier(trimMultiplier);
        return reader.codes(run, grouping, flag("excludeOutliers", excludeOutliers) ? variance.outliers(run, k) : null);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalid(List.of(new FieldError(name, "must be true or false")));
    }

    @GET
    @Path("/{id}/variance")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getCostVariance", summary = "How episode costs vary within each code",
            description = "Per code, over its episodes' cost per cluster day: count, mean, median, 10th/25th/75th/90th percentiles, min, max, standard deviation, coefficient of variation, p90/p10 fold, "
                    + "the trim point (upper quartile + trimMultiplier x interquartile range) with the outliers above it and the cost per cluster day without them; "
                    + "and eta squared, the share of the variance between episodes that the codes explain.")
    @APIResponse(responseCode = "200", description = "Variance by code",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VarianceViews.Run.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public VarianceViews.Run variance(@PathParam("id") UUID id,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") @DecimalRange(min = "0", max = "10", scale = 10, message = VarianceService.TRIM_RULE) String trimMultiplier) {
        return variance.variance(reader.require(callers.current(), id), VarianceService.trimMultiplier(trimMultiplier));
    }

    @GET
    @Path("/{id}/outliers")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "listOutlierEpisodes", summary = "High-cost outlier episodes (finance)",
            description = "The episodes above their code's trim point, costliest per cluster day first.")
    @APIResponse(responseCode = "200", description = "A page of outliers",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VarianceViews.OutlierPage.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public VarianceViews.OutlierPage outliers(@PathParam("id") UUID id,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") @DecimalRange(min = "0", max = "10", scale = 10, message = VarianceService.TRIM_RULE) String trimMultiplier,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        return variance.outlierPage(reader.require(callers.current(), id), VarianceService.trimMultiplier(trimMultiplier),
                PageRequest.of(after, limit), uri);
    }

    @GET
    @Path("/{id}/centres")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getCentreCosts", summary = "Each cost centre from ledger to activity",
            description = "Direct cost, support apportioned, total, activity, and how much was allocated to episodes, reached people without an episode, or stayed unallocated (and why).")
    @APIResponse(responseCode = "200", description = "Centres",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunViews.CentreCosts.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RunViews.CentreCosts centres(@PathParam("id") UUID id) {
        return reader.centres(reader.require(callers.current(), id));
    }

    @GET
    @Path("/{id}/episodes")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "getEpisodeCosts", summary = "Per-episode costs (finance)",
            description = "Every episode overlapping the period, as the run saw it, with its admitted and non-admitted cost; optionally one code.")
    @APIResponse(responseCode = "200", description = "A page of episodes",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodePage.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EpisodePage episodes(@PathParam("id") UUID id, @QueryParam("code") String code,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        RunViews.Run run = reader.require(callers.current(), id);
        PageRequest request = PageRequest.of(after, limit);
        Page<RunQueries.PagedEpisode> page = Page.of(reader.episodes(run, code, request.afterSequence(),
                request.fetchSize()), request, RunQueries.PagedEpisode::sequence, uri);
        return new EpisodePage(page.items().stream().map(RunQueries.PagedEpisode::cost).toList(), page.next());
    }

    @GET
    @Path("/{id}/compare/{other}")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "compareCostingRuns", summary = "What changed between two runs: by code, by cost centre, and the ledger",
            description = "New against old, whichever order the path names the runs in. Each code's change split into price and volume; each centre's direct, apportioned and total change; how many ledger lines were added, removed or changed (the lines: .../ledger). CSV: the codes.")
    @APIResponse(responseCode = "200", description = "The comparison",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunViews.Comparison.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The codes' changes as CSV: a header row, one row per code, UTF-8")) })
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RunViews.Comparison compare(@PathParam("id") UUID id, @PathParam("other") UUID other) {
        return reader.compare(reader.require(callers.current(), id), reader.require(callers.current(), other));
    }

    @GET
    @Path("/{id}/compare/{other}/centres")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "compareCentreCosts", summary = "What changed between two runs, by cost centre",
            description = "Each centre of either run, new against old: direct (ledger), apportioned support and total, and how the change split between allocated, not clustered and unallocated.")
    @APIResponse(responseCode = "200", description = "The centres' changes",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunViews.CentreChanges.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RunViews.CentreChanges compareCentres(@PathParam("id") UUID id, @PathParam("other") UUID other) {
        List<RunViews.Run> pair = RunQueries.newAgainstOld(reader.require(callers.current(), id),
                reader.require(callers.current(), other));
        return new RunViews.CentreChanges(pair.get(0).id(), pair.get(1).id(), reader.centreChanges(pair.get(0), pair.get(1)));
    }

    @Schema(name = "LedgerLineChangePage")
    public record LineChangePage(@Schema(required = true) UUID baseRunId, @Schema(required = true) UUID otherRunId,
            @Schema(required = true) List<RunViews.LedgerLineChange> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) java.net.URI next) implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return List.of("cost_centre", "expense_type", "social_care", "change", "base_amount", "other_amount",
                    "amount_change");
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(l -> Arrays.<Object>asList(l.costCentre(), l.expenseType(), l.socialCare(),
                    l.change(), l.baseAmount(), l.otherAmount(), l.amountChange())).toList();
        }

        @Override
        public String csvName() {
            return "compare-" + baseRunId + "-" + otherRunId + "-ledger";
        }
    }

    @GET
    @Path("/{id}/compare/{other}/ledger")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "compareLedgerLines", summary = "What changed between two runs, by ledger line",
            description = "The two runs' ledger lines side by side (a line is a cost centre, expense type and social-care flag), new against old, ordered by centre, expense type and flag: lines added, removed or with a changed amount, and with unchanged=true the unchanged ones too. 409 when either run was made before runs kept their ledger lines.")
    @APIResponse(responseCode = "200", description = "A page of line changes",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LineChangePage.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public LineChangePage compareLedger(@PathParam("id") UUID id, @PathParam("other") UUID other,
            @Parameter(description = "Include the lines whose amount did not change.", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("unchanged") String unchanged,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        List<RunViews.Run> pair = RunQueries.newAgainstOld(reader.require(callers.current(), id),
                reader.require(callers.current(), other));
        boolean all = flag("unchanged", unchanged);
        PageRequest request = PageRequest.of(after, limit);
        pair.forEach(reader::requireLedgerKept);
        Page<RunQueries.PagedLineChange> page = Page.of(reader.ledgerChanges(pair.get(0), pair.get(1), all,
                request.afterSequence(), request.fetchSize()), request, RunQueries.PagedLineChange::sequence, uri);
        return new LineChangePage(pair.get(0).id(), pair.get(1).id(),
                page.items().stream().map(RunQueries.PagedLineChange::change).toList(), page.next());
    }

    @Schema(name = "RunLedgerPage")
    public record LedgerPage(@Schema(required = true) UUID runId, @Schema(required = true) List<RunViews.RunLedgerLine> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) java.net.URI next) implements CsvPage {

        @Override
        public List<String> csvHeader() {
            return List.of("line", "upload_id", "cost_centre", "expense_type", "social_care", "amount");
        }

        @Override
        public List<List<Object>> csvRows() {
            return items.stream().map(l -> Arrays.<Object>asList(l.line(), l.uploadId(), l.costCentre(), l.expenseType(),
                    l.socialCare(), l.amount())).toList();
        }

        @Override
        public String csvName() {
            return "run-" + runId + "-ledger";
        }
    }

    @GET
    @Path("/{id}/ledger")
    @Produces({ MediaType.APPLICATION_JSON, CsvTableWriter.TEXT_CSV })
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "getRunLedger", summary = "The ledger lines a run costed (finance)",
            description = "Every line of the period's ledger as the run read it (social-care lines too, flagged, whether or not the run included them), in the order of its file, with the upload it came from. 409 for a run made before runs kept their ledger lines.")
    @APIResponse(responseCode = "200", description = "A page of ledger lines",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LedgerPage.class)),
                    @Content(mediaType = CsvTableWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING, description = "The same figures as CSV: a header row, one row per line, UTF-8")) })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public LedgerPage ledger(@PathParam("id") UUID id, @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        RunViews.Run run = reader.require(callers.current(), id);
        reader.requireLedgerKept(run);
        PageRequest request = PageRequest.of(after, limit);
        Page<RunViews.RunLedgerLine> page = Page.of(reader.ledger(run, request.afterSequence(), request.fetchSize()),
                request, RunViews.RunLedgerLine::line, uri);
        return new LedgerPage(run.id(), page.items(), page.next());
    }
}
