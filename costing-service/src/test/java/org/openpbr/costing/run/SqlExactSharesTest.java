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
 * The costing run keeps each breakdown's exact share of its centre's cost in SQL (by code, or not
 * clustered, and staff group), to 20 decimal places of a pound, for the views that round their sums
 * once. On one community centre with one contact per person, each share must be the centre's cost x
 * its minutes / all minutes, computed here by long division and rounded half up at the 20th place
 * as PostgreSQL's round does.
 */
class SqlExactSharesTest {

    private static final LocalDate START = LocalDate.of(2025, 4, 1);

    private record Claimant(Long episodeId, String patient, String staffGroup, int minutes) {
    }

    @Property(tries = 30)
    void the_sql_keeps_each_breakdowns_exact_share_to_twenty_places(@ForAll long seed) throws SQLException {
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
                String staff = random.nextBoolean() ? "Nurse" : "Psychologist";
                db.contact(period, "C" + p, patient, START.plusDays(random.nextInt(30)), team, staff, minutes);
                claimants.add(new Claimant(episode, patient, staff, minutes));
            }
            CostingMethodV1.Result run = db.run(period, true);

            long minutes = claimants.stream().mapToLong(Claimant::minutes).sum();
            Map<String, Long> byGroup = new java.util.TreeMap<>();
            claimants.forEach(c -> byGroup.merge((c.episodeId() == null ? "-" : "04") + "/" + c.staffGroup(),
                    (long) c.minutes(), Long::sum));
            Map<String, BigDecimal> stored = new java.util.TreeMap<>();
            db.rows("select coalesce(code, '-') || '/' || staff_group as grp, cost from run_breakdown where run_id = ?",
                    run.runId()).forEach(r -> stored.put((String) r.get("grp"), (BigDecimal) r.get("cost")));
            assertThat(stored.keySet()).isEqualTo(byGroup.keySet());
            byGroup.forEach((group, groupMinutes) -> {
                BigDecimal exact = amount.multiply(BigDecimal.valueOf(groupMinutes))
                        .divide(BigDecimal.valueOf(minutes), 20, java.math.RoundingMode.HALF_UP);
                assertThat(stored.get(group)).as("the share of %s", group).isEqualByComparingTo(exact);
            });
        } finally {
            db.rollbackAndClose();
        }
    }
}
