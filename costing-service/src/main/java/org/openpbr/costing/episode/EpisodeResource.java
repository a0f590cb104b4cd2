package org.openpbr.costing.episode;

import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.costing.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.csv.CsvCharset;
import org.openpbr.costing.period.UploadView;
import org.openpbr.costing.period.PeriodResource;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.idempotency.IdempotentWrites;
import org.openpbr.platform.paging.PageRequest;

import com.fasterxml.jackson.annotation.JsonInclude;

@Path("/v1/episodes")
@Tag(name = "Cluster episodes", description = "The episodes activity is costed to: from clustering-service, or uploaded")
public class EpisodeResource {

    @Schema(name = "EpisodeLoad")
    public record Loaded(@Schema(required = true) long uploadId, @Schema(required = true) int created,
            @Schema(required = true) int updated, @Schema(required = true) int unchanged) {
    }

    @Inject
    CallerContext callers;

    @Inject
    EpisodeService service;

    @Schema(name = "EpisodeSync", description = "The pull of cluster episodes from clustering-service's change feed.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sync(@Schema(description = "When the feed was last read successfully; absent if never.") OffsetDateTime lastPulledAt,
            @Schema(required = true, description = "Your episodes that came from the feed, in total.") long yourFeedEpisodes,
            @Schema(description = "Changes read by this pull (all providers).") Integer changesRead,
            @Schema(description = "Your episodes added or updated by this pull.") Integer yourEpisodesStored,
            @Schema(description = "Whether this pull reached the end of the feed; when false, pull again.") Boolean caughtUp) {
    }

    @Inject
    EpisodeFeed feed;

    @POST
    @Consumes(PeriodResource.CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "loadEpisodes", summary = "Load cluster episodes (providers clustering outside OpenPbR)",
            description = "CSV with the columns episode_id, patient_id, code, start_date, end_date (empty while open), review_due, commissioner_code and team, and optionally nhs_number. "
                    + "The NHS number is not stored: it only makes the person's pseudonym for the commissioner, the same one clustering-service and every other provider's records give them; without it the pseudonym is provider-local. "
                    + "Episodes are added or updated by episode_id; a person's episodes may not overlap. All-or-nothing, every fault listed by line. "
                    + "Refused (409) for a provider whose episodes come from clustering-service. The same file again changes nothing (200).")
    @RequestBody(required = true, content = @Content(mediaType = PeriodResource.CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "one open episode", value = ApiExamples.EPISODES)))
    @APIResponse(responseCode = "200", description = "This file was already loaded; nothing changed",
            headers = @Header(name = IdempotentWrites.REPLAYED, description = IdempotentWrites.REPLAYED_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Loaded.class)))
    @APIResponse(responseCode = "201", description = "Loaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Loaded.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response load(@Parameter(description = "Optional, e.g. attachment; filename=\"episodes.csv\".") @HeaderParam(UploadView.CONTENT_DISPOSITION) String disposition,
            @Context HttpHeaders headers, @Context UriInfo uri, byte[] file) {
        EpisodeService.Outcome outcome = service.upload(callers.current(),
                file == null ? "" : CsvCharset.text(file, headers.getMediaType(), "episodes"),
                UploadView.fileName(disposition));
        Loaded body = new Loaded(outcome.uploadId(), outcome.created(), outcome.updated(), outcome.unchanged());
        if (outcome.replayed()) {
            return Response.ok(body).header(IdempotentWrites.REPLAYED, "true").build();
        }
        return Response.created(uri.getBaseUriBuilder().path("v1/episodes").build()).entity(body).build();
    }

    @POST
    @Path("sync")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FINANCE)
    @Operation(operationId = "syncEpisodes", summary = "Pull cluster episodes from clustering-service now",
            description = "Reads clustering-service's change feed from where the last pull stopped, with costing-service's service account, "
                    + "and stores every episode change (the feed is also pulled on a schedule, every minute by default). "
                    + "Run before a costing run to be sure it sees the latest episodes. 503 with Retry-After when clustering-service cannot be reached; "
                    + "episodes already pulled are unchanged. Providers that upload their episodes are not overwritten from the feed.")
    @APIResponse(responseCode = "200", description = "Pulled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Sync.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Sync sync() {
        String provider = callers.current().requireProviderOrg();
        EpisodeFeed.Pulled pulled = feed.pull(provider);
        return new Sync(feed.lastPulledAt(), service.feedEpisodes(provider), pulled.changesRead(), pulled.yourEpisodesStored(),
                pulled.caughtUp());
    }

    @GET
    @Path("sync")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "getEpisodeSync", summary = "When episodes were last pulled from clustering-service")
    @APIResponse(responseCode = "200", description = "The state of the pull",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Sync.class)))
    public Sync syncState() {
        String provider = callers.current().requireProviderOrg();
        return new Sync(feed.lastPulledAt(), service.feedEpisodes(provider), null, null, null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FINANCE, Roles.ANALYST })
    @Operation(operationId = "listCostingEpisodes", summary = "Your cluster episodes as costing sees them",
            description = "Optionally only those of one person; in the order they reached costing.")
    @APIResponse(responseCode = "200", description = "A page of episodes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeViews.ViewPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public EpisodeViews.ViewPage list(@Parameter(description = "Your local patient id") @QueryParam("patientId") String patientId,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        String provider = callers.current().requireProviderOrg();
        return service.list(provider, patientId, PageRequest.of(after, limit), uri);
    }
}
