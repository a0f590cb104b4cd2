package org.openpbr.clustering.decision;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.openpbr.clustering.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.clustering.ClusteringConfig;
import org.openpbr.clustering.scheme.LoadedScheme;
import org.openpbr.clustering.scheme.SchemeCatalogue;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/** Stateless decision support for EPRs that must not send identifiable data. */
@Path("/v1/suggestions")
@Tag(name = "Decision support")
public class SuggestionResource {

    @Inject
    FitRules fits;

    @Inject
    SchemeCatalogue catalogue;

    @Inject
    ClusteringConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    @Operation(operationId = "suggestCluster", summary = "Rank the codes for a set of ratings (stores nothing)",
            description = "Runs decision support (rule profile-fit-1) on ratings alone, with the scheme version in force on `on` (default today). Nothing is stored and no identifier is accepted, for EPRs that must not send identifiable data. The recorded-assessment flow computes the same result and stores it. 404: the scheme has no version in force on that date. 409: the version in force has no profile grid (its codes are allocated by hand).")
    @APIResponse(responseCode = "200", description = "The ranked codes, the suggestion and the trace",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SuggestionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SuggestionRequest.class),
            examples = @ExampleObject(name = "a psychotic crisis", value = ApiExamples.SUGGESTION)))
    public SuggestionView suggest(@NotNull @Valid SuggestionRequest body) {
        LoadedScheme scheme = inForce(body.scheme(), body.on());
        ProfileFit fit = fits.of(scheme).orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "Scheme "
                + scheme.scheme() + " version " + scheme.version() + " has no profile grid: its codes are allocated by hand"));
        return SuggestionView.of(scheme, fit.evaluate(body.ratings().toRatings()));
    }

    private LoadedScheme inForce(String schemeKey, LocalDate on) {
        String key = schemeKey == null || schemeKey.isBlank() ? config.defaultScheme() : schemeKey;
        LocalDate date = on == null ? LocalDate.now() : on;
        return catalogue.inForce(key, date).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "Scheme " + key + " has no version in force on " + date));
    }
}
