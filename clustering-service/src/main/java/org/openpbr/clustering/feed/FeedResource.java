package org.openpbr.clustering.feed;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.clustering.allocation.Allocation;
import org.openpbr.clustering.assessment.Assessment;
import org.openpbr.clustering.assessment.AssessmentService;
import org.openpbr.clustering.assessment.AssessmentViews;
import org.openpbr.clustering.decision.RatingsInput;
import org.openpbr.clustering.episode.ClusterEpisode;
import org.openpbr.clustering.patient.Patient;
import org.openpbr.clustering.scheme.SchemeCatalogue;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.disclosure.Pseudonyms;
import org.openpbr.platform.paging.Cursor;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The change feed the other services pull: assessment, allocation and episode changes, in change
 * order, for every provider. Service accounts only, and each reads only the kinds of change its
 * consumer roles grant (costing: episodes; contract: episodes and allocations; outcomes:
 * assessments). Never an NHS number: each item carries the person's pseudonym for the record's
 * responsible commissioner instead.
 */
@Path("/v1/feed")
@Tag(name = "Feed", description = "Change feed for the other OpenPbR services (service accounts only)")
@RolesAllowed({ Roles.EPISODES_READER, Roles.ALLOCATIONS_READER, Roles.ASSESSMENTS_READER })
public class FeedResource {

    public enum ChangeType {
        ASSESSMENT(Roles.ASSESSMENTS_READER, "select seq, 'ASSESSMENT' as kind, id from assessment"),
        ALLOCATION(Roles.ALLOCATIONS_READER, "select seq, 'ALLOCATION' as kind, id from allocation"),
        EPISODE(Roles.EPISODES_READER, "select seq, 'EPISODE' as kind, id from cluster_episode");

        /** The consumer role that grants this kind of change. */
        final String role;
        final String select;

        ChangeType(String role, String select) {
            this.role = role;
            this.select = select;
        }
    }

    @Schema(name = "FeedAssessment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedAssessment(@Schema(required = true) UUID id, @Schema(required = true) UUID patientId,
            @Schema(required = true) UUID careSpellId, @Schema(required = true) String providerCode,
            @Schema(required = true) String commissionerCode, @Schema(required = true) LocalDate assessedOn,
            @Schema(required = true) String reason, @Schema(required = true) RatingsInput ratings,
            @Schema(required = true) String team, @Schema(required = true) String scheme,
            @Schema(required = true) String schemeVersion, String ruleVersion, String suggestedCode) {
    }

    @Schema(name = "FeedItem", description = "One change; exactly one of assessment, allocation or episode is present, as `type` says.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedItem(@Schema(required = true, description = "The change number; the feed is ordered by it.") long seq,
            @Schema(required = true) ChangeType type,
            @Schema(required = true, description = "The provider's local id of the person (never the NHS number).") String localId,
            @Schema(required = true, description = "The person's pseudonym for the record's responsible commissioner, as every OpenPbR service shows it (`P-`: from the NHS number, the same across providers; `L-`: provider-local).") String pseudonym,
            FeedAssessment assessment, AssessmentViews.AllocationView allocation, AssessmentViews.EpisodeView episode) {
    }

    @Schema(name = "FeedPage")
    public record FeedPage(@Schema(required = true) List<FeedItem> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent when the consumer has caught up (poll again later with the last item's position).") URI next,
            @Schema(required = true, description = "Cursor to resume from after this page, also when it is empty or last.") String resumeAfter) {
    }

    @Inject
    EntityManager em;

    @Inject
    ChangeHorizon horizon;

    @Inject
    SchemeCatalogue schemes;

    @Inject
    CallerContext callers;

    @Inject
    Pseudonyms pseudonyms;

    private record Person(String localId, String nhsNumber, String providerCode) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readChangeFeed", summary = "Read the change feed (service accounts)",
            description = "Assessments, allocations and episode changes in change order, as far as the service account's roles grant them (assessments-reader, allocations-reader, episodes-reader); other kinds are left out and their change numbers skipped. An episode that changes (ends) moves to a new change number and is served again with its new state. Keep `resumeAfter` and pass it as `after` to continue; changes are never skipped: only settled (committed) changes are served.")
    @APIResponse(responseCode = "200", description = "A page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public FeedPage read(@Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        Caller caller = callers.current();
        List<ChangeType> granted = Arrays.stream(ChangeType.values()).filter(t -> caller.hasRole(t.role)).toList();
        if (!caller.isServiceAccount() || granted.isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The feed is read by OpenPbR service accounts granted a reader role");
        }
        PageRequest request = PageRequest.of(after, limit);
        long settled = horizon.settled();
        // The union is made from the enum's constant statements only, never from request text.
        String changes = granted.stream().map(t -> t.select + " where seq > :after and seq <= :settled")
                .collect(Collectors.joining(" union all "));
        @SuppressWarnings("unchecked")
        List<Object[]> keys = em.createNativeQuery("select seq, kind, id from (" + changes + ") changes order by seq limit :rows")
                .setParameter("after", request.afterSequence())
                .setParameter("settled", settled).setParameter("rows", request.fetchSize()).getResultList();
        Page<Object[]> page = Page.of(keys, request, row -> ((Number) row[0]).longValue(), uri);
        Map<String, List<UUID>> ids = new HashMap<>();
        for (Object[] row : page.items()) {
            ids.computeIfAbsent((String) row[1], k -> new ArrayList<>()).add((UUID) row[2]);
        }
        Map<UUID, Object> records = new HashMap<>();
        load(Assessment.class, ids.get("ASSESSMENT"), a -> a.id, records);
        load(Allocation.class, ids.get("ALLOCATION"), a -> a.id, records);
        load(ClusterEpisode.class, ids.get("EPISODE"), e -> e.id, records);
        Map<UUID, Person> people = people(records);
        List<FeedItem> items = new ArrayList<>();
        for (Object[] row : page.items()) {
            long seq = ((Number) row[0]).longValue();
            Object record = records.get((UUID) row[2]);
            items.add(switch (ChangeType.valueOf((String) row[1])) {
                case ASSESSMENT -> {
                    Assessment a = (Assessment) record;
                    var scheme = schemes.load(a.schemeVersionId);
                    yield new FeedItem(seq, ChangeType.ASSESSMENT, people.get(a.patientId).localId(),
                            pseudonym(people.get(a.patientId), a.commissionerCode),
                            new FeedAssessment(a.id, a.patientId, a.careSpellId, a.providerCode, a.commissionerCode,
                                    a.assessedOn, a.reason.name(), RatingsInput.of(AssessmentService.ratingsOf(a)), a.team,
                                    scheme.scheme(), scheme.version(), a.ruleVersion, a.suggestedCode),
                            null, null);
                }
                case ALLOCATION -> {
                    Allocation a = (Allocation) record;
                    yield new FeedItem(seq, ChangeType.ALLOCATION, people.get(a.patientId).localId(),
                            pseudonym(people.get(a.patientId), a.commissionerCode), null,
                            AssessmentViews.AllocationView.of(a, schemes.load(a.schemeVersionId).version()), null);
                }
                case EPISODE -> {
                    ClusterEpisode e = (ClusterEpisode) record;
                    yield new FeedItem(seq, ChangeType.EPISODE, people.get(e.patientId).localId(),
                            pseudonym(people.get(e.patientId), e.commissionerCode), null, null,
                            AssessmentViews.EpisodeView.of(e));
                }
            });
        }
        long resume = items.isEmpty() ? request.afterSequence() : items.get(items.size() - 1).seq();
        return new FeedPage(items, page.next(), Cursor.encode(resume));
    }

    private <T> void load(Class<T> type, List<UUID> ids, Function<T, UUID> id, Map<UUID, Object> into) {
        if (ids == null) {
            return;
        }
        for (T record : em.createQuery("from " + type.getSimpleName() + " where id in :ids", type)
                .setParameter("ids", ids).getResultList()) {
            into.put(id.apply(record), record);
        }
    }

    private String pseudonym(Person person, String commissioner) {
        return pseudonyms.of(commissioner, Optional.ofNullable(person.nhsNumber()), person.providerCode(), person.localId());
    }

    private Map<UUID, Person> people(Map<UUID, Object> records) {
        List<UUID> patients = records.values().stream().map(r -> r instanceof Assessment a ? a.patientId
                : r instanceof Allocation a ? a.patientId : ((ClusterEpisode) r).patientId).distinct().toList();
        Map<UUID, Person> out = new HashMap<>();
        if (!patients.isEmpty()) {
            for (Patient p : em.createQuery("from Patient where id in :ids", Patient.class).setParameter("ids", patients)
                    .getResultList()) {
                out.put(p.id, new Person(p.localId, p.nhsNumber, p.providerCode));
            }
        }
        return out;
    }
}
