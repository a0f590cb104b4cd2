package org.openpbr.clustering.feed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.clustering.assessment.Allocation;
import org.openpbr.clustering.assessment.Assessment;
import org.openpbr.clustering.assessment.AssessmentService;
import org.openpbr.clustering.assessment.AssessmentViews;
import org.openpbr.platform.feed.ChangeHorizon;
import org.openpbr.clustering.decision.RatingsInput;
import org.openpbr.clustering.episode.ClusterEpisode;
import org.openpbr.clustering.episode.EpisodeViews;
import org.openpbr.clustering.patient.Patient;
import org.openpbr.clustering.scheme.SchemeCatalogue;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.disclosure.Pseudonyms;
import org.openpbr.platform.paging.Cursor;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/** Reads the change feed for a service account: only the kinds of change its reader roles grant. */
@ApplicationScoped
public class FeedService {

    @Inject
    FeedQueries queries;

    @Inject
    ChangeHorizon horizon;

    @Inject
    SchemeCatalogue schemes;

    @Inject
    Pseudonyms pseudonyms;

    private record Person(String localId, String nhsNumber, String providerCode) {
    }

    public FeedViews.FeedPage read(Caller caller, PageRequest request, UriInfo uri) {
        List<FeedViews.ChangeType> granted = Arrays.stream(FeedViews.ChangeType.values()).filter(t -> caller.hasRole(t.role)).toList();
        if (!caller.isServiceAccount() || granted.isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The feed is read by OpenPbR service accounts granted a reader role");
        }
        long settled = horizon.settled();
        Page<FeedQueries.Change> page = Page.of(queries.changes(granted, request.afterSequence(), settled,
                request.fetchSize()), request, FeedQueries.Change::seq, uri);
        Map<String, List<UUID>> ids = new HashMap<>();
        for (FeedQueries.Change change : page.items()) {
            ids.computeIfAbsent(change.kind().name(), k -> new ArrayList<>()).add(change.id());
        }
        Map<UUID, Object> records = new HashMap<>();
        load(Assessment.class, ids.get("ASSESSMENT"), a -> a.id, records);
        load(Allocation.class, ids.get("ALLOCATION"), a -> a.id, records);
        load(ClusterEpisode.class, ids.get("EPISODE"), e -> e.id, records);
        Map<UUID, Person> people = people(records);
        Map<UUID, LocalDate> assessedOn = assessedOn(records);
        List<FeedViews.FeedItem> items = new ArrayList<>();
        for (FeedQueries.Change change : page.items()) {
            long seq = change.seq();
            Object record = records.get(change.id());
            items.add(switch (change.kind()) {
                case ASSESSMENT -> {
                    Assessment a = (Assessment) record;
                    var scheme = schemes.load(a.schemeVersionId);
                    yield new FeedViews.FeedItem(seq, FeedViews.ChangeType.ASSESSMENT, people.get(a.patientId).localId(),
                            pseudonym(people.get(a.patientId), a.commissionerCode),
                            new FeedViews.FeedAssessment(a.id, a.patientId, a.careSpellId, a.providerCode, a.commissionerCode,
                                    a.assessedOn, a.reason.name(), RatingsInput.of(AssessmentService.ratingsOf(a)), a.team,
                                    scheme.scheme(), scheme.version(), a.ruleVersion, a.suggestedCode),
                            null, null);
                }
                case ALLOCATION -> {
                    Allocation a = (Allocation) record;
                    yield new FeedViews.FeedItem(seq, FeedViews.ChangeType.ALLOCATION, people.get(a.patientId).localId(),
                            pseudonym(people.get(a.patientId), a.commissionerCode), null,
                            AssessmentViews.AllocationView.of(a, schemes.load(a.schemeVersionId), assessedOn.get(a.assessmentId)),
                            null);
                }
                case EPISODE -> {
                    ClusterEpisode e = (ClusterEpisode) record;
                    yield new FeedViews.FeedItem(seq, FeedViews.ChangeType.EPISODE, people.get(e.patientId).localId(),
                            pseudonym(people.get(e.patientId), e.commissionerCode), null, null,
                            EpisodeViews.EpisodeView.of(e));
                }
            });
        }
        long resume = items.isEmpty() ? request.afterSequence() : items.get(items.size() - 1).seq();
        return new FeedViews.FeedPage(items, page.next(), Cursor.encode(resume));
    }

    /** The dates of the assessments the page's allocations were made from. */
    private Map<UUID, LocalDate> assessedOn(Map<UUID, Object> records) {
        List<UUID> ids = records.values().stream().filter(Allocation.class::isInstance)
                .map(r -> ((Allocation) r).assessmentId).distinct().toList();
        Map<UUID, LocalDate> dates = new HashMap<>();
        for (Object record : records.values()) {
            if (record instanceof Assessment a) {
                dates.put(a.id, a.assessedOn);
            }
        }
        List<UUID> missing = ids.stream().filter(id -> !dates.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            for (Assessment a : queries.records(Assessment.class, missing)) {
                dates.put(a.id, a.assessedOn);
            }
        }
        return dates;
    }

    private <T> void load(Class<T> type, List<UUID> ids, Function<T, UUID> id, Map<UUID, Object> into) {
        if (ids == null) {
            return;
        }
        for (T record : queries.records(type, ids)) {
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
            for (Patient p : queries.patients(patients)) {
                out.put(p.id, new Person(p.localId, p.nhsNumber, p.providerCode));
            }
        }
        return out;
    }
}
