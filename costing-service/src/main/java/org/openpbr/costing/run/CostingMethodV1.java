package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openpbr.costing.run.rule.PennyAllocation;
import org.openpbr.costing.Sha256;

/**
 * Costing method version 1, as the costing-service README specifies it: support centres apportioned
 * to patient-facing centres by direct cost; each patient-facing centre's cost shared over its
 * activity (community minutes, a group session's minutes equally among its attendees; ward occupied
 * bed days equally); each activity's cost attributed to the cluster episode covering the person on
 * that day with this provider, or to "not clustered"; a centre with cost and no activity is
 * unallocated. Money moves in whole pennies by the largest-remainder rule, so allocated + not
 * clustered + unallocated equals the costed ledger exactly.
 *
 * <p>Plain JDBC on the caller's connection and transaction: PostgreSQL does the set-based work and
 * nothing here holds activity rows in memory.
 */
public final class CostingMethodV1 {

    public static final String VERSION = "pbr-mh-costing-1";

    /** The most attendees a group session may have. */
    public static final int MAX_ATTENDEES = 60;

    /**
     * A whole number divisible by every attendee count up to {@link #MAX_ATTENDEES}: community weights
     * are minutes times this, so that a session's minutes split into exactly equal integer shares.
     */
    static final BigInteger MINUTE_UNITS = leastCommonMultipleUpTo(MAX_ATTENDEES);

    public record Period(long id, String providerCode, String code, LocalDate start, LocalDate end) {
    }

    public record Options(boolean includeSocialCare) {
    }

    public record Result(UUID runId, String fingerprint, BigDecimal ledgerTotal, BigDecimal socialCareTotal,
            BigDecimal costedTotal, BigDecimal allocated, BigDecimal notClustered, BigDecimal unallocated,
            long activityRows, int episodes, Map<String, Long> timings) {
    }

    /** A cost centre's money before it meets activity. */
    record Centre(int id, String code, String name, String type, BigDecimal direct, BigDecimal socialCare,
            BigDecimal weight, long activityRows, BigDecimal minutes, long bedDays) {

        boolean support() {
            return "SUPPORT".equals(type);
        }
    }

    private CostingMethodV1() {
    }

    /** The fingerprint of everything a run of this period with these options would read. */
    public static String fingerprint(Connection c, Period period, Options options) throws SQLException {
        StringBuilder inputs = new StringBuilder(VERSION).append('\n').append(options).append('\n');
        inputs.append(single(c, "select coalesce(string_agg(concat_ws('|', id, code, type), ',' order by id), '')"
                + " from cost_centre where provider_code = ?", period.providerCode())).append('\n');
        inputs.append(single(c, "select coalesce(string_agg(kind || ':' || sha256, ',' order by kind, sha256), '')"
                + " from upload where period_id = ? and withdrawn_at is null", period.id())).append('\n');
        inputs.append(single(c, "select coalesce(md5(string_agg(concat_ws('|', id, ref, patient_id, code, start_date,"
                + " end_date, review_due, commissioner_code, team), E'\\n' order by id)), '') from cluster_episode"
                + " where provider_code = ? and start_date <= ? and (end_date is null or end_date >= ?)",
                period.providerCode(), period.end(), period.start()));
        return Sha256.hex(inputs.toString());
    }

    public static Result run(Connection c, UUID runId, Period period, Options options, String createdBy)
            throws SQLException {
        Instant started = Instant.now();
        Map<String, Long> timings = new LinkedHashMap<>();
        long mark = System.nanoTime();

        try (Statement s = c.createStatement()) {
            // for the run's own transaction: its hash tables and sorts are per bucket, not per activity row
            s.execute("set local work_mem = '64MB'");
        }
        String fingerprint = fingerprint(c, period, options);
        mark = lap(timings, "fingerprint", mark);

        attributeActivity(c, period);
        mark = lap(timings, "attributeActivity", mark);

        List<Centre> centres = centres(c, period, options);
        Map<Integer, BigDecimal> apportioned = apportionSupport(centres);
        storeCentreAmounts(c, centres, apportioned);
        mark = lap(timings, "apportionSupport", mark);

        allocate(c, runId);
        mark = lap(timings, "allocateToActivity", mark);

        storeCentres(c, runId);
        int episodes = storeEpisodes(c, runId, period);
        mark = lap(timings, "attributeToEpisodes", mark);

        BigDecimal ledgerTotal = BigDecimal.ZERO.setScale(2);
        BigDecimal socialCare = BigDecimal.ZERO.setScale(2);
        BigDecimal costed = BigDecimal.ZERO.setScale(2);
        long activityRows = 0;
        for (Centre centre : centres) {
            ledgerTotal = ledgerTotal.add(centre.direct()).add(options.includeSocialCare() ? BigDecimal.ZERO
                    : centre.socialCare());
            socialCare = socialCare.add(centre.socialCare());
            costed = costed.add(centre.direct());
            activityRows += centre.activityRows();
        }
        BigDecimal allocated;
        BigDecimal notClustered;
        BigDecimal unallocated;
        try (PreparedStatement s = c.prepareStatement("select coalesce(sum(allocated), 0), coalesce(sum(not_clustered), 0),"
                + " coalesce(sum(unallocated), 0) from run_centre where run_id = ?")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                allocated = r.getBigDecimal(1).setScale(2);
                notClustered = r.getBigDecimal(2).setScale(2);
                unallocated = r.getBigDecimal(3).setScale(2);
            }
        }
        lap(timings, "totals", mark);
        Instant finished = Instant.now();
        timings.put("total", java.time.Duration.between(started, finished).toMillis());

        try (PreparedStatement s = c.prepareStatement("insert into costing_run (id, provider_code, period_id,"
                + " method_version, include_social_care, fingerprint, ledger_total, social_care_total, costed_total,"
                + " allocated, not_clustered, unallocated, activity_rows, episode_count, timings, started_at,"
                + " finished_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            int i = 0;
            s.setObject(++i, runId);
            s.setString(++i, period.providerCode());
            s.setLong(++i, period.id());
            s.setString(++i, VERSION);
            s.setBoolean(++i, options.includeSocialCare());
            s.setString(++i, fingerprint);
            s.setBigDecimal(++i, ledgerTotal);
            s.setBigDecimal(++i, socialCare);
            s.setBigDecimal(++i, costed);
            s.setBigDecimal(++i, allocated);
            s.setBigDecimal(++i, notClustered);
            s.setBigDecimal(++i, unallocated);
            s.setLong(++i, activityRows);
            s.setInt(++i, episodes);
            s.setString(++i, json(timings));
            s.setTimestamp(++i, Timestamp.from(started));
            s.setTimestamp(++i, Timestamp.from(finished));
            s.setString(++i, createdBy);
            s.executeUpdate();
        }
        return new Result(runId, fingerprint, ledgerTotal, socialCare, costed, allocated, notClustered, unallocated,
                activityRows, episodes, timings);
    }

    /**
     * Every activity row of the period, weighted and attributed to the episode covering the person
     * on the day (or to none), summed into buckets: centre, episode (or person when none), staff group.
     */
    private static void attributeActivity(Connection c, Period period) throws SQLException {
        // The planner cannot know how few buckets the join will make, and would sort every activity
        // row to group them; hashing keeps memory to the buckets (spilling past work_mem) and took
        // 10.0 s instead of 14.4 s for 10,304,560 rows (docs/measurements.md).
        try (Statement s = c.createStatement()) {
            s.execute("set local enable_sort = off");
        }
        try (PreparedStatement s = c.prepareStatement("create temp table run_bucket on commit drop as"
                + " select cost_centre_id, episode_id, patient_id, staff_group, activity_rows,"
                + "  contact_minutes * ?::numeric + coalesce(session_weight, 0) + bed_days as weight,"
                + "  contact_minutes + coalesce(session_minutes, 0) as minutes, bed_days"
                + " from (select a.cost_centre_id, e.id as episode_id, a.patient_id, a.staff_group,"
                + "   count(*)::integer as activity_rows, sum(a.contact_minutes) as contact_minutes,"
                + "   sum(a.session_weight) as session_weight, sum(a.session_minutes) as session_minutes,"
                + "   sum(a.bed_days)::integer as bed_days"
                + "  from (select cost_centre_id, patient_id, contact_date as day, staff_group,"
                + "     minutes::bigint as contact_minutes, null::numeric as session_weight, null::numeric as session_minutes,"
                + "     0 as bed_days from care_contact where period_id = ?"
                + "   union all select g.cost_centre_id, a.patient_id, g.session_date, g.staff_group, 0,"
                + "     g.minutes * (?::numeric / cardinality(g.attendees)), g.minutes::numeric / cardinality(g.attendees), 0"
                + "     from group_session g cross join lateral unnest(g.attendees) as a(patient_id) where g.period_id = ?"
                + "   union all select cost_centre_id, patient_id, bed_date, 'WARD', 0, null, null, 1"
                + "     from bed_day where period_id = ?) a"
                + "  left join cluster_episode e on e.provider_code = ? and e.patient_id = a.patient_id"
                + "   and a.day >= e.start_date and (e.end_date is null or a.day <= e.end_date)"
                + "  group by a.cost_centre_id, e.id, a.patient_id, a.staff_group) buckets")) {
            String units = MINUTE_UNITS.toString();
            s.setString(1, units);
            s.setLong(2, period.id());
            s.setString(3, units);
            s.setLong(4, period.id());
            s.setLong(5, period.id());
            s.setString(6, period.providerCode());
            s.execute();
        }
        try (Statement s = c.createStatement()) {
            s.execute("set local enable_sort = on");
            s.execute("analyze run_bucket");
        }
    }

    private static List<Centre> centres(Connection c, Period period, Options options) throws SQLException {
        List<Centre> centres = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select cc.id, cc.code, cc.name, cc.type,"
                + " coalesce(l.other, 0), coalesce(l.social, 0), coalesce(b.weight, 0), coalesce(b.activity_rows, 0),"
                + " coalesce(b.minutes, 0), coalesce(b.bed_days, 0)"
                + " from cost_centre cc"
                + " left join (select cost_centre_id, sum(amount) filter (where not social_care) as other,"
                + "   sum(amount) filter (where social_care) as social from ledger_line where period_id = ?"
                + "   group by cost_centre_id) l on l.cost_centre_id = cc.id"
                + " left join (select cost_centre_id, sum(weight) as weight, sum(activity_rows) as activity_rows,"
                + "   sum(minutes) as minutes, sum(bed_days) as bed_days from run_bucket group by cost_centre_id) b"
                + "  on b.cost_centre_id = cc.id"
                + " where cc.provider_code = ? and (l.cost_centre_id is not null or b.cost_centre_id is not null)"
                + " order by cc.code")) {
            s.setLong(1, period.id());
            s.setString(2, period.providerCode());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    BigDecimal other = r.getBigDecimal(5).setScale(2);
                    BigDecimal social = r.getBigDecimal(6).setScale(2);
                    centres.add(new Centre(r.getInt(1), r.getString(2), r.getString(3), r.getString(4),
                            options.includeSocialCare() ? other.add(social) : other, social, r.getBigDecimal(7),
                            r.getLong(8), r.getBigDecimal(9), r.getLong(10)));
                }
            }
        }
        return centres;
    }

    /**
     * Step 1: the support centres' total, shared among the patient-facing centres in proportion to
     * their direct cost. Only centres with a positive direct cost take a share (a share in
     * proportion to a credit balance would be a negative overhead). Returns each centre's change:
     * a support centre gives its cost away, a patient-facing centre receives its share.
     */
    static Map<Integer, BigDecimal> apportionSupport(List<Centre> centres) {
        Map<Integer, BigDecimal> change = new LinkedHashMap<>();
        BigDecimal support = BigDecimal.ZERO.setScale(2);
        List<Centre> targets = new ArrayList<>();
        for (Centre centre : centres) {
            if (centre.support()) {
                support = support.add(centre.direct());
            } else if (centre.direct().signum() > 0) {
                targets.add(centre);
            }
        }
        if (targets.isEmpty()) {
            return change;
        }
        for (Centre centre : centres) {
            if (centre.support()) {
                change.put(centre.id(), centre.direct().negate());
            }
        }
        List<BigDecimal> shares = PennyAllocation.share(support, targets.stream().map(Centre::direct).toList());
        for (int i = 0; i < targets.size(); i++) {
            change.put(targets.get(i).id(), shares.get(i));
        }
        return change;
    }

    private static void storeCentreAmounts(Connection c, List<Centre> centres, Map<Integer, BigDecimal> apportioned)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create temp table centre_amount (cost_centre_id integer primary key, code text, name text,"
                    + " type text, direct numeric, social_care numeric, apportioned numeric, total numeric,"
                    + " weight numeric, activity_rows bigint, minutes numeric, bed_days bigint, to_allocate_pennies bigint,"
                    + " unallocated numeric, unallocated_reason text) on commit drop");
        }
        try (PreparedStatement s = c.prepareStatement("insert into centre_amount values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)")) {
            for (Centre centre : centres) {
                BigDecimal change = apportioned.getOrDefault(centre.id(), BigDecimal.ZERO.setScale(2));
                BigDecimal total = centre.direct().add(change);
                boolean hasActivity = centre.weight().signum() > 0;
                String reason = null;
                BigDecimal toAllocate = BigDecimal.ZERO.setScale(2);
                BigDecimal unallocated = BigDecimal.ZERO.setScale(2);
                if (total.signum() != 0) {
                    if (centre.support()) {
                        reason = "NO_PATIENT_FACING_COST";
                        unallocated = total;
                    } else if (!hasActivity) {
                        reason = "NO_ACTIVITY";
                        unallocated = total;
                    } else {
                        toAllocate = total;
                    }
                }
                int i = 0;
                s.setInt(++i, centre.id());
                s.setString(++i, centre.code());
                s.setString(++i, centre.name());
                s.setString(++i, centre.type());
                s.setBigDecimal(++i, centre.direct());
                s.setBigDecimal(++i, centre.socialCare());
                s.setBigDecimal(++i, change);
                s.setBigDecimal(++i, total);
                s.setBigDecimal(++i, centre.weight());
                s.setLong(++i, centre.activityRows());
                s.setBigDecimal(++i, centre.minutes());
                s.setLong(++i, centre.bedDays());
                s.setLong(++i, toAllocate.movePointRight(2).longValueExact());
                s.setBigDecimal(++i, unallocated);
                s.setString(++i, reason);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Step 2 and 3: each centre's pennies shared over its buckets by weight, largest remainders
     * first, exactly as {@link PennyAllocation#share} does.
     */
    private static void allocate(Connection c, UUID runId) throws SQLException {
        // Each bucket's product, quotient and remainder are computed once (they are 40-digit numerics);
        // ties in the remainder go by episode, then person and staff group in byte order, so that the
        // pennies do not depend on the database's collation.
        try (PreparedStatement s = c.prepareStatement("insert into run_allocation (run_id, cost_centre_id, episode_id,"
                + " patient_id, staff_group, admitted, activity_rows, minutes, bed_days, cost)"
                + " select ?, cost_centre_id, episode_id, patient_id, staff_group, admitted, activity_rows, minutes,"
                + "  bed_days, sign * (base + case when row_number() over (partition by cost_centre_id order by rem desc,"
                + "   episode_id nulls last, patient_id collate \"C\", staff_group collate \"C\") <= short then 1 else 0 end)"
                + "   / 100.0"
                + " from (select q.*, pennies - sum(base) over (partition by cost_centre_id) as short"
                + "  from (select p.*, div(p.product, p.total_weight) as base, mod(p.product, p.total_weight) as rem"
                + "   from (select b.*, x.type = 'INPATIENT_WARD' as admitted, case when x.to_allocate_pennies < 0 then -1 else 1 end as sign,"
                + "     abs(x.to_allocate_pennies) as pennies, abs(x.to_allocate_pennies) * b.weight as product,"
                + "     x.weight as total_weight"
                + "    from run_bucket b join centre_amount x on x.cost_centre_id = b.cost_centre_id"
                + "    where x.weight > 0) p) q) shared")) {
            s.setObject(1, runId);
            s.executeUpdate();
        }
    }

    private static void storeCentres(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into run_centre (run_id, cost_centre_id, code, name, type,"
                + " direct, social_care, apportioned, total, activity_rows, minutes, bed_days, allocated, not_clustered,"
                + " unallocated, unallocated_reason)"
                + " select ?, x.cost_centre_id, x.code, x.name, x.type, x.direct, x.social_care, x.apportioned, x.total,"
                + "  x.activity_rows, x.minutes, x.bed_days, coalesce(a.allocated, 0), coalesce(a.not_clustered, 0),"
                + "  x.unallocated, x.unallocated_reason"
                + " from centre_amount x left join (select cost_centre_id,"
                + "   sum(cost) filter (where episode_id is not null) as allocated,"
                + "   sum(cost) filter (where episode_id is null) as not_clustered"
                + "   from run_allocation where run_id = ? group by cost_centre_id) a on a.cost_centre_id = x.cost_centre_id")) {
            s.setObject(1, runId);
            s.setObject(2, runId);
            s.executeUpdate();
        }
    }

    /** Step 4's raw material: every episode of the provider overlapping the period, with its costs. */
    private static int storeEpisodes(Connection c, UUID runId, Period period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into run_episode (run_id, episode_id, ref, patient_id, code,"
                + " team, commissioner_code, start_date, end_date, review_due, cluster_days, admitted_days,"
                + " admitted_cost, non_admitted_cost)"
                + " select ?, e.id, e.ref, e.patient_id, e.code, e.team, e.commissioner_code, e.start_date, e.end_date,"
                + "  e.review_due, least(coalesce(e.end_date, ?), ?) - greatest(e.start_date, ?) + 1,"
                + "  coalesce(a.bed_days, 0), coalesce(a.admitted, 0), coalesce(a.non_admitted, 0)"
                + " from cluster_episode e left join (select episode_id, sum(bed_days) as bed_days,"
                + "   sum(cost) filter (where admitted) as admitted, sum(cost) filter (where not admitted) as non_admitted"
                + "   from run_allocation where run_id = ? and episode_id is not null group by episode_id) a"
                + "  on a.episode_id = e.id"
                + " where e.provider_code = ? and e.start_date <= ? and (e.end_date is null or e.end_date >= ?)")) {
            int i = 0;
            s.setObject(++i, runId);
            s.setObject(++i, period.end());
            s.setObject(++i, period.end());
            s.setObject(++i, period.start());
            s.setObject(++i, runId);
            s.setString(++i, period.providerCode());
            s.setObject(++i, period.end());
            s.setObject(++i, period.start());
            return s.executeUpdate();
        }
    }

    private static String single(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static long lap(Map<String, Long> timings, String step, long mark) {
        long now = System.nanoTime();
        timings.put(step, (now - mark) / 1_000_000);
        return now;
    }

    private static String json(Map<String, Long> timings) {
        StringBuilder out = new StringBuilder("{");
        timings.forEach((step, millis) -> out.append(out.length() > 1 ? "," : "").append('"').append(step)
                .append("\":").append(millis));
        return out.append('}').toString();
    }

    private static BigInteger leastCommonMultipleUpTo(int n) {
        BigInteger lcm = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            BigInteger k = BigInteger.valueOf(i);
            lcm = lcm.multiply(k).divide(lcm.gcd(k));
        }
        return lcm;
    }
}
