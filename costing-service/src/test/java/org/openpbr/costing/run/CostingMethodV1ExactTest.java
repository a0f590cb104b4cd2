package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Method v1 against an exact implementation written here from the README's description alone:
 * rational arithmetic from the ledger lines and activity rows as generated (no SQL, none of the
 * service's classes), and its own largest-remainder rounding, top-down. Random trusts with wards
 * (whole bed days, so equal claims and ties are common), community teams with group sessions,
 * credits, round-pound ledgers and few codes, so that many episodes share a code.
 */
class CostingMethodV1ExactTest {

    private static final LocalDate START = LocalDate.of(2025, 4, 1);
    private static final int DAYS = 31;
    private static final String[] CODES = { "04", "11", "12" };

    /** An exact rational, in lowest terms, denominator positive. */
    record Q(BigInteger n, BigInteger d) implements Comparable<Q> {
        static final Q ZERO = of(0, 1);

        Q {
            BigInteger g = n.gcd(d);
            if (d.signum() < 0) {
                g = g.negate();
            }
            if (g.signum() != 0) {
                n = n.divide(g);
                d = d.divide(g);
            }
        }

        static Q of(long n, long d) {
            return new Q(BigInteger.valueOf(n), BigInteger.valueOf(d));
        }

        Q plus(Q o) {
            return new Q(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
        }

        Q times(Q o) {
            return new Q(n.multiply(o.n), d.multiply(o.d));
        }

        Q over(Q o) {
            return new Q(n.multiply(o.d), d.multiply(o.n));
        }

        BigInteger floor() {
            BigInteger[] qr = n.divideAndRemainder(d);
            return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }

        Q remainder() {
            return plus(new Q(floor().negate(), BigInteger.ONE));
        }

        @Override
        public int compareTo(Q o) {
            return n.multiply(o.d).compareTo(o.n.multiply(d));
        }
    }

    /** Presented pennies and what was left, as the README states the rule. */
    record Presented(List<BigInteger> pennies, BigInteger residual) {
    }

    /**
     * Floors, then one penny each to the largest remainders; when the pennies left run out inside a
     * group of equal remainders, that group gets none and its pennies are the residual.
     */
    static Presented present(BigInteger target, List<Q> exact) {
        List<BigInteger> pennies = new ArrayList<>();
        BigInteger left = target;
        for (Q q : exact) {
            pennies.add(q.floor());
            left = left.subtract(q.floor());
        }
        int k = left.intValueExact();
        if (k == 0) {
            return new Presented(pennies, BigInteger.ZERO);
        }
        List<Q> sorted = exact.stream().map(Q::remainder).sorted(java.util.Comparator.reverseOrder()).toList();
        Q cut = sorted.get(k - 1);
        long above = sorted.stream().filter(r -> r.compareTo(cut) > 0).count();
        long at = sorted.stream().filter(r -> r.compareTo(cut) == 0).count();
        boolean all = above + at == k;
        int given = 0;
        for (int i = 0; i < exact.size(); i++) {
            int c = exact.get(i).remainder().compareTo(cut);
            if (c > 0 || (c == 0 && all)) {
                pennies.set(i, pennies.get(i).add(BigInteger.ONE));
                given++;
            }
        }
        return new Presented(pennies, BigInteger.valueOf(k - given));
    }

    record Episode(long id, String patient, String code, LocalDate start, LocalDate end) {
        boolean covers(String person, LocalDate day) {
            return patient.equals(person) && !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    record Activity(int centre, String patient, LocalDate day, Q weight) {
    }

    @Property(tries = 60)
    void every_presented_figure_is_the_exact_share_rounded_top_down(@ForAll long seed) throws SQLException {
        Random random = new Random(seed);
        CostingDb db = CostingDb.open("RX" + Math.floorMod(seed, 1000));
        try {
            CostingMethodV1.Period period = db.period("P", START, START.plusDays(DAYS - 1));
            Map<Integer, String> type = new TreeMap<>();
            Map<Integer, BigInteger> direct = new TreeMap<>();
            int centres = 1 + random.nextInt(5);
            for (int i = 0; i < centres; i++) {
                int pick = random.nextInt(5);
                String t = pick == 0 ? "SUPPORT" : pick <= 2 ? "INPATIENT_WARD" : "COMMUNITY_TEAM";
                int id = db.centre("CC" + i, t);
                type.put(id, t);
                BigInteger pennies = BigInteger.ZERO;
                for (int line = 0; line < 1 + random.nextInt(2); line++) {
                    long p = random.nextInt(8) == 0 ? -random.nextInt(200_000)
                            : random.nextBoolean() ? 100L * random.nextInt(50_000) : random.nextInt(5_000_000);
                    db.ledger(period, id, "E" + line, BigDecimal.valueOf(p, 2).toPlainString(), false);
                    pennies = pennies.add(BigInteger.valueOf(p));
                }
                direct.put(id, pennies);
            }
            int people = 1 + random.nextInt(12);
            List<Episode> episodes = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                if (random.nextInt(4) > 0) {
                    LocalDate start = START.minusDays(random.nextInt(10));
                    LocalDate end = random.nextBoolean() ? null : start.plusDays(5 + random.nextInt(30));
                    String code = CODES[random.nextInt(CODES.length)];
                    long id = db.episode("E" + p, "P" + p, code, start, end, start.plusDays(180), "15N", "T1");
                    episodes.add(new Episode(id, "P" + p, code, start, end));
                }
            }
            List<Activity> activity = new ArrayList<>();
            int n = 0;
            for (Map.Entry<Integer, String> centre : type.entrySet()) {
                int id = centre.getKey();
                if (centre.getValue().equals("INPATIENT_WARD")) {
                    for (int p = 0; p < people; p++) {
                        if (random.nextBoolean()) {
                            int first = random.nextInt(DAYS);
                            int nights = 1 + random.nextInt(random.nextBoolean() ? 2 : DAYS - first);
                            for (int d = first; d < Math.min(DAYS, first + nights); d++) {
                                LocalDate day = START.plusDays(d);
                                String person = "P" + p;
                                if (activity.stream().noneMatch(a -> type.get(a.centre()).equals("INPATIENT_WARD")
                                        && a.patient().equals(person) && a.day().equals(day))) {
                                    db.bedDay(period, person, day, id);
                                    activity.add(new Activity(id, person, day, Q.of(1, 1)));
                                }
                            }
                        }
                    }
                } else if (centre.getValue().equals("COMMUNITY_TEAM")) {
                    for (int r = 0; r < random.nextInt(15); r++) {
                        String person = "P" + random.nextInt(people);
                        LocalDate day = START.plusDays(random.nextInt(DAYS));
                        int minutes = random.nextBoolean() ? 60 : 1 + random.nextInt(120);
                        db.contact(period, "C" + n++, person, day, id, "Nurse", minutes);
                        activity.add(new Activity(id, person, day, Q.of(minutes, 1)));
                    }
                    for (int g = 0; g < random.nextInt(3); g++) {
                        int size = 1 + random.nextInt(people);
                        String[] attendees = new String[size];
                        LocalDate day = START.plusDays(random.nextInt(DAYS));
                        int minutes = 30 + random.nextInt(90);
                        for (int a = 0; a < size; a++) {
                            attendees[a] = "P" + a;
                            activity.add(new Activity(id, "P" + a, day, Q.of(minutes, size)));
                        }
                        db.session(period, "G" + n++, day, id, "Psychologist", minutes, attendees);
                    }
                }
            }
            CostingMethodV1.Result run = db.run(period, true);

            // The exact method: support over patient-facing direct cost, each centre over its weight.
            BigInteger support = BigInteger.ZERO;
            BigInteger base = BigInteger.ZERO;
            BigInteger ledger = BigInteger.ZERO;
            for (int id : type.keySet()) {
                ledger = ledger.add(direct.get(id));
                if (type.get(id).equals("SUPPORT")) {
                    support = support.add(direct.get(id));
                } else if (direct.get(id).signum() > 0) {
                    base = base.add(direct.get(id));
                }
            }
            Map<Integer, Q> weight = new HashMap<>();
            activity.forEach(a -> weight.merge(a.centre(), a.weight(), Q::plus));
            Map<Integer, Q> perWeight = new HashMap<>();
            Q unallocated = Q.ZERO;
            for (int id : type.keySet()) {
                boolean isSupport = type.get(id).equals("SUPPORT");
                Q total;
                if (isSupport) {
                    total = base.signum() > 0 ? Q.ZERO : new Q(direct.get(id), BigInteger.ONE);
                } else {
                    total = new Q(direct.get(id), BigInteger.ONE);
                    if (direct.get(id).signum() > 0 && base.signum() > 0) {
                        total = total.plus(new Q(support.multiply(direct.get(id)), base));
                    }
                }
                if (isSupport || !weight.containsKey(id)) {
                    unallocated = unallocated.plus(total);
                } else {
                    perWeight.put(id, total.over(weight.get(id)));
                }
            }
            Map<Long, Q[]> episodeExact = new HashMap<>();
            episodes.forEach(e -> episodeExact.put(e.id(), new Q[] { Q.ZERO, Q.ZERO }));
            Q notClustered = Q.ZERO;
            for (Activity a : activity) {
                Q cost = perWeight.get(a.centre()).times(a.weight());
                Episode covering = episodes.stream().filter(e -> e.covers(a.patient(), a.day())).findFirst()
                        .orElse(null);
                if (covering == null) {
                    notClustered = notClustered.plus(cost);
                } else {
                    int setting = type.get(a.centre()).equals("INPATIENT_WARD") ? 0 : 1;
                    Q[] e = episodeExact.get(covering.id());
                    e[setting] = e[setting].plus(cost);
                }
            }

            // Rounded top-down: the ledger into codes x settings, not clustered and unallocated; each
            // code and setting into its episodes.
            List<Q> level1 = new ArrayList<>();
            for (String code : CODES) {
                for (int setting = 0; setting < 2; setting++) {
                    Q sum = Q.ZERO;
                    for (Episode e : episodes) {
                        if (e.code().equals(code)) {
                            sum = sum.plus(episodeExact.get(e.id())[setting]);
                        }
                    }
                    level1.add(sum);
                }
            }
            level1.add(notClustered);
            level1.add(unallocated);
            Presented top = present(ledger, level1);

            assertThat(run.costedTotal()).isEqualByComparingTo(new BigDecimal(ledger, 2));
            assertThat(run.notClustered()).as("not clustered").isEqualByComparingTo(new BigDecimal(top.pennies().get(6), 2));
            assertThat(run.unallocated()).as("unallocated").isEqualByComparingTo(new BigDecimal(top.pennies().get(7), 2));
            assertThat(run.roundingResidual()).as("residual").isEqualByComparingTo(new BigDecimal(top.residual(), 2));
            Map<String, Map<String, Object>> codes = new HashMap<>();
            db.rows("select * from run_code where run_id = ?", run.runId()).forEach(r -> codes.put((String) r.get("code"), r));
            Map<Long, Map<String, Object>> stored = new HashMap<>();
            db.rows("select * from run_episode where run_id = ?", run.runId())
                    .forEach(r -> stored.put((Long) r.get("episode_id"), r));
            String[] costColumn = { "admitted_cost", "non_admitted_cost" };
            String[] residualColumn = { "admitted_residual", "non_admitted_residual" };
            for (int c = 0; c < CODES.length; c++) {
                String code = CODES[c];
                // episodes that end before the period are not the run's (and cost nothing)
                List<Episode> ofCode = episodes.stream().filter(e -> e.code().equals(code)
                        && (e.end() == null || !e.end().isBefore(START))).toList();
                for (int setting = 0; setting < 2; setting++) {
                    BigInteger codeTarget = top.pennies().get(2 * c + setting);
                    Map<String, Object> row = codes.get(code);
                    assertThat(row == null ? BigDecimal.ZERO : (BigDecimal) row.get(costColumn[setting]))
                            .as("code %s %s", code, costColumn[setting]).isEqualByComparingTo(new BigDecimal(codeTarget, 2));
                    final int s = setting;
                    Presented shares = present(codeTarget, ofCode.stream().map(e -> episodeExact.get(e.id())[s]).toList());
                    if (row != null) {
                        assertThat((BigDecimal) row.get(residualColumn[setting])).as("code %s residual", code)
                                .isEqualByComparingTo(new BigDecimal(shares.residual(), 2));
                    }
                    for (int i = 0; i < ofCode.size(); i++) {
                        Episode e = ofCode.get(i);
                        BigDecimal shown = (BigDecimal) stored.get(e.id()).get(costColumn[setting]);
                        assertThat(shown).as("episode %s %s", e, costColumn[setting])
                                .isEqualByComparingTo(new BigDecimal(shares.pennies().get(i), 2));
                        Q exact = episodeExact.get(e.id())[setting];
                        Q gap = new Q(shown.movePointRight(2).toBigIntegerExact(), BigInteger.ONE)
                                .plus(new Q(exact.n().negate(), exact.d()));
                        assertThat(gap.compareTo(Q.of(1, 1)) < 0 && gap.compareTo(Q.of(-1, 1)) > 0)
                                .as("episode %s within a penny of %s", e, exact).isTrue();
                    }
                }
            }
        } finally {
            db.rollbackAndClose();
        }
    }

    /** The presentation rule's own worked case, so that the oracle is checked too. */
    @org.junit.jupiter.api.Test
    void the_oracle_leaves_a_penny_that_three_equal_claims_would_share() {
        Presented three = present(BigInteger.valueOf(10_000), List.of(Q.of(10_000, 3), Q.of(10_000, 3), Q.of(10_000, 3)));
        assertThat(three.pennies()).containsExactly(BigInteger.valueOf(3333), BigInteger.valueOf(3333),
                BigInteger.valueOf(3333));
        assertThat(three.residual()).isEqualTo(BigInteger.ONE);
        Presented two = present(BigInteger.valueOf(10_000), List.of(Q.of(20_000, 3), Q.of(10_000, 3)));
        assertThat(two.pennies()).containsExactly(BigInteger.valueOf(6667), BigInteger.valueOf(3333));
        assertThat(two.residual()).isEqualTo(BigInteger.ZERO);
    }
}
