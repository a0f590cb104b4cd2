package org.openpbr.clustering.episode;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.problem.ProblemException;

/**
 * Cluster episodes follow the care transition protocol: an allocation starts an episode and ends
 * the person's previous one with that provider the day before; a discharge ends it on the day.
 * Episodes with different providers are independent (a person may be with two at once).
 */
@ApplicationScoped
public class EpisodeService {

    @Inject
    EpisodeQueries queries;


    public static final String RECLUSTERED = "RECLUSTERED";
    public static final String DISCHARGED = "DISCHARGED";

    /** The person's open episode with the provider, locked for this transaction. */
    public Optional<ClusterEpisode> open(UUID patientId, String providerCode) {
        return ClusterEpisode.find("patientId = ?1 and providerCode = ?2 and endDate is null", patientId, providerCode)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** What starts an episode: the allocation that chose its code, and where it belongs. */
    public record Start(UUID allocationId, UUID patientId, UUID careSpellId, String providerCode, String commissionerCode,
            String team, Long schemeVersionId, String code, LocalDate day) {
    }

    /** Starts an episode for an allocation, ending the open one the day before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ClusterEpisode start(Start allocation, SchemeCode code) {
        LocalDate day = allocation.day();
        open(allocation.patientId(), allocation.providerCode()).ifPresent(current -> {
            if (!current.startDate.isBefore(day)) {
                throw ProblemException.conflict("The person's current episode with this provider starts on "
                        + current.startDate + "; an allocation must be dated after it (corrections are not supported yet)");
            }
            end(current, day.minusDays(1), RECLUSTERED, allocation.allocationId());
        });
        ClusterEpisode episode = new ClusterEpisode();
        episode.id = UUID.randomUUID();
        episode.patientId = allocation.patientId();
        episode.careSpellId = allocation.careSpellId();
        episode.providerCode = allocation.providerCode();
        episode.commissionerCode = allocation.commissionerCode();
        episode.team = allocation.team();
        episode.schemeVersionId = allocation.schemeVersionId();
        episode.code = allocation.code();
        episode.startDate = day;
        episode.reviewDue = reviewDue(day, code);
        episode.startedBy = allocation.allocationId();
        episode.persist();
        return episode;
    }

    /** Ends the person's open episode with the provider on the discharge date, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ClusterEpisode> discharge(UUID patientId, String providerCode, LocalDate day, UUID assessmentId) {
        return open(patientId, providerCode).map(current -> {
            if (day.isBefore(current.startDate)) {
                throw ProblemException.conflict("The person's current episode with this provider starts on "
                        + current.startDate + ", after the discharge date");
            }
            end(current, day, DISCHARGED, assessmentId);
            return current;
        });
    }

    public static final String SPELL_ENDED = "SPELL_ENDED";

    /** Ends the spell's open episode (if any) on the spell's last day. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endWithSpell(UUID careSpellId, LocalDate day) {
        ClusterEpisode.<ClusterEpisode>find("careSpellId = ?1 and endDate is null", careSpellId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(episode -> end(episode, day.isBefore(episode.startDate) ? episode.startDate : day, SPELL_ENDED,
                        careSpellId));
    }

    private static void end(ClusterEpisode episode, LocalDate day, String reason, UUID by) {
        episode.endDate = day;
        episode.endReason = reason;
        episode.endedBy = by;
        episode.persistAndFlush();
    }

    /** Review due: episode start plus the code's maximum review period (calendar months count as such). */
    public static LocalDate reviewDue(LocalDate start, SchemeCode code) {
        return start.plus(code.maxReviewPeriod());
    }

    public List<ClusterEpisode> ofPatient(UUID patientId, String providerCode) {
        return ClusterEpisode.list("patientId = ?1 and providerCode = ?2 order by startDate, seq", patientId,
                providerCode);
    }

    /** Cursor positions pack the review date above the change number, so the list can page in due order. */
    private static final int SEQ_BITS = 40;

    /** The provider's open episodes due for review within the days given (overdue first), one page. */
    public EpisodeViews.ReviewList reviews(String provider, String team, int within, PageRequest request, UriInfo uri) {
        LocalDate today = LocalDate.now();
        long position = request.afterSequence();
        LocalDate afterDue = position == 0 ? LocalDate.MIN : LocalDate.ofEpochDay((position >>> SEQ_BITS) - 1_000_000);
        long afterSeq = position & ((1L << SEQ_BITS) - 1);
        List<EpisodeQueries.Due> rows = queries.reviews(provider, team, today.plusDays(within),
                position == 0 ? LocalDate.of(1, 1, 1) : afterDue, afterSeq, request.fetchSize());
        Page<EpisodeQueries.Due> page = Page.of(rows, request,
                row -> ((row.reviewDue().toEpochDay() + 1_000_000) << SEQ_BITS) | row.seq(), uri);
        List<EpisodeViews.ReviewItem> items = page.items().stream().map(row -> {
            long days = ChronoUnit.DAYS.between(today, row.reviewDue());
            return new EpisodeViews.ReviewItem(row.id(), row.patientId(), row.localId(), row.team(), row.code(),
                    row.startDate(), row.reviewDue(), days, days < 0, row.commissionerCode());
        }).toList();
        return new EpisodeViews.ReviewList(today, items, page.next());
    }
}
