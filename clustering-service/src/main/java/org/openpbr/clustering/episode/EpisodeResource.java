package org.openpbr.clustering.episode;

import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;

/** Review lists: they keep clusters within their review period. */
@Path("/v1/reviews")
@Tag(name = "Reviews", description = "Cluster reviews due and overdue")
@RolesAllowed({ Roles.CLINICIAN, Roles.CLINICAL_LEAD })
public class EpisodeResource {

    /** Cursor positions pack the review date above the change number, so the list can page in due order. */
    private static final int SEQ_BITS = 40;

    @Inject
    CallerContext callers;

    @Inject
    EntityManager em;

    @Schema(name = "ReviewItem")
    public record ReviewItem(@Schema(required = true) UUID episodeId, @Schema(required = true) UUID patientId,
            @Schema(required = true) String localId, @Schema(required = true) String team,
            @Schema(required = true, description = "The person's current code.") String code,
            @Schema(required = true) LocalDate episodeStart, @Schema(required = true) LocalDate reviewDue,
            @Schema(required = true, description = "Days from today to the review date; negative when overdue.") long daysUntilDue,
            @Schema(required = true) boolean overdue,
            @Schema(required = true) String commissionerCode) {
    }

    @Schema(name = "ReviewList")
    public record ReviewList(@Schema(required = true) LocalDate asOf,
            @Schema(required = true, description = "Open episodes due for review by asOf + dueWithinDays, overdue first, in due-date order.") List<ReviewItem> items,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent on the last.") URI next) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listReviewsDue", summary = "Reviews due and overdue for your organisation or one team",
            description = "Open cluster episodes whose review date (start + the code's maximum review period) falls on or before today + dueWithinDays; overdue ones come first.")
    @APIResponse(responseCode = "200", description = "The review list",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public ReviewList reviews(
            @Parameter(description = "Only this team's episodes.") @QueryParam("team") String team,
            @Parameter(description = "Include reviews due within this many days (0-366, default 28).", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "366", defaultValue = "28")) @QueryParam("dueWithinDays") String dueWithinDays,
            @Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        String provider = callers.current().requireProviderOrg();
        int within = 28;
        Faults faults = new Faults();
        if (dueWithinDays != null && !dueWithinDays.isBlank()) {
            try {
                within = Integer.parseInt(dueWithinDays.strip());
                if (within < 0 || within > 366) {
                    faults.add("dueWithinDays", "must be between 0 and 366");
                }
            } catch (NumberFormatException e) {
                faults.add("dueWithinDays", "must be a whole number of days");
            }
        }
        faults.throwIfAny();
        PageRequest request = PageRequest.of(after, limit);
        LocalDate today = LocalDate.now();
        long position = request.afterSequence();
        LocalDate afterDue = position == 0 ? LocalDate.MIN : LocalDate.ofEpochDay((position >>> SEQ_BITS) - 1_000_000);
        long afterSeq = position & ((1L << SEQ_BITS) - 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.id, e.patient_id, p.local_id, e.team, e.code,"
                + " e.start_date, e.review_due, e.commissioner_code, e.seq from cluster_episode e"
                + " join patient p on p.id = e.patient_id"
                + " where e.provider_code = :provider and e.end_date is null and e.review_due <= :horizon"
                + " and (cast(:team as text) is null or e.team = :team)"
                + " and (e.review_due, e.seq) > (:afterDue, :afterSeq)"
                + " order by e.review_due, e.seq limit :rows")
                .setParameter("provider", provider).setParameter("horizon", today.plusDays(within))
                .setParameter("team", team == null || team.isBlank() ? null : team)
                .setParameter("afterDue", position == 0 ? LocalDate.of(1, 1, 1) : afterDue)
                .setParameter("afterSeq", afterSeq).setParameter("rows", request.fetchSize()).getResultList();
        List<Object[]> found = rows;
        Page<Object[]> page = Page.of(found, request, row -> ((NativeRows.date(row[6]).toEpochDay() + 1_000_000)
                << SEQ_BITS) | ((Number) row[8]).longValue(), uri);
        List<ReviewItem> items = page.items().stream().map(row -> {
            LocalDate due = NativeRows.date(row[6]);
            long days = ChronoUnit.DAYS.between(today, due);
            return new ReviewItem((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                    NativeRows.date(row[5]), due, days, days < 0, (String) row[7]);
        }).toList();
        return new ReviewList(today, items, page.next());
    }
}
