package org.openpbr.costing.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A small trust costed by hand (the arithmetic is in the comments) and by method version 1.
 *
 * <pre>
 * Period 2025-04-01..2025-06-30 (91 days). Ledger: SUP1 support 1,000.00; WARD1 6,000.00;
 * CMHT1 3,000.00 + 1,000.00 social care; CMHT2 500.00 with no activity. Ledger total 11,500.00.
 * Episodes: E1 P1 code 11 from 2025-03-01, open; E2 P2 code 04 2025-04-10..2025-05-31;
 * E3 P2 code 05 from 2025-06-01, open. P3 has no episode.
 * </pre>
 */
class CostingMethodV1WorkedExampleTest {

    private static final LocalDate APRIL = LocalDate.of(2025, 4, 1);

    private CostingDb db;
    private CostingMethodV1.Period period;
    private long e1;
    private long e2;
    private long e3;

    @BeforeEach
    void trust() throws SQLException {
        db = CostingDb.open("RW1");
        period = db.period("2025-Q1", APRIL, LocalDate.of(2025, 6, 30));
        int sup = db.centre("SUP1", "SUPPORT");
        int ward = db.centre("WARD1", "INPATIENT_WARD");
        int cmht1 = db.centre("CMHT1", "COMMUNITY_TEAM");
        int cmht2 = db.centre("CMHT2", "COMMUNITY_TEAM");
        db.ledger(period, sup, "Estates", "1000.00", false);
        db.ledger(period, ward, "Nursing", "6000.00", false);
        db.ledger(period, cmht1, "Medical", "3000.00", false);
        db.ledger(period, cmht1, "Social work", "1000.00", true);
        db.ledger(period, cmht2, "Nursing", "500.00", false);

        e1 = db.episode("E1", "P1", "11", LocalDate.of(2025, 3, 1), null, LocalDate.of(2026, 3, 1), "15N", "T1");
        e2 = db.episode("E2", "P2", "04", LocalDate.of(2025, 4, 10), LocalDate.of(2025, 5, 31),
                LocalDate.of(2025, 10, 10), "15N", "T1");
        e3 = db.episode("E3", "P2", "05", LocalDate.of(2025, 6, 1), null, LocalDate.of(2025, 12, 1), "14L", "T2");

        for (int day = 0; day < 5; day++) {
            db.bedDay(period, "P1", APRIL.plusDays(day), ward);
        }
        db.bedDay(period, "P2", LocalDate.of(2025, 5, 30), ward);
        db.bedDay(period, "P2", LocalDate.of(2025, 5, 31), ward);
        db.bedDay(period, "P2", LocalDate.of(2025, 6, 1), ward);

        db.contact(period, "C1", "P1", LocalDate.of(2025, 4, 15), cmht1, "Nurse", 60);
        db.contact(period, "C2", "P2", LocalDate.of(2025, 4, 20), cmht1, "Psychologist", 90);
        db.contact(period, "C3", "P3", LocalDate.of(2025, 5, 2), cmht1, "Nurse", 30);
        db.contact(period, "C4", "P2", LocalDate.of(2025, 6, 10), cmht1, "Nurse", 60);
        db.session(period, "G1", LocalDate.of(2025, 5, 15), cmht1, "Nurse", 120, "P1", "P2", "P3");
    }

    @AfterEach
    void rollback() throws SQLException {
        db.rollbackAndClose();
    }

    @Test
    void costsTheTrustAsWorkedByHand() throws SQLException {
        CostingMethodV1.Result result = db.run(period, true);

        // Support 100,000p over direct costs 600,000 / 400,000 / 50,000p (of 1,050,000): exact shares
        // 57,142 6/7, 38,095 5/21 and 4,761 19/21p; floors 99,998p; the 2 pennies left go to the largest
        // remainders, CMHT2 (19/21) and WARD1 (6/7).
        Map<String, Map<String, Object>> centres = byCode(db.rows("select * from run_centre where run_id = ?",
                result.runId()));
        assertThat(money(centres.get("WARD1"), "apportioned")).isEqualByComparingTo("571.43");
        assertThat(money(centres.get("CMHT1"), "apportioned")).isEqualByComparingTo("380.95");
        assertThat(money(centres.get("CMHT2"), "apportioned")).isEqualByComparingTo("47.62");
        assertThat(money(centres.get("SUP1"), "apportioned")).isEqualByComparingTo("-1000.00");
        assertThat(money(centres.get("WARD1"), "total")).isEqualByComparingTo("6571.43");
        assertThat(money(centres.get("CMHT1"), "total")).isEqualByComparingTo("4380.95");
        assertThat(result.apportionmentResidual()).isEqualByComparingTo("0.00");
        // CMHT2 has cost and no activity: 500.00 + 47.62 unallocated.
        assertThat(money(centres.get("CMHT2"), "unallocated")).isEqualByComparingTo("547.62");
        assertThat(centres.get("CMHT2").get("unallocated_reason")).isEqualTo("NO_ACTIVITY");

        // Exact, in pennies. WARD1 costs 600,000 + 400,000/7 = 4,600,000/7 over 8 bed days, 575,000/7 a
        // night: E1 5 nights 410,714 2/7; E2 2 nights 164,285 5/7; E3 1 night 82,142 6/7.
        // CMHT1 costs 400,000 + 800,000/21 = 9,200,000/21 over 360 minutes (the session's 120 are 40 each
        // for P1, P2, P3), 230,000/189 a minute: E1 100 min 121,693.12; E2 130 min 158,201.06; E3 60 min
        // 73,015.87; P3 (no episode) 70 min 85,185.19. CMHT2 unallocated: 1,150,000/21 = 54,761.90.
        // Level 1, the ledger's 1,150,000p into 04/05/11 x admitted/non-admitted, not clustered and
        // unallocated: the floors add up to 1,149,996p and the 4 pennies go to the largest remainders:
        // unallocated (.905), 05 non-admitted (.873), 05 admitted (.857), 04 admitted (.714); the next is
        // 11 admitted (.286), so no tie and no residual. Level 2: one episode per code, so each takes
        // its code's figure.
        Map<Long, Map<String, Object>> episodes = new java.util.HashMap<>();
        for (Map<String, Object> row : db.rows("select * from run_episode where run_id = ?", result.runId())) {
            episodes.put((Long) row.get("episode_id"), row);
        }
        assertEpisode(episodes.get(e1), "11", 91, 5, "4107.14", "1216.93");
        assertEpisode(episodes.get(e2), "04", 52, 2, "1642.86", "1582.01");
        assertEpisode(episodes.get(e3), "05", 30, 1, "821.43", "730.16");
        Map<String, Map<String, Object>> codes = byCode(db.rows("select * from run_code where run_id = ?",
                result.runId()));
        assertThat(money(codes.get("05"), "admitted_cost")).isEqualByComparingTo("821.43");
        assertThat(money(codes.get("05"), "non_admitted_cost")).isEqualByComparingTo("730.16");
        assertThat(money(codes.get("11"), "admitted_residual")).isEqualByComparingTo("0.00");

        // The breakdowns keep each exact share to 20 decimal places of a pound: code 04's psychologist
        // (E2's 90 minutes x 230,000/189p = 109,523 17/21p); not clustered, P3's 70 nurse minutes =
        // 85,185 5/27p.
        List<Map<String, Object>> psychologist = db.rows("select cost, minutes from run_breakdown where run_id = ?"
                + " and code = '04' and staff_group = 'Psychologist'", result.runId());
        assertThat((BigDecimal) psychologist.get(0).get("cost")).isEqualByComparingTo("1095.23809523809523809524");
        List<Map<String, Object>> notClustered = db.rows("select staff_group, cost, minutes from run_breakdown"
                + " where run_id = ? and code is null", result.runId());
        assertThat(notClustered).hasSize(1);
        assertThat(notClustered.get(0).get("staff_group")).isEqualTo("Nurse");
        assertThat((BigDecimal) notClustered.get(0).get("cost")).isEqualByComparingTo("851.85185185185185185185");
        assertThat((BigDecimal) notClustered.get(0).get("minutes")).isEqualByComparingTo("70");
        assertThat(centres.get("CMHT1").get("not_clustered_people")).isEqualTo(1L);

        // Ward 6,571.43 + community 3,529.10 allocated; 851.85 not clustered; 547.62 unallocated.
        assertThat(result.ledgerTotal()).isEqualByComparingTo("11500.00");
        assertThat(result.costedTotal()).isEqualByComparingTo("11500.00");
        assertThat(result.allocated()).isEqualByComparingTo("10100.53");
        assertThat(result.notClustered()).isEqualByComparingTo("851.85");
        assertThat(result.unallocated()).isEqualByComparingTo("547.62");
        assertThat(result.roundingResidual()).isEqualByComparingTo("0.00");
        assertThat(result.episodes()).isEqualTo(3);
        assertThat(result.activityRows()).isEqualTo(8 + 4 + 3);
    }

    @Test
    void an_in_year_run_costs_activity_and_counts_cluster_days_up_to_its_as_of_date() throws SQLException {
        CostingMethodV1.Result result = db.run(period, true, LocalDate.of(2025, 5, 31));

        // Up to 31 May: WARD1's 7 nights (E1 5, E2 2; E3's 1 June night is later), CMHT1's 300 minutes
        // (E1 100, E2 130, P3 70; C4 on 10 June is later). Exact: WARD1 4,600,000/7p over 7 nights, E1
        // 469,387.755p, E2 187,755.102p; CMHT1 9,200,000/21p over 300 minutes, E1 146,031.746p, E2
        // 189,841.270p, P3 102,222.222p; CMHT2 54,761.905p unallocated. Floors 1,149,997p; the 3 pennies
        // to unallocated (.905), 11 admitted (.755), 11 non-admitted (.746).
        Map<Long, Map<String, Object>> episodes = new java.util.HashMap<>();
        for (Map<String, Object> row : db.rows("select * from run_episode where run_id = ?", result.runId())) {
            episodes.put((Long) row.get("episode_id"), row);
        }
        assertThat(episodes).doesNotContainKey(e3);
        // E1: 1 April to 31 May, 61 days; E2: 10 April to 31 May, 52.
        assertEpisode(episodes.get(e1), "11", 61, 5, "4693.88", "1460.32");
        assertEpisode(episodes.get(e2), "04", 52, 2, "1877.55", "1898.41");
        assertThat(result.notClustered()).isEqualByComparingTo("1022.22");
        assertThat(result.unallocated()).isEqualByComparingTo("547.62");
        assertThat(result.activityRows()).isEqualTo(7 + 3 + 3);
        assertThat(db.rows("select as_of from costing_run where id = ?", result.runId()).get(0).get("as_of"))
                .isEqualTo(java.sql.Date.valueOf("2025-05-31"));
    }

    @Test
    void by_default_a_run_counts_to_the_latest_activity_date_loaded() throws SQLException {
        // The latest activity is C4 on 10 June, before the period's end on 30 June.
        assertThat(CostingMethodV1.latestActivity(db.connection(), period)).isEqualTo(LocalDate.of(2025, 6, 10));
        CostingMethodV1.Result result = db.run(period, true, null);
        // E1 runs on from 1 April to 10 June: 71 days, not the 91 to the period's end.
        assertThat(db.rows("select cluster_days from run_episode where run_id = ? and episode_id = ?", result.runId(), e1)
                .get(0).get("cluster_days")).isEqualTo(71);
    }

    @Test
    void a_100_pound_ward_with_three_people_one_night_each_two_clustered_gives_33_33_each_and_a_penny_left()
            throws SQLException {
        CostingDb ward = CostingDb.open("RW2");
        try {
            List<Long> ab = new java.util.ArrayList<>();
            CostingMethodV1.Result result = threePeopleOneNight(ward, "11", ab);
            long a = ab.get(0);
            long b = ab.get(1);

            // Level 1: code 11 admitted 6,666 2/3p, not clustered 3,333 1/3p; floors 9,999p, the penny to
            // the larger remainder: 66.67 and 33.33. Level 2: 6,667p over two episodes of 3,333 1/3p;
            // floors 6,666p, and the last penny would need a tie-break: 33.33 each, 0.01 shown.
            assertThat(result.notClustered()).isEqualByComparingTo("33.33");
            assertThat(result.allocated()).isEqualByComparingTo("66.67");
            assertThat(result.roundingResidual()).isEqualByComparingTo("0.00");
            for (long episode : List.of(a, b)) {
                assertThat(money(ward.rows("select admitted_cost from run_episode where run_id = ? and episode_id = ?",
                        result.runId(), episode).get(0), "admitted_cost")).isEqualByComparingTo("33.33");
            }
            Map<String, Object> code = ward.rows("select * from run_code where run_id = ?", result.runId()).get(0);
            assertThat(money(code, "admitted_cost")).isEqualByComparingTo("66.67");
            assertThat(money(code, "admitted_residual")).isEqualByComparingTo("0.01");
        } finally {
            ward.rollbackAndClose();
        }
    }

    @Test
    void three_equal_claims_on_the_ledger_leave_the_penny_at_the_top() throws SQLException {
        CostingDb ward = CostingDb.open("RW3");
        try {
            CostingMethodV1.Result result = threePeopleOneNight(ward, "12", new java.util.ArrayList<>());

            // 11, 12 and not clustered each claim 3,333 1/3p: floors 9,999p, and the last penny would
            // favour one of three equal claims, so it stays as the run's residual.
            assertThat(result.notClustered()).isEqualByComparingTo("33.33");
            assertThat(result.allocated()).isEqualByComparingTo("66.66");
            assertThat(result.roundingResidual()).isEqualByComparingTo("0.01");
            assertThat(ward.rows("select code from run_code where run_id = ? and admitted_cost = 33.33",
                    result.runId())).hasSize(2);
        } finally {
            ward.rollbackAndClose();
        }
    }

    @Test
    void excludingSocialCareRemovesItsLinesAndShiftsOverhead() throws SQLException {
        CostingMethodV1.Result result = db.run(period, false);

        // Direct costs 6,000 / 3,000 / 500 (of 9,500): 631.578.., 315.789.., 52.631..; in pennies the
        // floors leave 2 over, to CMHT1 (remainder .947) and WARD1 (.894); CMHT2's is .157.
        Map<String, Map<String, Object>> centres = byCode(db.rows("select * from run_centre where run_id = ?",
                result.runId()));
        assertThat(money(centres.get("WARD1"), "apportioned")).isEqualByComparingTo("631.58");
        assertThat(money(centres.get("CMHT1"), "apportioned")).isEqualByComparingTo("315.79");
        assertThat(money(centres.get("CMHT2"), "apportioned")).isEqualByComparingTo("52.63");
        assertThat(money(centres.get("CMHT1"), "social_care")).isEqualByComparingTo("1000.00");
        assertThat(result.ledgerTotal()).isEqualByComparingTo("11500.00");
        assertThat(result.socialCareTotal()).isEqualByComparingTo("1000.00");
        assertThat(result.costedTotal()).isEqualByComparingTo("10500.00");
        assertThat(result.unallocated()).isEqualByComparingTo("552.63");
        assertThat(result.allocated().add(result.notClustered()).add(result.unallocated())
                .add(result.roundingResidual())).isEqualByComparingTo("10500.00");
    }

    @Test
    void theSameInputsGiveTheSameFingerprintAndFigures() throws SQLException {
        CostingMethodV1.Result first = db.run(period, true);
        db.endRunScope();
        CostingMethodV1.Result second = db.run(period, true);
        db.endRunScope();
        CostingMethodV1.Result other = db.run(period, false);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(second.allocated()).isEqualByComparingTo(first.allocated());
        assertThat(db.rows("select cost_centre_id, code, staff_group, cost from run_breakdown where run_id = ?"
                + " order by cost_centre_id, code, staff_group", second.runId()))
                .isEqualTo(db.rows("select cost_centre_id, code, staff_group, cost from run_breakdown where run_id = ?"
                        + " order by cost_centre_id, code, staff_group", first.runId()));
    }

    @Test
    void sessions_of_every_size_from_41_to_60_share_exactly_beyond_a_bigint_weight() throws SQLException {
        CostingDb team = CostingDb.open("RW4");
        try {
            CostingMethodV1.Period day = team.period("D", APRIL, APRIL);
            int cmht = team.centre("CMHT", "COMMUNITY_TEAM");
            team.ledger(day, cmht, "Nursing", "1200.00", false);
            team.episode("A", "P0", "11", APRIL, null, APRIL.plusDays(365), "15N", "T1");
            for (int size = 41; size <= 60; size++) {
                String[] attendees = new String[size];
                for (int a = 0; a < size; a++) {
                    attendees[a] = "P" + a;
                }
                team.session(day, "G" + size, APRIL, cmht, "Nurse", 60, attendees);
            }
            CostingMethodV1.Result result = team.run(day, true);

            // lcm(41..60) x 1,440 minutes does not fit a bigint, so the weights are numeric. 20 sessions
            // of 60 minutes; P0 (the only one clustered) attends all: 60/41 + ... + 60/60 minutes of 1,200.
            // 120,000p x that / 1,200 = 6,000 x (1/41 + ... + 1/60) = 2,407.964..p; not clustered
            // 117,592.036..p. Floors leave a penny, to the larger remainder (.964): 24.08 and 1,175.92.
            assertThat(result.allocated()).isEqualByComparingTo("24.08");
            assertThat(result.notClustered()).isEqualByComparingTo("1175.92");
            assertThat(result.roundingResidual()).isEqualByComparingTo("0.00");
        } finally {
            team.rollbackAndClose();
        }
    }

    /** A £100.00 ward, one night: P1 in cluster 11, P2 in {@code secondCode}, P3 in none. */
    private static CostingMethodV1.Result threePeopleOneNight(CostingDb ward, String secondCode, List<Long> episodes)
            throws SQLException {
        CostingMethodV1.Period night = ward.period("N", APRIL, APRIL);
        int w = ward.centre("W", "INPATIENT_WARD");
        ward.ledger(night, w, "Nursing", "100.00", false);
        episodes.add(ward.episode("A", "P1", "11", APRIL, null, APRIL.plusDays(365), "15N", "T1"));
        episodes.add(ward.episode("B", "P2", secondCode, APRIL, null, APRIL.plusDays(365), "15N", "T1"));
        for (String person : List.of("P1", "P2", "P3")) {
            ward.bedDay(night, person, APRIL, w);
        }
        return ward.run(night, true);
    }

    private static void assertEpisode(Map<String, Object> row, String code, int days, int admittedDays,
            String admitted, String nonAdmitted) {
        assertThat(row.get("code")).isEqualTo(code);
        assertThat(row.get("cluster_days")).isEqualTo(days);
        assertThat(row.get("admitted_days")).isEqualTo(admittedDays);
        assertThat(money(row, "admitted_cost")).isEqualByComparingTo(admitted);
        assertThat(money(row, "non_admitted_cost")).isEqualByComparingTo(nonAdmitted);
    }

    private static BigDecimal money(Map<String, Object> row, String column) {
        return (BigDecimal) row.get(column);
    }

    private static Map<String, Map<String, Object>> byCode(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        rows.forEach(row -> out.put((String) row.get("code"), row));
        return out;
    }
}
