package org.openpbr.costing.population;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/** The population feature's SQL: each provider's latest run of a period, and a commissioner's episodes in it. */
@ApplicationScoped
public class PopulationQueries {

    private static final String LATEST_RUNS = """
            select id, provider_code, method_version, finished_at from (
              select distinct on (r.provider_code) r.id, r.provider_code, r.method_version, r.finished_at
                from costing_run r join costing_period p on p.id = r.period_id
               where p.start_date = :from and p.end_date = :to
               order by r.provider_code, r.started_at desc) latest
             where exists (select 1 from run_episode e where e.run_id = latest.id and e.commissioner_code = :c)
             order by provider_code""";

    private static final String EPISODES = """
            select r.episode_id, r.code, r.admitted_cost + r.non_admitted_cost as cost, r.cluster_days,
                   r.admitted_cost, r.admitted_days, r.non_admitted_cost, r.patient_id, c.pseudonym
              from run_episode r left join cluster_episode c on c.id = r.episode_id
             where r.run_id = :id and r.commissioner_code = :c""";

    /** The periods (exact dates) of providers' runs that hold episodes of the commissioner's population. */
    private static final String PERIODS = """
            select distinct p.start_date, p.end_date
              from costing_run r join costing_period p on p.id = r.period_id
             where exists (select 1 from run_episode e where e.run_id = r.id and e.commissioner_code = :c)
             order by p.start_date desc, p.end_date desc limit 12""";

    /** A period's dates. */
    public record Dates(LocalDate from, LocalDate to) {
    }

    public record Episode(long episodeId, String code, java.math.BigDecimal cost, int clusterDays,
            java.math.BigDecimal admittedCost, int admittedDays, java.math.BigDecimal nonAdmittedCost, String patientId,
            String pseudonym) {
    }

    @Inject
    EntityManager em;

    /** Each provider's latest run for a period of exactly these dates with episodes of the commissioner's population. */
    public List<PopulationViews.RunRef> latestRuns(String commissioner, LocalDate from, LocalDate to) {
        return Row.all(em.createNativeQuery(LATEST_RUNS, Tuple.class).setParameter("from", from).setParameter("to", to)
                .setParameter("c", commissioner)).stream()
                .map(r -> new PopulationViews.RunRef(r.text("provider_code"), r.uuid("id"), r.text("method_version"),
                        r.instant("finished_at"))).toList();
    }

    /** The latest periods (at most 12) that some provider's run covers with the commissioner's population. */
    public List<Dates> periodsWithPopulation(String commissioner) {
        return Row.all(em.createNativeQuery(PERIODS, Tuple.class).setParameter("c", commissioner)).stream()
                .map(r -> new Dates(r.date("start_date"), r.date("end_date"))).toList();
    }

    /** The run's episodes of the commissioner's population, with the pseudonym each came with (if any). */
    public List<Episode> episodes(UUID runId, String commissioner) {
        return Row.all(em.createNativeQuery(EPISODES, Tuple.class).setParameter("id", runId)
                .setParameter("c", commissioner)).stream()
                .map(r -> new Episode(r.whole("episode_id"), r.text("code"), r.decimal("cost"), r.integer("cluster_days"),
                        r.decimal("admitted_cost"), r.integer("admitted_days"), r.decimal("non_admitted_cost"),
                        r.text("patient_id"), r.text("pseudonym"))).toList();
    }
}
