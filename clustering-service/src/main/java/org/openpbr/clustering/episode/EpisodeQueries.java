package org.openpbr.clustering.episode;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/** The episode feature's SQL. */
@ApplicationScoped
public class EpisodeQueries {

    /** Open episodes due by the horizon, in due order then change order, after a (due, seq) position. */
    private static final String REVIEWS = """
            select e.id, e.patient_id, p.local_id, e.team, e.code, e.start_date, e.review_due, e.commissioner_code, e.seq
              from cluster_episode e join patient p on p.id = e.patient_id
             where e.provider_code = :provider and e.end_date is null and e.review_due <= :horizon
               and (cast(:team as text) is null or e.team = :team)
               and (e.review_due, e.seq) > (:afterDue, :afterSeq)
             order by e.review_due, e.seq limit :rows""";

    /** One open episode on the review list. */
    public record Due(UUID id, UUID patientId, String localId, String team, String code, LocalDate startDate,
            LocalDate reviewDue, String commissionerCode, long seq) {
    }

    @Inject
    EntityManager em;

    public List<Due> reviews(String provider, String team, LocalDate horizon, LocalDate afterDue, long afterSeq,
            int rows) {
        return Row.all(em.createNativeQuery(REVIEWS, Tuple.class).setParameter("provider", provider)
                .setParameter("horizon", horizon).setParameter("team", team).setParameter("afterDue", afterDue)
                .setParameter("afterSeq", afterSeq).setParameter("rows", rows)).stream()
                .map(r -> new Due(r.uuid("id"), r.uuid("patient_id"), r.text("local_id"), r.text("team"),
                        r.text("code"), r.date("start_date"), r.date("review_due"), r.text("commissioner_code"),
                        r.whole("seq"))).toList();
    }
}
