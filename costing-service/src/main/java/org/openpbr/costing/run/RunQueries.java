package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.costing.run.rule.ChangeEffects;
import org.openpbr.costing.run.rule.CostVariance;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.ProblemException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The run feature's SQL: stored runs and their results, every read starting by finding the run among those the caller may see. */
@ApplicationScoped
public class RunQueries {

    /** Groupings of a run's code costs. */
    public enum Grouping {
        TEAM("team"), COMMISSIONER("commissioner_code");

        final String column;

        Grouping(String column) {
            this.column = column;
        }
    }

    private static final String RUN_COLUMNS = """
            select r.id, r.provider_code, p.code as period_code, p.start_date, p.end_date, r.method_version,
                   r.include_social_care, r.fingerprint, r.ledger_total, r.social_care_total, r.costed_total,
                   r.allocated, r.not_clustered, r.unallocated, r.rounding_residual, r.apportionment_residual, coalesce(r.as_of, p.end_date) as as_of, r.activity_rows, r.episode_count, r.started_at,
                   r.finished_at, r.timings::text as timings, r.created_by
              from costing_run r join costing_period p on p.id = r.period_id""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The caller's own run, or 404 (also when it is another organisation's). */
    public RunViews.Run require(Caller caller, UUID id) {
        String provider = caller.requireProviderOrg();
        return Row.first(em.createNativeQuery(RUN_COLUMNS + " where r.id = :id and r.provider_code = :org", Tuple.class)
                .setParameter("id", id).setParameter("org", provider)).map(this::run)
                .orElseThrow(() -> ProblemException.notFound("Costing run " + id));
    }

    /** The caller's runs of a period, newest first (at most 100). */
    public List<RunViews.Run> ofPeriod(Caller caller, long periodId) {
        return Row.all(em.createNativeQuery(RUN_COLUMNS
                + " where r.period_id = :period and r.provider_code = :org order by r.started_at desc limit 100", Tuple.class)
                .setParameter("period", periodId).setParameter("org", caller.requireProviderOrg()))
                .stream().map(this::run).toList();
    }

    private RunViews.Run run(Row r) {
        BigDecimal social = r.decimal("social_care_total");
        boolean included = r.flag("include_social_care");
        BigDecimal excluded = included ? BigDecimal.ZERO.setScale(2) : social;
        BigDecimal costed = r.decimal("costed_total");
        BigDecimal allocated = r.decimal("allocated");
        BigDecimal notClustered = r.decimal("not_clustered");
        BigDecimal unallocated = r.decimal("unallocated");
        BigDecimal residual = r.decimal("rounding_residual");
        Map<String, Long> timings;
        try {
            timings = json.readValue(r.text("timings"), new TypeReference<LinkedHashMap<String, Long>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored timings are not JSON", e);
        }
        return new RunViews.Run(r.uuid("id"), r.text("provider_code"),
                new RunViews.PeriodRef(r.text("period_code"), r.date("start_date"), r.date("end_date")),
                r.text("method_version"), included, r.date("as_of"), r.text("fingerprint"),
                new RunViews.Reconciliation(r.decimal("ledger_total"), social, excluded, costed, allocated, notClustered,
                        unallocated, residual, r.decimal("apportionment_residual"),
                        costed.subtract(allocated).subtract(notClustered).subtract(unallocated).subtract(residual)),
                r.whole("activity_rows"), r.integer("episode_count"), r.instant("started_at"), r.instant("finished_at"),
                timings, r.text("created_by"));
    }

    public RunViews.CodeCosts codes(RunViews.Run run, Grouping grouping) {
        return codes(run, grouping, null);
    }

    /** Cost by code, leaving out the given outlier episodes when {@code excluded} is not null. */
    public RunViews.CodeCosts codes(RunViews.Run run, Grouping grouping, RunViews.OutliersExcluded excluded) {
        String group = grouping == null ? "null" : grouping.column;
        String ids = excluded == null ? "{}" : excluded.episodeIds().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        // The grouping column comes from the Grouping enum, never from the caller. A code's own figures
        // (no grouping, nothing left out) are the ones rounded from the ledger; a group's are the sums
        // of its episodes' presented costs.
        boolean whole = grouping == null && excluded == null;
        List<Row> rows = Row.all(em.createNativeQuery("""
                select e.grp, e.code, e.episodes, e.days, e.admitted_days, e.review_days,
                       coalesce(c.admitted_cost, e.admitted) as admitted,
                       coalesce(c.non_admitted_cost, e.non_admitted) as non_admitted,
                       c.admitted_residual, c.non_admitted_residual
                  from (select %s as grp, code, count(*) as episodes, sum(cluster_days) as days,
                               sum(admitted_days) as admitted_days, sum(admitted_cost) as admitted,
                               sum(non_admitted_cost) as non_admitted,
                               mode() within group (order by review_due - start_date) as review_days
                          from run_episode where run_id = :id and not (episode_id = any (cast(:excluded as bigint[])))
                         group by grp, code) e
                  left join run_code c on :whole and c.run_id = :id and c.code = e.code
                 order by e.grp, e.code""".formatted(group), Tuple.class)
                .setParameter("id", run.id()).setParameter("excluded", ids).setParameter("whole", whole));
        List<RunViews.CodeCost> codes = new ArrayList<>();
        for (Row r : rows) {
            long episodes = r.whole("episodes");
            long days = r.whole("days");
            long admittedDays = r.whole("admitted_days");
            BigDecimal admitted = r.decimal("admitted");
            BigDecimal nonAdmitted = r.decimal("non_admitted");
            int review = r.integer("review_days");
            BigDecimal total = admitted.add(nonAdmitted);
            UnitCost perDay = UnitCost.of(total, days);
            UnitCost perEpisode = UnitCost.of(total, episodes);
            codes.add(new RunViews.CodeCost(r.text("grp"), r.text("code"), episodes, days, total,
                    perDay == null ? null : perDay.perUnit(), perDay == null ? null : perDay.roundingResidual(),
                    perEpisode == null ? null : perEpisode.perUnit(), review, UnitCost.over(total, days, review),
                    RunViews.SettingCost.of(admitted, admittedDays, r.decimal("admitted_residual")),
                    RunViews.SettingCost.of(nonAdmitted, days - admittedDays, r.decimal("non_admitted_residual"))));
        }
        return new RunViews.CodeCosts(run.id(), run.methodVersion(),
                grouping == null ? null : grouping.name().toLowerCase(java.util.Locale.ROOT), excluded, codes);
    }

    public RunViews.CentreCosts centres(RunViews.Run run) {
        List<Row> rows = Row.all(em.createNativeQuery("""
                select c.code, c.name, c.type, c.direct, c.social_care, c.apportioned, c.total, c.activity_rows,
                       c.minutes, c.bed_days, c.allocated, c.not_clustered, c.unallocated, c.rounding_residual,
                       c.unallocated_reason,
                       c.not_clustered_people as unallocated_people
                  from run_centre c where c.run_id = :id order by c.code""", Tuple.class).setParameter("id", run.id()));
        return new RunViews.CentreCosts(run.id(), run.methodVersion(), rows.stream().map(r -> new RunViews.CentreCost(
                r.text("code"), r.text("name"), r.text("type"), r.decimal("direct"), r.decimal("social_care"),
                r.decimal("apportioned"), r.decimal("total"), r.whole("activity_rows"),
                r.decimal("minutes").setScale(2, java.math.RoundingMode.HALF_UP), r.whole("bed_days"),
                r.decimal("allocated"), r.decimal("not_clustered"), r.decimal("unallocated"),
                r.decimal("rounding_residual"), r.text("unallocated_reason"), r.whole("unallocated_people"))).toList());
    }

    /** An episode's cost and its internal number, the page cursor. */
    public record PagedEpisode(long sequence, RunViews.EpisodeCost cost) {
    }

    /** A page of per-episode costs, ordered by the episode's internal number (the cursor). */
    public List<PagedEpisode> episodes(RunViews.Run run, String code, long after, int rows) {
        return Row.all(em.createNativeQuery("""
                select episode_id, ref, patient_id, code, team, commissioner_code, start_date, end_date, review_due,
                       cluster_days, admitted_days, admitted_cost, non_admitted_cost
                  from run_episode
                 where run_id = :id and episode_id > :after and (cast(:code as text) is null or code = :code)
                 order by episode_id limit :rows""", Tuple.class).setParameter("id", run.id())
                .setParameter("after", after).setParameter("code", code).setParameter("rows", rows)).stream()
                .map(r -> new PagedEpisode(r.whole("episode_id"), episode(r))).toList();
    }

    static RunViews.EpisodeCost episode(Row r) {
        BigDecimal admitted = r.decimal("admitted_cost");
        BigDecimal nonAdmitted = r.decimal("non_admitted_cost");
        BigDecimal total = admitted.add(nonAdmitted);
        int days = r.integer("cluster_days");
        UnitCost perDay = UnitCost.of(total, days);
        return new RunViews.EpisodeCost(r.text("ref"), r.text("patient_id"), r.text("code"), r.text("team"),
                r.text("commissioner_code"), r.date("start_date"), r.date("end_date"), r.date("review_due"), days,
                r.integer("admitted_days"), admitted, nonAdmitted, total, perDay == null ? null : perDay.perUnit());
    }

    public RunViews.Comparison compare(RunViews.Run first, RunViews.Run second) {
        // New against old, whichever way round the caller named them.
        List<RunViews.Run> pair = newAgainstOld(first, second);
        RunViews.Run base = pair.get(0);
        RunViews.Run other = pair.get(1);
        Map<String, RunViews.CodeCost> before = byKey(codes(base, null).codes(), RunViews.CodeCost::code);
        Map<String, RunViews.CodeCost> after = byKey(codes(other, null).codes(), RunViews.CodeCost::code);
        List<RunViews.CodeChange> changes = new ArrayList<>();
        for (String code : keysOfEither(before, after)) {
            RunViews.CodeCost a = before.get(code);
            RunViews.CodeCost b = after.get(code);
            BigDecimal costA = a == null ? BigDecimal.ZERO.setScale(2) : a.totalCost();
            BigDecimal costB = b == null ? BigDecimal.ZERO.setScale(2) : b.totalCost();
            long daysA = a == null ? 0 : a.clusterDays();
            long daysB = b == null ? 0 : b.clusterDays();
            ChangeEffects.Effects effects = ChangeEffects.of(costA, daysA, costB, daysB);
            changes.add(new RunViews.CodeChange(code, costA, costB, effects.change(), daysA, daysB,
                    a == null ? null : a.costPerClusterDay(), b == null ? null : b.costPerClusterDay(),
                    a == null ? 0 : a.episodes(), b == null ? 0 : b.episodes(), effects.price(), effects.volume(),
                    effects.residual()));
        }
        String inputsA = base.fingerprint();
        return new RunViews.Comparison(base, other,
                base.includeSocialCare() == other.includeSocialCare() && inputsA.equals(other.fingerprint()),
                base.includeSocialCare() == other.includeSocialCare() && base.methodVersion().equals(other.methodVersion()),
                changes, centreChanges(base, other), ledgerComparison(base, other));
    }

    /** The earlier and the later of two runs, by start time, whichever order they are named in. */
    public static List<RunViews.Run> newAgainstOld(RunViews.Run first, RunViews.Run second) {
        return first.startedAt().isAfter(second.startedAt()) ? List.of(second, first) : List.of(first, second);
    }

    /** Each centre of either run, by code, new ({@code other}) against old ({@code base}). */
    public List<RunViews.CentreChange> centreChanges(RunViews.Run base, RunViews.Run other) {
        Map<String, RunViews.CentreCost> before = byKey(centres(base).centres(), RunViews.CentreCost::code);
        Map<String, RunViews.CentreCost> after = byKey(centres(other).centres(), RunViews.CentreCost::code);
        List<RunViews.CentreChange> changes = new ArrayList<>();
        for (String code : keysOfEither(before, after)) {
            RunViews.CentreCost a = before.get(code);
            RunViews.CentreCost b = after.get(code);
            RunViews.CentreCost named = b == null ? a : b;
            changes.add(new RunViews.CentreChange(code, named.name(), named.type(),
                    amount(a, RunViews.CentreCost::direct), amount(b, RunViews.CentreCost::direct),
                    change(a, b, RunViews.CentreCost::direct),
                    amount(a, RunViews.CentreCost::apportioned), amount(b, RunViews.CentreCost::apportioned),
                    change(a, b, RunViews.CentreCost::apportioned),
                    amount(a, RunViews.CentreCost::total), amount(b, RunViews.CentreCost::total),
                    change(a, b, RunViews.CentreCost::total), change(a, b, RunViews.CentreCost::allocated),
                    change(a, b, RunViews.CentreCost::notClustered), change(a, b, RunViews.CentreCost::unallocated),
                    a == null ? 0 : a.activityRows(), b == null ? 0 : b.activityRows()));
        }
        return changes;
    }

    private static <T> Map<String, T> byKey(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> byKey = new HashMap<>();
        items.forEach(item -> byKey.put(key.apply(item), item));
        return byKey;
    }

    /** The keys of either map, in order: what a comparison of two runs goes through. */
    private static java.util.SortedSet<String> keysOfEither(Map<String, ?> before, Map<String, ?> after) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        return all;
    }

    private static BigDecimal amount(RunViews.CentreCost centre, java.util.function.Function<RunViews.CentreCost, BigDecimal> field) {
        return centre == null ? BigDecimal.ZERO.setScale(2) : field.apply(centre);
    }

    private static BigDecimal change(RunViews.CentreCost base, RunViews.CentreCost other,
            java.util.function.Function<RunViews.CentreCost, BigDecimal> field) {
        return amount(other, field).subtract(amount(base, field));
    }

    /** Whether a run kept the ledger lines it costed (runs made before runs did, did not). */
    public boolean ledgerKept(RunViews.Run run) {
        return Row.first(em.createNativeQuery("select ledger_kept from costing_run where id = :id", Tuple.class)
                .setParameter("id", run.id())).map(r -> r.flag("ledger_kept")).orElse(false);
    }

    /** 409 for a run made before runs kept the ledger lines they costed. */
    public void requireLedgerKept(RunViews.Run run) {
        if (!ledgerKept(run)) {
            throw ProblemException.conflict("Run " + run.id() + " was made before runs kept the ledger lines they"
                    + " costed; only its ledger total can be compared (see the comparison's ledger figures)");
        }
    }

    private RunViews.LedgerComparison ledgerComparison(RunViews.Run base, RunViews.Run other) {
        BigDecimal before = base.reconciliation().ledgerTotal();
        BigDecimal after = other.reconciliation().ledgerTotal();
        if (!ledgerKept(base) || !ledgerKept(other)) {
            return new RunViews.LedgerComparison(false, null, null, before, after, after.subtract(before), null, null,
                    null, null);
        }
        Row r = Row.first(em.createNativeQuery("""
                select (select min(upload_id) from run_ledger_line where run_id = :base) as base_upload,
                       (select min(upload_id) from run_ledger_line where run_id = :other) as other_upload,
                       count(*) filter (where b.amount is null) as added,
                       count(*) filter (where o.amount is null) as removed,
                       count(*) filter (where b.amount <> o.amount) as changed,
                       count(*) filter (where b.amount = o.amount) as unchanged
                  from (select * from run_ledger_line where run_id = :base) b
                  full join (select * from run_ledger_line where run_id = :other) o
                 using (cost_centre, expense_type, social_care)""", Tuple.class)
                .setParameter("base", base.id()).setParameter("other", other.id())).orElseThrow();
        return new RunViews.LedgerComparison(true, r.wholeOrNull("base_upload"), r.wholeOrNull("other_upload"), before,
                after, after.subtract(before), r.integer("added"), r.integer("removed"), r.integer("changed"),
                r.integer("unchanged"));
    }

    /** A ledger line's change and its place in the comparison's order (the page cursor). */
    public record PagedLineChange(long sequence, RunViews.LedgerLineChange change) {
    }

    /** The two runs' ledger lines side by side, by cost centre, expense type and social-care flag; unchanged lines only when asked for. */
    public List<PagedLineChange> ledgerChanges(RunViews.Run base, RunViews.Run other, boolean unchanged, long after,
            int rows) {
        return Row.all(em.createNativeQuery("""
                select * from (
                    select row_number() over (order by cost_centre, expense_type, social_care) as seq,
                           cost_centre, expense_type, social_care, b.amount as base_amount, o.amount as other_amount
                      from (select * from run_ledger_line where run_id = :base) b
                      full join (select * from run_ledger_line where run_id = :other) o
                     using (cost_centre, expense_type, social_care)
                     where :unchanged or b.amount is distinct from o.amount) l
                 where seq > :after order by seq limit :rows""", Tuple.class)
                .setParameter("base", base.id()).setParameter("other", other.id()).setParameter("unchanged", unchanged)
                .setParameter("after", after).setParameter("rows", rows)).stream().map(r -> {
                    BigDecimal a = r.decimal("base_amount");
                    BigDecimal b = r.decimal("other_amount");
                    RunViews.LineChange kind = a == null ? RunViews.LineChange.ADDED : b == null
                            ? RunViews.LineChange.REMOVED : a.compareTo(b) == 0 ? RunViews.LineChange.UNCHANGED
                            : RunViews.LineChange.CHANGED;
                    BigDecimal zero = BigDecimal.ZERO.setScale(2);
                    return new PagedLineChange(r.whole("seq"), new RunViews.LedgerLineChange(r.text("cost_centre"),
                            r.text("expense_type"), r.flag("social_care"), kind, a, b,
                            (b == null ? zero : b).subtract(a == null ? zero : a)));
                }).toList();
    }

    /** A page of the ledger lines a run costed, in the order of their file. */
    public List<RunViews.RunLedgerLine> ledger(RunViews.Run run, long afterLine, int rows) {
        return Row.all(em.createNativeQuery("""
                select line_no, upload_id, cost_centre, expense_type, social_care, amount from run_ledger_line
                 where run_id = :id and line_no > :after order by line_no limit :rows""", Tuple.class)
                .setParameter("id", run.id()).setParameter("after", afterLine).setParameter("rows", rows)).stream()
                .map(r -> new RunViews.RunLedgerLine(r.integer("line_no"), r.whole("upload_id"), r.text("cost_centre"),
                        r.text("expense_type"), r.flag("social_care"), r.decimal("amount"))).toList();
    }

    /** An episode's identifiers in a run, for the provider's own outlier list. */
    public record EpisodeRef(long episodeId, String ref, String patientId) {
    }

    /** The run's episodes with their cost (only one commissioner's population when {@code commissioner} is set). */
    public List<CostVariance.Episode> episodeCosts(UUID runId, String commissioner) {
        return Row.all(em.createNativeQuery("""
                select episode_id, code, admitted_cost + non_admitted_cost as cost, cluster_days
                  from run_episode where run_id = :id and (cast(:c as text) is null or commissioner_code = :c)""",
                Tuple.class).setParameter("id", runId).setParameter("c", commissioner)).stream()
                .map(r -> new CostVariance.Episode(r.whole("episode_id"), r.text("code"), r.decimal("cost"),
                        r.integer("cluster_days"))).toList();
    }

    public List<EpisodeRef> episodeRefs(UUID runId, List<Long> episodeIds) {
        if (episodeIds.isEmpty()) {
            return List.of();
        }
        return Row.all(em.createNativeQuery("""
                select episode_id, ref, patient_id from run_episode
                 where run_id = :id and episode_id = any (cast(:ids as bigint[]))""", Tuple.class)
                .setParameter("id", runId).setParameter("ids", episodeIds.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))).stream()
                .map(r -> new EpisodeRef(r.whole("episode_id"), r.text("ref"), r.text("patient_id"))).toList();
    }
}
