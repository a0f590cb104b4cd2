package org.openpbr.clustering.scheme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import org.openpbr.clustering.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.json.JsonFaults;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.validation.IsoDate;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Currency schemes: versioned reference data, published by administrators, readable by everyone. */
@Path("/v1/schemes")
@Tag(name = "Currency schemes", description = "Versioned currencies (care clusters, resource groups) and their profile grids")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD, Roles.FINANCE, Roles.CONTRACT_MANAGER, Roles.ANALYST,
        Roles.ADMIN, Roles.SERVICE })
public class SchemeResource {

    static final String CSV = "text/csv";

    @Inject
    SchemeCatalogue catalogue;

    @Inject
    SchemeQueries schemes;

    @Inject
    CallerContext callers;

    @Inject
    ObjectMapper json;

    /** A page of scheme versions, as stored. */
    @Schema(name = "SchemeVersionPage")
    public record SummaryPage(@Schema(required = true) List<SchemeViews.Summary> items,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent on the last.") URI next) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listSchemeVersions", summary = "List published scheme versions",
            description = "Every published version of every scheme, oldest publication first.")
    @APIResponse(responseCode = "200", description = "A page of scheme versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public SummaryPage list(@Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        PageRequest request = PageRequest.of(after, limit);
        List<SchemeVersion> rows = schemes.after(request.afterSequence(), request.fetchSize());
        Page<SchemeVersion> page = Page.of(rows, request, version -> version.id, uri);
        return new SummaryPage(page.items().stream().map(SchemeViews.Summary::of).toList(), page.next());
    }

    @GET
    @Path("/{scheme}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSchemeVersion", summary = "One scheme version with its codes and grid")
    @APIResponse(responseCode = "200", description = "The version, its codes and their profiles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemeViews.Detail.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SchemeViews.Detail get(@PathParam("scheme") String scheme, @PathParam("version") String version) {
        return SchemeViews.Detail.of(catalogue.find(scheme, version)
                .orElseThrow(() -> ProblemException.notFound("Scheme " + scheme + " version " + version)));
    }

    @GET
    @Path("/{scheme}/in-force")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSchemeVersionInForce", summary = "The version of a scheme in force on a date",
            description = "Of the versions whose effective dates cover the date, the one published last. Assessments use exactly this rule.")
    @APIResponse(responseCode = "200", description = "The version in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemeViews.Summary.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SchemeViews.Summary inForce(@PathParam("scheme") String scheme,
            @Parameter(description = "The date (YYYY-MM-DD); today when absent.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("on") @IsoDate String on) {
        LocalDate date = on == null ? LocalDate.now() : IsoDate.Parse.of(on);
        LoadedScheme loaded = catalogue.inForce(scheme, date).orElseThrow(
                () -> ProblemException.notFound("A version of scheme " + scheme + " in force on " + date));
        return SchemeViews.Summary.of(schemes.byId(loaded.id()));
    }

    @PUT
    @Path("/{scheme}/versions/{version}")
    @Consumes({ MediaType.APPLICATION_JSON, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "publishSchemeVersion", summary = "Publish a scheme version (admin)",
            description = "Publishes a new version as JSON (the SchemeUpload body) or CSV (one row per code: code, name, super_class, max_review_period and, for a grid, scale_1 to scale_13 and scale_A to scale_E, each a five-letter word; the version's other facts as query parameters). "
                    + "The upload is validated completely and refused with every fault listed. Published versions are immutable: sending identical content again returns 200 with the stored version, different content is 409.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemeUpload.class),
                    examples = @ExampleObject(name = "a scheme without a grid", value = ApiExamples.SCHEME)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "the same scheme as CSV", value = ApiExamples.SCHEME_CSV)) })
    @APIResponse(responseCode = "200", description = "Identical content was already published; the stored version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemeViews.Summary.class)))
    @APIResponse(responseCode = "201", description = "Published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchemeViews.Summary.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response publish(@Parameter(example = "example-scheme") @PathParam("scheme") String scheme,
            @Parameter(example = "1") @PathParam("version") String version,
            @Parameter(description = "CSV only: the version's name.", example = "Example scheme (two codes, no grid)") @QueryParam("name") String name,
            @Parameter(description = "CSV only: first day in force (YYYY-MM-DD).", schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2000-01-01") @QueryParam("effectiveFrom") String effectiveFrom,
            @Parameter(description = "CSV only: last day in force (YYYY-MM-DD); omit for open-ended.", schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2000-12-31") @QueryParam("effectiveTo") String effectiveTo,
            @Parameter(description = "CSV only: true when the grid or codes are a stand-in.", schema = @Schema(type = SchemaType.BOOLEAN), example = "true") @QueryParam("illustrative") String illustrative,
            @Parameter(description = "CSV only: the code suggested when no code meets its red rules.") @QueryParam("varianceCode") String varianceCode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType, @Context UriInfo uri, String body)
            throws IOException {
        SchemeValidation.Result result;
        if (contentType != null && contentType.isCompatible(MediaType.valueOf(CSV))) {
            result = fromCsv(scheme, version, name, effectiveFrom, effectiveTo, illustrative, varianceCode, body);
        } else {
            List<FieldError> csvOnly = new ArrayList<>();
            Map.of("name", name == null ? "" : name, "effectiveFrom", effectiveFrom == null ? "" : effectiveFrom,
                    "effectiveTo", effectiveTo == null ? "" : effectiveTo, "illustrative", illustrative == null ? "" : illustrative,
                    "varianceCode", varianceCode == null ? "" : varianceCode).forEach((parameter, value) -> {
                        if (!value.isEmpty()) {
                            csvOnly.add(new FieldError(parameter, "is for CSV uploads; a JSON body carries it as a field"));
                        }
                    });
            result = merge(csvOnly, fromJsonCollecting(scheme, version, body));
        }
        SchemeDefinition definition = result.definition().orElseThrow(() -> ProblemException.invalid(result.errors()));
        SchemeCatalogue.Publication publication = catalogue.publish(definition, callers.current());
        SchemeVersion stored = schemes.byId(publication.version().id);
        SchemeViews.Summary view = SchemeViews.Summary.of(stored);
        if (!publication.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getBaseUriBuilder().path("v1/schemes/{scheme}/versions/{version}")
                .build(scheme, version)).entity(view).build();
    }

    /** The JSON body's faults as a result (so they join the parameters' ones), or its validation. */
    private SchemeValidation.Result fromJsonCollecting(String scheme, String version, String body) throws IOException {
        try {
            return fromJson(scheme, version, body);
        } catch (ProblemException e) {
            if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
                throw e;
            }
            return new SchemeValidation.Result(Optional.empty(), e.problem().errors());
        }
    }

    private SchemeValidation.Result fromJson(String scheme, String version, String body) throws IOException {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("body", "is required")));
        }
        SchemeUpload upload = JsonFaults.readAll(json, body.getBytes(StandardCharsets.UTF_8), SchemeUpload.class);
        List<FieldError> errors = new ArrayList<>();
        if (upload.scheme() != null && !upload.scheme().equals(scheme)) {
            errors.add(new FieldError("scheme", "must match the path (" + scheme + ") or be left out"));
        }
        if (upload.version() != null && !upload.version().equals(version)) {
            errors.add(new FieldError("version", "must match the path (" + version + ") or be left out"));
        }
        SchemeDraft draft = new SchemeDraft(scheme, version, upload.name(), upload.effectiveFrom(), upload.effectiveTo(),
                upload.illustrative(), upload.varianceCode(), upload.codes());
        return merge(errors, SchemeValidation.validate(draft, SchemeValidation.JSON));
    }

    private static SchemeValidation.Result fromCsv(String scheme, String version, String name, String from, String to,
            String illustrative, String varianceCode, String body) {
        Faults faults = new Faults();
        LocalDate effectiveFrom = faults.date("effectiveFrom", from, false);
        LocalDate effectiveTo = faults.date("effectiveTo", to, false);
        Boolean isIllustrative = null;
        if (illustrative != null && !illustrative.isBlank()) {
            if (illustrative.equals("true") || illustrative.equals("false")) {
                isIllustrative = Boolean.valueOf(illustrative);
            } else {
                faults.add("illustrative", "must be true or false");
            }
        }
        SchemeCsv.Parsed parsed = SchemeCsv.read(new StringReader(body == null ? "" : body));
        List<FieldError> errors = new ArrayList<>(faults.addAll(parsed.errors()).errors());
        if (parsed.codes().isEmpty()) {
            return new SchemeValidation.Result(Optional.empty(), errors);
        }
        SchemeDraft draft = new SchemeDraft(scheme, version, name, effectiveFrom, effectiveTo, isIllustrative,
                varianceCode, parsed.codes());
        SchemeValidation.Result validated = SchemeValidation.validate(draft, SchemeCsv.locator());
        // A line already reported as unreadable is not reported again as missing every value.
        Set<String> brokenLines = new HashSet<>();
        parsed.errors().forEach(error -> brokenLines.add(error.field() + ","));
        List<FieldError> rest = validated.errors().stream()
                .filter(error -> brokenLines.stream().noneMatch(line -> error.field().startsWith(line))).toList();
        return merge(errors, new SchemeValidation.Result(validated.definition(), rest));
    }

    private static SchemeValidation.Result merge(List<FieldError> first, SchemeValidation.Result result) {
        if (first.isEmpty()) {
            return result;
        }
        List<FieldError> all = new ArrayList<>(first);
        all.addAll(result.errors());
        return new SchemeValidation.Result(Optional.empty(), all);
    }
}
