package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random ledgers and activity, costed on a real PostgreSQL: what must hold for every trust.
 */
class CostingMethodV1PropertiesTest {

    private static final String[] TYPES = { "SUPPORT", "INPATIENT_WARD", "COMMUNITY_TEAM" };
    private static final String[] STAFF = { "Nurse", "Psychiatrist", "Psychologist", "Support worker" };
    private static final LocalDate START = LocalDate.of(2025, 4, 1);
    private static final int DAYS = 61;

    /** A generated trust in a rolled-back transaction, with what was put in. */
    private record Trust(CostingDb db, CostingMethodV1.Period period, BigDecimal ledger, BigDecimal socialCare) {
    }

    @Property(tries = 40)
    void everyPennyIsAllocatedNotClusteredOrUnallocated(@ForAll long seed) throws SQLException {
        Trust trust = generate(seed);
        try {
            CostingMethodV1.Result result = trust.db().run(trust.period(), true);
            assertThat(result.ledgerTotal()).isEqualByComparingTo(trust.ledger());
            assertThat(result.costedTotal()).isEqualByComparingTo(trust.ledger());
            assertThat(result.allocated().add(result.notClustered()).add(result.unallocated())
                    .add(result.roundingResidual())).isEqualByComparingTo(trust.ledger());
            // The episodes and their codes' residuals add up to the allocated figure.
            assertThat(sum(trust.db(), "select coalesce(sum(admitted_cost + non_admitted_cost), 0) from run_episode"
                    + " where run_id = ?", result).add(sum(trust.db(), "select coalesce(sum(admitted_residual"
                    + " + non_admitted_residual), 0) from run_code where run_id = ?", result)))
                    .isEqualByComparingTo(result.allocated());
            // Each centre with activity passes on its exact cost, which is within a penny of its total.
            assertThat(trust.db().rows("select c.code from run_centre c left join (select cost_centre_id, sum(cost) s"
                    + " from run_breakdown where run_id = ? group by 1) a on a.cost_centre_id = c.cost_centre_id"
                    + " where c.run_id = ? and c.unallocated = 0 and c.type <> 'SUPPORT'"
                    + " and abs(c.total - coalesce(a.s, 0)) >= 0.01", result.runId(), result.runId())).isEmpty();
        } finally {
            trust.db().rollbackAndClose();
        }
    }

    @Property(tries = 25)
    void excludingSocialCareLowersTheCostedTotalByExactlyTheSocialCareLines(@ForAll long seed) throws SQLException {
        Trust trust = generate(seed);
        try {
            CostingMethodV1.Result with = trust.db().run(trust.period(), true);
            trust.db().endRunScope();
            CostingMethodV1.Result without = trust.db().run(trust.period(), false);

            assertThat(without.ledgerTotal()).isEqualByComparingTo(with.ledgerTotal());
            assertThat(without.socialCareTotal()).isEqualByComparingTo(trust.socialCare());
            assertThat(with.costedTotal().subtract(without.costedTotal())).isEqualByComparingTo(trust.socialCare());
            BigDecimal reconciledWith = with.allocated().add(with.notClustered()).add(with.unallocated())
                    .add(with.roundingResidual());
            BigDecimal reconciledWithout = without.allocated().add(without.notClustered()).add(without.unallocated())
                    .add(without.roundingResidual());
            assertThat(reconciledWith.subtract(reconciledWithout)).isEqualByComparingTo(trust.socialCare());
            // Activity, episodes and cluster days do not depend on the ledger option.
            assertThat(without.activityRows()).isEqualTo(with.activityRows());
            assertThat(without.episodes()).isEqualTo(with.episodes());
        } finally {
            trust.db().rollbackAndClose();
        }
    }

    private static Trust generate(long seed) throws SQLException {
        Random random = new Random(seed);
        CostingDb db = CostingDb.open("RP" + Math.floorMod(seed, 1000));
        CostingMethodV1.Period period = db.period("P", START, START.plusDays(DAYS - 1));
        int centres = 1 + random.nextInt(6);
        List<Integer> wards = new ArrayList<>();
        List<Integer> teams = new ArrayList<>();
        BigDecimal ledger = BigDecimal.ZERO;
        BigDecimal socialCare = BigDecimal.ZERO;
        for (int i = 0; i < centres; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            int id = db.centre("CC" + i, type);
            if (type.equals("INPATIENT_WARD")) {
                wards.add(id);
            } else if (type.equals("COMMUNITY_TEAM")) {
                teams.add(id);
            }
            int lines = random.nextInt(4);
            for (int line = 0; line < lines; line++) {
                // Mostly costs, sometimes credits; any number of pennies.
                long pennies = random.nextInt(10) == 0 ? -random.nextInt(500_000) : random.nextInt(50_000_000);
                BigDecimal amount = BigDecimal.valueOf(pennies, 2);
                boolean social = type.equals("COMMUNITY_TEAM") && random.nextBoolean();
                db.ledger(period, id, "E" + line, amount.toPlainString(), social);
                ledger = ledger.add(amount);
                if (social) {
                    socialCare = socialCare.add(amount);
                }
            }
        }
        int patients = 1 + random.nextInt(10);
        for (int p = 0; p < patients; p++) {
            String patient = "P" + p;
            LocalDate cursor = START.minusDays(random.nextInt(30));
            int episodes = random.nextInt(3);
            for (int e = 0; e < episodes; e++) {
                LocalDate start = cursor.plusDays(random.nextInt(20));
                LocalDate end = random.nextInt(3) == 0 ? null : start.plusDays(random.nextInt(40));
                db.episode(patient + "-E" + e, patient, String.format("%02d", random.nextInt(22)), start, end,
                        start.plusDays(84), "15N", "T" + random.nextInt(3));
                if (end == null) {
                    break;
                }
                cursor = end.plusDays(1);
            }
        }
        int contact = 0;
        for (int team : teams) {
            int rows = random.nextInt(25);
            for (int r = 0; r < rows; r++) {
                db.contact(period, "C" + contact++, "P" + random.nextInt(patients), START.plusDays(random.nextInt(DAYS)),
                        team, STAFF[random.nextInt(STAFF.length)], 1 + random.nextInt(180));
            }
            int sessions = random.nextInt(3);
            for (int s = 0; s < sessions; s++) {
                int attending = 1 + random.nextInt(patients);
                String[] attendees = new String[attending];
                for (int a = 0; a < attending; a++) {
                    attendees[a] = "P" + a;
                }
                db.session(period, "G" + team + "-" + s, START.plusDays(random.nextInt(DAYS)), team,
                        STAFF[random.nextInt(STAFF.length)], 1 + random.nextInt(150), attendees);
            }
        }
        for (int ward : wards) {
            for (int p = 0; p < patients; p++) {
                if (random.nextBoolean()) {
                    int first = random.nextInt(DAYS);
                    int nights = random.nextInt(DAYS - first);
                    for (int d = first; d < first + nights; d++) {
                        // one bed per person per night: the first ward to claim the night keeps it
                        if (db.rows("select 1 from bed_day where period_id = ? and patient_id = ? and bed_date = ?",
                                period.id(), "P" + p, START.plusDays(d)).isEmpty()) {
                            db.bedDay(period, "P" + p, START.plusDays(d), ward);
                        }
                    }
                }
            }
        }
        return new Trust(db, period, ledger.setScale(2), socialCare.setScale(2));
    }

    private static BigDecimal sum(CostingDb db, String sql, CostingMethodV1.Result result) throws SQLException {
        return (BigDecimal) db.rows(sql, result.runId()).get(0).values().iterator().next();
    }
}
