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

import org.openpbr.costing.run.rule.Fraction;
import org.openpbr.costing.run.rule.PresentedCosts;
import org.openpbr.platform.hash.Sha256;

/**
 * Costing method version 1, as the costing-service README specifies it: support centres apportioned
 * to patient-facing centres by direct cost; each patient-facing centre's cost shared over its
 * activity (community minutes, a group session's minutes equally among its attendees; ward occupied
 * bed days equally); each activity's cost attributed to the cluster episode covering the person on
 * that day with this provider, or to "not clustered"; a centre with cost and no activity is
 * unallocated. The shares are exact; {@link PresentedCosts} rounds each presented figure once, so
 * allocated + not clustered + unallocated + the rounding residual equals the costed ledger exactly.
 *
 * <p>Plain JDBC on the caller's connection and transaction: PostgreSQL does the set-based work (it
 * weighs, attributes and sums every activity row); only the sums per centre and episode come back
 * to be shared exactly.
 */
public final class CostingMethodV1 {

    public static final String VERSION = "pbr-mh-costing-1";

    /** The most attendees a group session may have. */
    public static final int MAX_ATTENDEES = 60;

    /** The most minutes a contact or group session may last: a day. */
    public static final int MAX_MINUTES = 1440;

    public record Period(long id, String providerCode, String code, LocalDate start, LocalDate end) {
    }

    /**
     * @param asOf activity and cluster days are counted up to and including this day; null for the
     *             default: the latest activity date loaded for the period, at most its end
     */
    public record Options(boolean includeSocialCare, LocalDate asOf) {
    }

    public record Result(UUID runId, String fingerprint, BigDecimal ledgerTotal, BigDecimal socialCareTotal,
            BigDecimal costedTotal, BigDecimal allocated, BigDecimal notClustered, BigDecimal unallocated,
            BigDecimal roundingResidual, BigDecimal apportionmentResidual, long activityRows, int episodes,
            Map<String, Long> timings) {
    }

    /** A cost centre's money before it meets activity. */
    record Centre(int id, String code, String name, String type, BigDecimal direct, BigDecimal socialCare,
            BigDecimal weight, long activityRows, BigDecimal minutes, long bedDays) {

        boolean support() {
            return "SUPPORT".equals(type);
        }

        boolean admitted() {
            return "INPATIENT_WARD".equals(type);
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
        refreshStatistics(c);
        mark = lap(timings, "statistics", mark);
        if (options.asOf() == null) {
            options = new Options(options.includeSocialCare(), latestActivity(c, period));
        }
        LocalDate asOf = options.asOf();
        String fingerprint = fingerprint(c, period, options);
        mark = lap(timings, "fingerprint", mark);

        BigInteger units = attributeActivity(c, period, asOf);
        mark = lap(timings, "attributeActivity", mark);

        List<Centre> centres = centres(c, period, options, units);
        Map<Long, Long> bedDays = new java.util.HashMap<>();
        List<PresentedCosts.EpisodeWeight> weights = episodeWeights(c, bedDays);
        Map<Integer, Long> notClusteredPeople = new java.util.HashMap<>();
        Map<Integer, BigInteger> notClustered = notClusteredWeights(c, notClusteredPeople);
        mark = lap(timings, "readWeights", mark);

        PresentedCosts.Figures figures = PresentedCosts.of(centres.stream().map(x -> new PresentedCosts.Centre(x.id(),
                x.support(), x.admitted(), pennies(x.direct()), whole(x.weight()))).toList(), weights, notClustered);
        mark = lap(timings, "exactShares", mark);

        storeBreakdowns(c, runId, centres, figures, units);
        mark = lap(timings, "breakdowns", mark);

        storeCentres(c, runId, centres, figures, notClusteredPeople);
        storeCodes(c, runId, figures);
        int episodes = storeEpisodes(c, runId, period, asOf, figures, bedDays);
        mark = lap(timings, "storeEpisodes", mark);
        storeLedger(c, runId, period);
        mark = lap(timings, "storeLedger", mark);

        BigDecimal ledgerTotal = BigDecimal.ZERO.setScale(2);
        BigDecimal socialCare = BigDecimal.ZERO.setScale(2);
        long activityRows = 0;
        for (Centre centre : centres) {
            ledgerTotal = ledgerTotal.add(centre.direct()).add(options.includeSocialCare() ? BigDecimal.ZERO
                    : centre.socialCare());
            socialCare = socialCare.add(centre.socialCare());
            activityRows += centre.activityRows();
        }
        BigDecimal costed = money(figures.costed());
        BigDecimal allocated = money(figures.allocated());
        BigDecimal notClusteredCost = money(figures.notClustered());
        BigDecimal unallocated = money(figures.unallocated());
        BigDecimal residual = money(figures.residual());
        BigDecimal apportionmentResidual = money(figures.apportionmentResidual());
        lap(timings, "totals", mark);
        Instant finished = Instant.now();
        timings.put("total", java.time.Duration.between(started, finished).toMillis());

        try (PreparedStatement s = c.prepareStatement("insert into costing_run (id, provider_code, period_id,"
                + " method_version, include_social_care, fingerprint, ledger_total, social_care_total, costed_total,"
                + " allocated, not_clustered, unallocated, rounding_residual, apportionment_residual, activity_rows,"
                + " episode_count, timings, started_at, finished_at, created_by, as_of, ledger_kept)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, true)")) {
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
            s.setBigDecimal(++i, notClusteredCost);
            s.setBigDecimal(++i, unallocated);
            s.setBigDecimal(++i, residual);
            s.setBigDecimal(++i, apportionmentResidual);
            s.setLong(++i, activityRows);
            s.setInt(++i, episodes);
            s.setString(++i, json(timings));
            s.setTimestamp(++i, Timestamp.from(started));
            s.setTimestamp(++i, Timestamp.from(finished));
            s.setString(++i, createdBy);
            s.setObject(++i, asOf);
            s.executeUpdate();
        }
        return new Result(runId, fingerprint, ledgerTotal, socialCare, costed, allocated, notClusteredCost, unallocated,
                residual, apportionmentResidual, activityRows, episodes, timings);
    }

    /**
     * The latest activity date loaded for the period (from its activity files in force), at most the
     * period's end; the end itself when there is no activity. Files loaded before uploads recorded
     * their latest date are read instead.
     */
    static LocalDate latestActivity(Connection c, Period period) throws SQLException {
        LocalDate latest;
        try (PreparedStatement s = c.prepareStatement("select case when coalesce(bool_or(latest_date is null), true)"
                + "  then greatest((select max(contact_date) from care_contact where period_id = ?),"
                + "   (select max(bed_date) from bed_day where period_id = ?),"
                + "   (select max(session_date) from group_session where period_id = ?))"
                + "  else max(latest_date) end from upload"
                + " where period_id = ? and withdrawn_at is null and kind in ('CONTACTS', 'BED_DAYS', 'GROUP_SESSIONS')")) {
            for (int i = 1; i <= 4; i++) {
                s.setLong(i, period.id());
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                latest = r.getObject(1, LocalDate.class);
            }
        }
        return latest == null || latest.isAfter(period.end()) ? period.end() : latest;
    }

    /**
     * The tables a run joins, and the upload kind that fills each. Episodes also arrive from
     * clustering's feed, so theirs are refreshed when a tenth has changed.
     */
    private static final List<String[]> JOINED = List.of(
            new String[] { "care_contact", "CONTACTS" }, new String[] { "bed_day", "BED_DAYS" },
            new String[] { "group_session", "GROUP_SESSIONS" }, new String[] { "cluster_episode", null });

    /**
     * Statistics refreshed for a table loaded since PostgreSQL last analysed it, so that the first run
     * after a load is planned on the rows it will read: a new period's rows counted as a handful
     * made a nested loop of millions of index probes (issue 13).
     */
    private static void refreshStatistics(Connection c) throws SQLException {
        for (String[] table : JOINED) {
            boolean stale;
            try (PreparedStatement s = c.prepareStatement(table[1] == null
                    ? "select coalesce(greatest(t.last_analyze, t.last_autoanalyze) is null"
                            + " or t.n_mod_since_analyze * 10 > greatest(t.n_live_tup, 1000), true)"
                            + " from pg_stat_user_tables t where t.relid = ?::regclass"
                    : "select coalesce(greatest(t.last_analyze, t.last_autoanalyze)"
                            + "  < (select max(loaded_at) from upload where kind = ?), true)"
                            + " from pg_stat_user_tables t where t.relid = ?::regclass")) {
                int i = 0;
                if (table[1] != null) {
                    s.setString(++i, table[1]);
                }
                s.setString(++i, table[0]);
                try (ResultSet r = s.executeQuery()) {
                    stale = !r.next() || r.getBoolean(1);
                }
            }
            if (stale) {
                try (Statement s = c.createStatement()) {
                    s.execute(org.openpbr.costing.period.LoadQueries.statisticsSql(table[0]));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            // and joined by hashing whatever the estimates say: a nested loop is the plan that
            // wrong estimates make ruinous
            s.execute("set local enable_nestloop = off");
        }
    }

    /**
     * Every activity row of the period, weighted and attributed to the episode covering the person
     * on the day (or to none), summed into buckets: centre, episode (or person when none), staff group.
     * Weights are whole numbers: a bed day weighs 1, a community minute {@code units}, and each of a
     * session's n attendees minutes x units / n, where units is divisible by every n in the period.
     */
    private static BigInteger attributeActivity(Connection c, Period period, LocalDate asOf) throws SQLException {
        BigInteger units = BigInteger.ONE;
        try (PreparedStatement s = c.prepareStatement("select distinct cardinality(attendees) from group_session"
                + " where period_id = ?")) {
            s.setLong(1, period.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    BigInteger n = BigInteger.valueOf(r.getInt(1));
                    units = units.divide(units.gcd(n)).multiply(n);
                }
            }
        }
        // Whole weights in bigint while a row's weight cannot overflow it (group sizes up to 40 keep the
        // multiple small); numeric beyond. Summing bigints halves the hash table the grouping needs.
        boolean small = units.multiply(BigInteger.valueOf(MAX_MINUTES)).bitLength() < 63;
        String weightType = small ? "bigint" : "numeric";
        // The planner cannot know how few buckets the join will make, and would sort every activity
        // row to group them; hashing keeps memory to the buckets (docs/measurements.md).
        try (Statement s = c.createStatement()) {
            s.execute("set local enable_sort = off");
        }
        try (PreparedStatement s = c.prepareStatement(("create temp table run_bucket on commit drop as"
                + " select cost_centre_id, episode_id, code, patient_id, staff_group, activity_rows, weight, bed_days"
                + " from (select a.cost_centre_id, e.id as episode_id, e.code,"
                + "   case when e.id is null then a.patient_id end as patient_id, a.staff_group,"
                + "   count(*)::integer as activity_rows, sum(a.weight) as weight, sum(a.bed_days)::integer as bed_days"
                + "  from (select cost_centre_id, patient_id, contact_date as day, staff_group,"
                + "     minutes * ?::%1$s as weight, 0 as bed_days from care_contact where period_id = ? and contact_date <= ?"
                + "   union all select g.cost_centre_id, a.patient_id, g.session_date, g.staff_group,"
                + "     g.minutes * (?::%1$s / cardinality(g.attendees)), 0"
                + "     from group_session g cross join lateral unnest(g.attendees) as a(patient_id)"
                + "     where g.period_id = ? and g.session_date <= ?"
                + "   union all select cost_centre_id, patient_id, bed_date, 'WARD', 1::%1$s, 1"
                + "     from bed_day where period_id = ? and bed_date <= ?) a"
                + "  left join cluster_episode e on e.provider_code = ? and e.patient_id = a.patient_id"
                + "   and a.day >= e.start_date and (e.end_date is null or a.day <= e.end_date)"
                + "  group by 1, 2, 3, 4, 5) buckets").formatted(weightType))) {
            String u = units.toString();
            int i = 0;
            s.setString(++i, u);
            s.setLong(++i, period.id());
            s.setObject(++i, asOf);
            s.setString(++i, u);
            s.setLong(++i, period.id());
            s.setObject(++i, asOf);
            s.setLong(++i, period.id());
            s.setObject(++i, asOf);
            s.setString(++i, period.providerCode());
            s.execute();
        }
        // Sorting stays off for the rest of the run: every later step groups this unanalysed table,
        // and hashing it took a third of the time sorting did (177 against 488 ms, measured in psql).
        return units;
    }

    private static List<Centre> centres(Connection c, Period period, Options options, BigInteger units)
            throws SQLException {
        List<Centre> centres = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select cc.id, cc.code, cc.name, cc.type,"
                + " coalesce(l.other, 0), coalesce(l.social, 0), coalesce(b.weight, 0), coalesce(b.activity_rows, 0),"
                + " coalesce(b.minutes, 0), coalesce(b.bed_days, 0)"
                + " from cost_centre cc"
                + " left join (select cost_centre_id, sum(amount) filter (where not social_care) as other,"
                + "   sum(amount) filter (where social_care) as social from ledger_line where period_id = ?"
                + "   group by cost_centre_id) l on l.cost_centre_id = cc.id"
                + " left join (select cost_centre_id, sum(weight) as weight, sum(activity_rows) as activity_rows,"
                + "   (sum(weight) - sum(bed_days)) / ?::numeric as minutes, sum(bed_days) as bed_days from run_bucket"
                + "   group by cost_centre_id) b"
                + "  on b.cost_centre_id = cc.id"
                + " where cc.provider_code = ? and (l.cost_centre_id is not null or b.cost_centre_id is not null)"
                + " order by cc.code")) {
            s.setLong(1, period.id());
            s.setString(2, units.toString());
            s.setString(3, period.providerCode());
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

    /** Each episode's activity weight and bed days at each centre, with its code. */
    private static List<PresentedCosts.EpisodeWeight> episodeWeights(Connection c, Map<Long, Long> bedDays)
            throws SQLException {
        List<PresentedCosts.EpisodeWeight> weights = new ArrayList<>();
        // COPY out, not a result set: a hundred thousand rows arrive as lines in a fraction of the time
        // (measured 0.75-1.2 s as rows; the values are digits and codes, no escaping to undo).
        org.postgresql.copy.CopyOut out = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut(
                "copy (select episode_id, code, cost_centre_id, sum(weight), sum(bed_days) from run_bucket"
                        + " where episode_id is not null group by episode_id, code, cost_centre_id) to stdout");
        byte[] line;
        while ((line = out.readFromCopy()) != null) {
            String[] cells = new String(line, java.nio.charset.StandardCharsets.UTF_8).trim().split("\t");
            long episode = Long.parseLong(cells[0]);
            weights.add(new PresentedCosts.EpisodeWeight(episode, cells[1], Integer.parseInt(cells[2]),
                    whole(new BigDecimal(cells[3]))));
            long nights = Long.parseLong(cells[4]);
            if (nights > 0) {
                bedDays.merge(episode, nights, Long::sum);
            }
        }
        return weights;
    }

    /** Activity weight of people with no covering episode, and how many they are, by centre. */
    private static Map<Integer, BigInteger> notClusteredWeights(Connection c, Map<Integer, Long> people)
            throws SQLException {
        Map<Integer, BigInteger> weights = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("select cost_centre_id, sum(weight), count(distinct patient_id)"
                + " from run_bucket where episode_id is null group by cost_centre_id"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                weights.put(r.getInt(1), whole(r.getBigDecimal(2)));
                people.put(r.getInt(1), r.getLong(3));
            }
        }
        return weights;
    }

    /**
     * The run's cost by centre, code (none: not clustered) and staff group: each one's exact share of
     * its centre's cost (the centre's exact cost x its weight / the centre's weight) to 20 decimal
     * places of a pound, the raw material of breakdowns (staff-group rates, tariff components) that
     * are rounded once when they are presented.
     */
    private static void storeBreakdowns(Connection c, UUID runId, List<Centre> centres,
            PresentedCosts.Figures figures, BigInteger units) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create temp table centre_rate (cost_centre_id integer primary key, admitted boolean,"
                    + " numerator numeric, denominator numeric) on commit drop");
        }
        Map<Integer, Centre> byId = new java.util.HashMap<>();
        centres.forEach(x -> byId.put(x.id(), x));
        try (PreparedStatement s = c.prepareStatement("insert into centre_rate values (?, ?, ?, ?)")) {
            for (PresentedCosts.CentreFigures x : figures.centres()) {
                Centre centre = byId.get(x.id());
                if (centre.weight().signum() > 0) {
                    Fraction rate = x.ratePerWeight() == null ? Fraction.ZERO : x.ratePerWeight();
                    s.setInt(1, x.id());
                    s.setBoolean(2, centre.admitted());
                    s.setBigDecimal(3, new BigDecimal(rate.numerator()));
                    s.setBigDecimal(4, new BigDecimal(rate.denominator().multiply(BigInteger.valueOf(100))));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("insert into run_breakdown (run_id, cost_centre_id, code,"
                + " staff_group, admitted, activity_rows, minutes, bed_days, cost)"
                + " select ?, b.cost_centre_id, b.code, b.staff_group, x.admitted, b.activity_rows, b.minutes, b.bed_days,"
                + "  round((x.numerator * b.weight)::numeric(1000, 24) / x.denominator, 20)"
                + " from (select cost_centre_id, code, staff_group, sum(activity_rows) as activity_rows,"
                + "   (sum(weight) - sum(bed_days)) / ?::numeric as minutes, sum(bed_days) as bed_days,"
                + "   sum(weight) as weight from run_bucket"
                + "   group by cost_centre_id, code, staff_group) b"
                + " join centre_rate x on x.cost_centre_id = b.cost_centre_id")) {
            s.setObject(1, runId);
            s.setString(2, units.toString());
            s.executeUpdate();
        }
    }

    /** The ledger lines the run costed, every one (social care too, flagged), as they stood when it read them. */
    private static void storeLedger(Connection c, UUID runId, Period period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into run_ledger_line (run_id, upload_id, line_no,"
                + " cost_centre_id, cost_centre, expense_type, social_care, amount)"
                + " select ?, l.upload_id, l.line_no, l.cost_centre_id, cc.code, l.expense_type, l.social_care, l.amount"
                + " from ledger_line l join cost_centre cc on cc.id = l.cost_centre_id where l.period_id = ?")) {
            s.setObject(1, runId);
            s.setLong(2, period.id());
            s.executeUpdate();
        }
    }

    private static void storeCentres(Connection c, UUID runId, List<Centre> centres, PresentedCosts.Figures figures,
            Map<Integer, Long> notClusteredPeople) throws SQLException {
        Map<Integer, PresentedCosts.CentreFigures> byId = new java.util.HashMap<>();
        figures.centres().forEach(x -> byId.put(x.id(), x));
        try (PreparedStatement s = c.prepareStatement("insert into run_centre (run_id, cost_centre_id, code, name, type,"
                + " direct, social_care, apportioned, total, activity_rows, minutes, bed_days, allocated, not_clustered,"
                + " unallocated, rounding_residual, unallocated_reason, not_clustered_people)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Centre centre : centres) {
                PresentedCosts.CentreFigures x = byId.get(centre.id());
                int i = 0;
                s.setObject(++i, runId);
                s.setInt(++i, centre.id());
                s.setString(++i, centre.code());
                s.setString(++i, centre.name());
                s.setString(++i, centre.type());
                s.setBigDecimal(++i, centre.direct());
                s.setBigDecimal(++i, centre.socialCare());
                s.setBigDecimal(++i, money(x.apportioned()));
                s.setBigDecimal(++i, money(x.total()));
                s.setLong(++i, centre.activityRows());
                s.setBigDecimal(++i, centre.minutes());
                s.setLong(++i, centre.bedDays());
                s.setBigDecimal(++i, money(x.allocated()));
                s.setBigDecimal(++i, money(x.notClustered()));
                s.setBigDecimal(++i, money(x.unallocated()));
                s.setBigDecimal(++i, money(x.residual()));
                s.setString(++i, x.unallocatedReason());
                s.setLong(++i, notClusteredPeople.getOrDefault(centre.id(), 0L));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every episode of the provider overlapping the period, with its presented costs and nights in a ward. */
    private static int storeEpisodes(Connection c, UUID runId, Period period, LocalDate asOf,
            PresentedCosts.Figures figures, Map<Long, Long> bedDays) throws SQLException {
        java.util.Set<Long> costed = new java.util.LinkedHashSet<>(figures.episodes().keySet());
        costed.addAll(bedDays.keySet());
        int n = costed.size();
        Long[] ids = new Long[n];
        BigDecimal[] admitted = new BigDecimal[n];
        BigDecimal[] nonAdmitted = new BigDecimal[n];
        Long[] nights = new Long[n];
        int k = 0;
        PresentedCosts.EpisodeFigures none = new PresentedCosts.EpisodeFigures(BigInteger.ZERO, BigInteger.ZERO);
        for (long id : costed) {
            PresentedCosts.EpisodeFigures e = figures.episodes().getOrDefault(id, none);
            ids[k] = id;
            admitted[k] = money(e.admitted());
            nonAdmitted[k] = money(e.nonAdmitted());
            nights[k] = bedDays.getOrDefault(id, 0L);
            k++;
        }
        try (PreparedStatement s = c.prepareStatement("insert into run_episode (run_id, episode_id, ref, patient_id, code,"
                + " team, commissioner_code, start_date, end_date, review_due, cluster_days, admitted_days,"
                + " admitted_cost, non_admitted_cost)"
                + " select ?, e.id, e.ref, e.patient_id, e.code, e.team, e.commissioner_code, e.start_date, e.end_date,"
                + "  e.review_due, least(coalesce(e.end_date, ?), ?) - greatest(e.start_date, ?) + 1,"
                + "  coalesce(p.bed_days, 0), coalesce(p.admitted, 0), coalesce(p.non_admitted, 0)"
                + " from cluster_episode e"
                + " left join unnest(?::bigint[], ?::numeric[], ?::numeric[], ?::bigint[])"
                + "  as p(episode_id, admitted, non_admitted, bed_days) on p.episode_id = e.id"
                + " where e.provider_code = ? and e.start_date <= ? and (e.end_date is null or e.end_date >= ?)")) {
            int i = 0;
            s.setObject(++i, runId);
            s.setObject(++i, asOf);
            s.setObject(++i, asOf);
            s.setObject(++i, period.start());
            s.setArray(++i, c.createArrayOf("bigint", ids));
            s.setArray(++i, c.createArrayOf("numeric", admitted));
            s.setArray(++i, c.createArrayOf("numeric", nonAdmitted));
            s.setArray(++i, c.createArrayOf("bigint", nights));
            s.setString(++i, period.providerCode());
            s.setObject(++i, asOf);
            s.setObject(++i, period.start());
            return s.executeUpdate();
        }
    }

    /** Each code's presented cost by setting, and the pennies its episodes could not take. */
    private static void storeCodes(Connection c, UUID runId, PresentedCosts.Figures figures) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into run_code (run_id, code, admitted_cost,"
                + " non_admitted_cost, admitted_residual, non_admitted_residual) values (?, ?, ?, ?, ?, ?)")) {
            for (PresentedCosts.CodeFigures code : figures.codes()) {
                s.setObject(1, runId);
                s.setString(2, code.code());
                s.setBigDecimal(3, money(code.admitted()));
                s.setBigDecimal(4, money(code.nonAdmitted()));
                s.setBigDecimal(5, money(code.admittedResidual()));
                s.setBigDecimal(6, money(code.nonAdmittedResidual()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static BigInteger pennies(BigDecimal pounds) {
        return pounds.movePointRight(2).toBigIntegerExact();
    }

    private static BigDecimal money(BigInteger pennies) {
        return new BigDecimal(pennies, 2);
    }

    /** A weight that is a whole number however PostgreSQL scaled it. */
    private static BigInteger whole(BigDecimal weight) {
        return weight.stripTrailingZeros().toBigIntegerExact();
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
}
