package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.problem.ProblemException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads stored runs; every read starts by finding the run among those the caller may see. */
@ApplicationScoped
public class RunReader {

    /** Groupings of a run's code costs. */
    public enum Grouping {
        TEAM("team"), COMMISSIONER("commissioner_code");

        final String column;

        Grouping(String column) {
            this.column = column;
        }
    }

    private static final String RUN_COLUMNS = "select r.id, r.provider_code, p.code, p.start_date, p.end_date,"
            + " r.method_version, r.include_social_care, r.fingerprint, r.ledger_total, r.social_care_total,"
            + " r.costed_total, r.allocated, r.not_clustered, r.unallocated, r.activity_rows, r.episode_count,"
            + " r.started_at, r.finished_at, r.timings::text, r.created_by"
            + " from costing_run r join costing_period p on p.id = r.period_id";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The caller's own run, or 404 (also when it is another organisation's). */
    public RunViews.Run require(Caller caller, UUID id) {
        String provider = caller.requireProviderOrg();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RUN_COLUMNS + " where r.id = :id and r.provider_code = :org")
                .setParameter("id", id).setParameter("org", provider).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Costing run " + id);
        }
        return run(rows.get(0));
    }

    /** The caller's runs of a period, newest first (at most 100). */
    public List<RunViews.Run> ofPeriod(Caller caller, long periodId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RUN_COLUMNS
                + " where r.period_id = :period and r.provider_code = :org order by r.started_at desc limit 100")
                .setParameter("period", periodId).setParameter("org", caller.requireProviderOrg()).getResultList();
        return rows.stream().map(this::run).toList();
    }

    private RunViews.Run run(Object[] r) {
        BigDecimal social = (BigDecimal) r[9];
        boolean included = (Boolean) r[6];
        BigDecimal excluded = included ? BigDecimal.ZERO.setScale(2) : social;
        BigDecimal costed = (BigDecimal) r[10];
        BigDecimal allocated = (BigDecimal) r[11];
        BigDecimal notClustered = (BigDecimal) r[12];
        BigDecimal unallocated = (BigDecimal) r[13];
        Map<String, Long> timings;
        try {
            timings = json.readValue((String) r[18], new TypeReference<LinkedHashMap<String, Long>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored timings are not JSON", e);
        }
        return new RunViews.Run((UUID) r[0], (String) r[1],
                new RunViews.PeriodRef((String) r[2], NativeRows.date(r[3]), NativeRows.date(r[4])), (String) r[5],
                included, (String) r[7],
                new RunViews.Reconciliation((BigDecimal) r[8], social, excluded, costed, allocated, notClustered,
                        unallocated, costed.subtract(allocated).subtract(notClustered).subtract(unallocated)),
                ((Number) r[14]).longValue(), ((Number) r[15]).intValue(), NativeRows.instant(r[16]), NativeRows.instant(r[17]), timings,
                (String) r[19]);
    }

    public RunViews.CodeCosts codes(RunViews.Run run, Grouping grouping) {
        return codes(run, grouping, null);
    }

    /** Cost by code, leaving out the given outlier episodes when {@code excluded} is not null. */
    public RunViews.CodeCosts codes(RunViews.Run run, Grouping grouping, RunViews.OutliersExcluded excluded) {
        String group = grouping == null ? "null" : grouping.column;
        String ids = excluded == null ? "{}" : excluded.episodeIds().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + group + " as grp, code, count(*), sum(cluster_days),"
                + " sum(admitted_days), sum(admitted_cost), sum(non_admitted_cost),"
                + " mode() within group (order by review_due - start_date)"
                + " from run_episode where run_id = :id and not (episode_id = any (cast(:excluded as bigint[])))"
                + " group by grp, code order by grp, code")
                .setParameter("id", run.id()).setParameter("excluded", ids).getResultList();
        List<RunViews.CodeCost> codes = new ArrayList<>();
        for (Object[] r : rows) {
            long episodes = ((Number) r[2]).longValue();
            long days = ((Number) r[3]).longValue();
            long admittedDays = ((Number) r[4]).longValue();
            BigDecimal admitted = (BigDecimal) r[5];
            BigDecimal nonAdmitted = (BigDecimal) r[6];
            int review = ((Number) r[7]).intValue();
            BigDecimal total = admitted.add(nonAdmitted);
            UnitCost perDay = UnitCost.of(total, days);
            UnitCost perEpisode = UnitCost.of(total, episodes);
            codes.add(new RunViews.CodeCost((String) r[0], (String) r[1], episodes, days, total,
                    perDay == null ? null : perDay.perUnit(), perDay == null ? null : perDay.roundingResidual(),
                    perEpisode == null ? null : perEpisode.perUnit(), review, UnitCost.over(total, days, review),
                    RunViews.SettingCost.of(admitted, admittedDays),
                    RunViews.SettingCost.of(nonAdmitted, days - admittedDays)));
        }
        return new RunViews.CodeCosts(run.id(), run.methodVersion(),
                grouping == null ? null : grouping.name().toLowerCase(java.util.Locale.ROOT), excluded, codes);
    }

    public RunViews.CentreCosts centres(RunViews.Run run) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.code, c.name, c.type, c.direct, c.social_care,"
                + " c.apportioned, c.total, c.activity_rows, c.minutes, c.bed_days, c.allocated, c.not_clustered,"
                + " c.unallocated, c.unallocated_reason, (select count(distinct a.patient_id) from run_allocation a"
                + "  where a.run_id = c.run_id and a.cost_centre_id = c.cost_centre_id and a.episode_id is null)"
                + " from run_centre c where c.run_id = :id order by c.code").setParameter("id", run.id()).getResultList();
        return new RunViews.CentreCosts(run.id(), run.methodVersion(), rows.stream().map(r -> new RunViews.CentreCost(
                (String) r[0], (String) r[1], (String) r[2], (BigDecimal) r[3], (BigDecimal) r[4], (BigDecimal) r[5],
                (BigDecimal) r[6], ((Number) r[7]).longValue(), ((BigDecimal) r[8]).setScale(2, java.math.RoundingMode.HALF_UP),
                ((Number) r[9]).longValue(), (BigDecimal) r[10], (BigDecimal) r[11], (BigDecimal) r[12], (String) r[13],
                ((Number) r[14]).longValue())).toList());
    }

    /** A page of per-episode costs, ordered by the episode's internal number (the cursor). */
    public List<Object[]> episodeRows(RunViews.Run run, String code, long after, int rows) {
        @SuppressWarnings("unchecked")
        List<Object[]> result = em.createNativeQuery("select episode_id, ref, patient_id, code, team, commissioner_code,"
                + " start_date, end_date, review_due, cluster_days, admitted_days, admitted_cost, non_admitted_cost"
                + " from run_episode where run_id = :id and episode_id > :after and (cast(:code as text) is null or code = :code)"
                + " order by episode_id limit :rows").setParameter("id", run.id()).setParameter("after", after)
                .setParameter("code", code).setParameter("rows", rows).getResultList();
        return result;
    }

    public static RunViews.EpisodeCost episode(Object[] r) {
        BigDecimal admitted = (BigDecimal) r[11];
        BigDecimal nonAdmitted = (BigDecimal) r[12];
        BigDecimal total = admitted.add(nonAdmitted);
        int days = ((Number) r[9]).intValue();
        UnitCost perDay = UnitCost.of(total, days);
        return new RunViews.EpisodeCost((String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                NativeRows.date(r[6]), NativeRows.date(r[7]), NativeRows.date(r[8]), days, ((Number) r[10]).intValue(),
                admitted, nonAdmitted, total, perDay == null ? null : perDay.perUnit());
    }

    public RunViews.Comparison compare(RunViews.Run base, RunViews.Run other) {
        Map<String, RunViews.CodeCost> before = new HashMap<>();
        codes(base, null).codes().forEach(c -> before.put(c.code(), c));
        Map<String, RunViews.CodeCost> after = new HashMap<>();
        codes(other, null).codes().forEach(c -> after.put(c.code(), c));
        java.util.TreeSet<String> all = new java.util.TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        List<RunViews.CodeChange> changes = new ArrayList<>();
        for (String code : all) {
            RunViews.CodeCost a = before.get(code);
            RunViews.CodeCost b = after.get(code);
            BigDecimal costA = a == null ? BigDecimal.ZERO.setScale(2) : a.totalCost();
            BigDecimal costB = b == null ? BigDecimal.ZERO.setScale(2) : b.totalCost();
            changes.add(new RunViews.CodeChange(code, costA, costB, costB.subtract(costA),
                    a == null ? 0 : a.clusterDays(), b == null ? 0 : b.clusterDays(),
                    a == null ? null : a.costPerClusterDay(), b == null ? null : b.costPerClusterDay(),
                    a == null ? 0 : a.episodes(), b == null ? 0 : b.episodes()));
        }
        String inputsA = base.fingerprint();
        return new RunViews.Comparison(base, other,
                base.includeSocialCare() == other.includeSocialCare() && inputsA.equals(other.fingerprint()),
                base.includeSocialCare() == other.includeSocialCare() && base.methodVersion().equals(other.methodVersion()),
                changes);
    }

}
