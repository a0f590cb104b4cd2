package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The costing run keeps each bucket's exact share of its centre's cost in SQL, to 20 decimal places
 * of a pound, for the breakdowns that round their sums once. On one community centre with one
 * contact per person, each bucket's share must be the centre's cost x its minutes / all minutes,
 * computed here by long division and rounded half up at the 20th place as PostgreSQL's round does.
 */
class SqlExactSharesTest {

    private static final LocalDate START = LocalDate.of(2025, 4, 1);

    private record Claimant(Long episodeId, String patient, int minutes) {
    }

    @Property(tries = 30)
    void the_sql_keeps_each_buckets_exact_share_to_twenty_places(@ForAll long seed) throws SQLException {
        Random random = new Random(seed);
        CostingDb db = CostingDb.open("RQ" + Math.floorMod(seed, 1000));
        try {
            CostingMethodV1.Period period = db.period("P", START, START.plusDays(29));
            int team = db.centre("CMHT", "COMMUNITY_TEAM");
            long pennies = random.nextInt(8) == 0 ? -random.nextInt(100_000) : random.nextInt(10_000_000);
            BigDecimal amount = BigDecimal.valueOf(pennies, 2);
            db.ledger(period, team, "Nursing", amount.toPlainString(), false);
            List<Claimant> claimants = new ArrayList<>();
            int people = 1 + random.nextInt(9);
            for (int p = 0; p < people; p++) {
                String patient = "P" + p;
                Long episode = random.nextInt(3) == 0 ? null
                        : db.episode(patient + "-E", patient, "04", START, null, START.plusDays(180), "15N", "T1");
                int minutes = 1 + random.nextInt(4);
                db.contact(period, "C" + p, patient, START.plusDays(random.nextInt(30)), team, "Nurse", minutes);
                claimants.add(new Claimant(episode, patient, minutes));
            }
            CostingMethodV1.Result run = db.run(period, true);

            long minutes = claimants.stream().mapToLong(Claimant::minutes).sum();
            for (int i = 0; i < claimants.size(); i++) {
                Claimant c = claimants.get(i);
                List<Map<String, Object>> rows = c.episodeId() == null
                        ? db.rows("select cost from run_allocation where run_id = ? and patient_id = ? and episode_id is null",
                                run.runId(), c.patient())
                        : db.rows("select cost from run_allocation where run_id = ? and episode_id = ?", run.runId(),
                                c.episodeId());
                assertThat(rows).as("one bucket for %s", c).hasSize(1);
                BigDecimal exact = amount.multiply(BigDecimal.valueOf(c.minutes()))
                        .divide(BigDecimal.valueOf(minutes), 20, java.math.RoundingMode.HALF_UP);
                assertThat((BigDecimal) rows.get(0).get("cost")).as("the share of %s", c).isEqualByComparingTo(exact);
            }
        } finally {
            db.rollbackAndClose();
        }
    }
}
