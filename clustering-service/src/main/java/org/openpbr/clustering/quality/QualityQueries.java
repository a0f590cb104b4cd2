package org.openpbr.clustering.quality;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/**
 * The data-quality feature's SQL. Each measure groups by a dimension column chosen from
 * {@link QualityService.GroupBy} (never from the request's text) and is limited to the caller's
 * {@link QualityService.Scope}.
 */
@ApplicationScoped
public class QualityQueries {

    /** People in each code on the last day, those within review, and those in the variance code. */
    private static final String CASELOAD = """
            select %1$s as dim, e.code, count(distinct e.patient_id) as people,
                   count(distinct e.patient_id) filter (where e.review_due >= :to) as within_review,
                   count(distinct e.patient_id) filter (where e.code = sv.variance_code) as in_variance
              from cluster_episode e
              join allocation a on a.id = e.started_by
              join scheme_version sv on sv.id = e.scheme_version_id
             where %2$s and e.start_date <= :to and (e.end_date is null or e.end_date >= :to)
             group by 1, 2""";

    /** Allocations in the period by override reason, and how many met the chosen code's red rules. */
    private static final String ALLOCATIONS = """
            select %1$s as dim, a.override_reason, count(*) as allocations,
                   count(*) filter (where a.chosen_meets_red_rules) as meeting,
                   count(a.chosen_meets_red_rules) as graded
              from allocation a
             where %2$s and a.allocated_on between :from and :to
             group by 1, 2""";

    /** Each person's first episode with the provider, if it started in the period, and whether it ended early. */
    private static final String FIRST_EPISODES = """
            select dim, count(*) as firsts,
                   count(*) filter (where end_date is not null and end_date <= start_date + %3$d) as early
              from (select distinct on (e.patient_id, e.provider_code) %1$s as dim, e.start_date, e.end_date
                      from cluster_episode e join allocation a on a.id = e.started_by
                     where %2$s
                     order by e.patient_id, e.provider_code, e.start_date, e.seq) firsts
             where start_date between :from and :to
             group by 1""";

    /** Pairs of assessments of one person by two raters within the window, with the codes each led to. */
    private static final String RATING_PAIRS = """
            select %1$s as dim, cast(x.ratings as text) as first_ratings, cast(y.ratings as text) as second_ratings,
                   coalesce(ax.chosen_code, x.suggested_code) as first_code,
                   coalesce(ay.chosen_code, y.suggested_code) as second_code
              from assessment x
              join assessment y on y.patient_id = x.patient_id and y.provider_code = x.provider_code
                               and y.rater <> x.rater
                               and y.assessed_on between x.assessed_on and x.assessed_on + %3$d
                               and (y.assessed_on > x.assessed_on or y.seq > x.seq)
              left join allocation ax on ax.assessment_id = x.id
              left join allocation ay on ay.assessment_id = y.id
             where %2$s and x.assessed_on between :from and :to
               and x.reason <> 'DISCHARGE' and y.reason <> 'DISCHARGE'""";

    /** The commissioner's population episodes in change order, with what the pseudonym is made from. */
    private static final String POPULATION = """
            select e.seq, p.nhs_number, p.provider_code, p.local_id, e.provider_code as episode_provider, e.code,
                   e.team, e.start_date, e.end_date, e.review_due, e.end_reason
              from cluster_episode e join patient p on p.id = e.patient_id
             where e.commissioner_code = :org and e.seq > :after
               and (cast(:code as text) is null or e.code = :code)
               and (cast(:team as text) is null or e.team = :team)
               and (cast(:provider as text) is null or e.provider_code = :provider)
               and (cast(:to as date) is null or e.start_date <= :to)
               and (cast(:from as date) is null or e.end_date is null or e.end_date >= :from)
             order by e.seq limit :rows""";

    /** Which of the population's episodes to list; a null part does not filter. */
    public record PopulationFilter(String code, String team, String provider, LocalDate from, LocalDate to) {
    }

    /** One population episode; the identifiers only ever feed the pseudonym. */
    public record PopulationRow(long seq, String nhsNumber, String patientProvider, String localId,
            String episodeProvider, String code, String team, LocalDate startDate, LocalDate endDate,
            LocalDate reviewDue, String endReason) {
    }

    public record Caseload(String dim, String code, int people, int withinReview, int inVariance) {
    }

    public record Allocations(String dim, String overrideReason, int allocations, int meeting, int graded) {
    }

    public record FirstEpisodes(String dim, int firsts, int early) {
    }

    public record RatingPair(String dim, String firstRatings, String secondRatings, String firstCode,
            String secondCode) {
    }

    @Inject
    EntityManager em;

    public List<PopulationRow> population(String commissioner, PopulationFilter filter, long after, int rows) {
        return Row.all(em.createNativeQuery(POPULATION, Tuple.class).setParameter("org", commissioner)
                .setParameter("code", filter.code()).setParameter("team", filter.team())
                .setParameter("provider", filter.provider()).setParameter("from", filter.from())
                .setParameter("to", filter.to()).setParameter("after", after).setParameter("rows", rows)).stream()
                .map(r -> new PopulationRow(r.whole("seq"), r.text("nhs_number"), r.text("provider_code"),
                        r.text("local_id"), r.text("episode_provider"), r.text("code"), r.text("team"),
                        r.date("start_date"), r.date("end_date"), r.date("review_due"), r.text("end_reason"))).toList();
    }

    public List<Caseload> caseload(QualityService.Scope scope, String dimension, LocalDate to) {
        Query query = em.createNativeQuery(CASELOAD.formatted(dimension, scope.where("e")), Tuple.class)
                .setParameter("to", to);
        scope.bind(query);
        return Row.all(query).stream().map(r -> new Caseload(r.text("dim"), r.text("code"), r.integer("people"),
                r.integer("within_review"), r.integer("in_variance"))).toList();
    }

    public List<Allocations> allocations(QualityService.Scope scope, String dimension, LocalDate from, LocalDate to) {
        Query query = em.createNativeQuery(ALLOCATIONS.formatted(dimension, scope.where("a")), Tuple.class)
                .setParameter("from", from).setParameter("to", to);
        scope.bind(query);
        return Row.all(query).stream().map(r -> new Allocations(r.text("dim"), r.text("override_reason"),
                r.integer("allocations"), r.integer("meeting"), r.integer("graded"))).toList();
    }

    public List<FirstEpisodes> firstEpisodes(QualityService.Scope scope, String dimension, LocalDate from,
            LocalDate to, int earlyDays) {
        Query query = em.createNativeQuery(FIRST_EPISODES.formatted(dimension, scope.where("e"), earlyDays),
                Tuple.class).setParameter("from", from).setParameter("to", to);
        scope.bind(query);
        return Row.all(query).stream().map(r -> new FirstEpisodes(r.text("dim"), r.integer("firsts"),
                r.integer("early"))).toList();
    }

    public List<RatingPair> ratingPairs(QualityService.Scope scope, String dimension, LocalDate from, LocalDate to,
            int windowDays) {
        Query query = em.createNativeQuery(RATING_PAIRS.formatted(dimension, scope.where("x"), windowDays),
                Tuple.class).setParameter("from", from).setParameter("to", to);
        scope.bind(query);
        return Row.all(query).stream().map(r -> new RatingPair(r.text("dim"), r.text("first_ratings"),
                r.text("second_ratings"), r.text("first_code"), r.text("second_code"))).toList();
    }
}
