package org.openpbr.contract.validation.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openpbr.contract.validation.rule.PaymentValidation.Allocation;
import org.openpbr.contract.validation.rule.PaymentValidation.Claim;
import org.openpbr.contract.validation.rule.PaymentValidation.Elsewhere;
import org.openpbr.contract.validation.rule.PaymentValidation.Episode;
import org.openpbr.contract.validation.rule.PaymentValidation.Rule;
import org.openpbr.contract.validation.rule.PaymentValidation.Status;
import org.openpbr.contract.validation.rule.PaymentValidation.Terms;
import org.openpbr.contract.validation.rule.PaymentValidation.Unit;
import org.openpbr.contract.validation.rule.PaymentValidation.UnitKind;

/**
 * A hand-built caseload in which every rule of pv-1 fires at least once, beside clean units. The
 * contract (15N with RX1, 2025-26) pays per cluster episode: 11 at 1,200.00, 04 at 800.00 and 03 at
 * 500.00, for scheme version 2012-illustrative-2; allocations recorded within 14 days.
 */
class PaymentValidationTest {

    private static final LocalDate YEAR = LocalDate.of(2025, 4, 1);
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
    private static final Map<String, BigDecimal> PRICES = Map.of("11", new BigDecimal("1200.00"), "04",
            new BigDecimal("800.00"), "03", new BigDecimal("500.00"));
    private static final String V2 = "2012-illustrative-2";

    private static Terms terms(String provider, boolean hold, UnitKind unit) {
        return new Terms("15N", provider, YEAR, unit, Set.of(V2), null, PRICES, hold, 14, Set.of(), false);
    }

    private static Episode episode(String id, String person, String commissioner, String code, String start, String end,
            String due) {
        return new Episode(id, "P-" + person, "L" + person, commissioner, "T1", code, LocalDate.parse(start),
                end == null ? null : LocalDate.parse(end), LocalDate.parse(due), "A" + id);
    }

    private static Allocation clean(String episode, String code, String assessed, String allocated) {
        return new Allocation("A" + episode, "S" + episode, code, code, true, true, LocalDate.parse(assessed), V2,
                LocalDate.parse(allocated), LocalDate.parse(allocated));
    }

    private static final List<Episode> RX1 = List.of(
            episode("E1", "A", "15N", "11", "2025-05-01", "2025-09-30", "2026-05-01"),
            episode("E2", "B", "15N", "04", "2025-06-10", "2025-08-01", "2025-12-10"),
            episode("E3", "C", "15N", "04", "2025-04-01", null, "2025-10-01"),
            episode("E4", "D", "15N", "11", "2025-07-01", "2025-08-31", "2026-07-01"),
            episode("E5", "E", "15N", "00", "2025-08-01", "2025-09-30", "2026-02-01"),
            episode("E6", "F", "15N", "03", "2025-09-01", "2025-10-31", "2026-03-01"),
            episode("E7", "G", "15N", "11", "2025-10-01", "2025-11-30", "2026-10-01"),
            episode("E8", "H", "15N", "11", "2025-11-01", "2025-12-31", "2026-11-01"),
            episode("E9", "I", "15N", "04", "2025-12-01", "2026-01-31", "2026-06-01"),
            episode("E10", "X", "15M", "11", "2025-05-01", null, "2026-05-01"),
            episode("E11", "Y", "15N", "04", "2025-01-10", "2025-05-31", "2025-07-10"));

    private static final Map<String, Allocation> RX1_ALLOCATIONS = Map.ofEntries(
            Map.entry("AE1", clean("E1", "11", "2025-04-30", "2025-05-01")),
            Map.entry("AE2", clean("E2", "04", "2025-06-09", "2025-06-10")),
            Map.entry("AE3", clean("E3", "04", "2025-04-01", "2025-04-01")),
            Map.entry("AE4", new Allocation("AE4", "SE4", "11", "11", true, false, LocalDate.parse("2025-07-01"), V2,
                    LocalDate.parse("2025-07-01"), LocalDate.parse("2025-07-01"))),
            Map.entry("AE5", clean("E5", "00", "2025-08-01", "2025-08-01")),
            Map.entry("AE6", clean("E6", "03", "2025-08-01", "2025-09-20")),
            Map.entry("AE7", new Allocation("AE7", "SE7", "11", "04", false, true, LocalDate.parse("2025-10-01"), V2,
                    LocalDate.parse("2025-10-01"), LocalDate.parse("2025-10-01"))),
            Map.entry("AE8", new Allocation("AE8", "SE8", "11", "11", true, true, LocalDate.parse("2025-11-01"),
                    "2012-illustrative-1", LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-01"))),
            Map.entry("AE9", clean("E9", "04", "2025-12-01", "2025-12-01")),
            Map.entry("AE10", clean("E10", "11", "2025-05-01", "2025-05-01")),
            Map.entry("AE11", clean("E11", "04", "2025-01-10", "2025-01-10")));

    /** NZ1 has person I from 15 January to 28 February 2026: the same days as RX1's E9. */
    private static final List<Elsewhere> ELSEWHERE = List.of(new Elsewhere("NZ1", "P-I", LocalDate.parse("2026-01-15"),
            LocalDate.parse("2026-02-28")));

    private static Map<String, Unit> byKey(List<Unit> units) {
        return units.stream().collect(Collectors.toMap(Unit::key, Function.identity()));
    }

    private static Set<Rule> rules(Unit unit) {
        return unit.reasons().stream().map(PaymentValidation.Reason::rule).collect(Collectors.toSet());
    }

    @Test
    void every_episode_rule_fires_beside_clean_units_and_queried_units_are_paid_and_flagged() {
        Map<String, Unit> units = byKey(PaymentValidation.validate(terms("RX1", false, UnitKind.CLUSTER_EPISODE), RX1,
                RX1_ALLOCATIONS, List.of(), ELSEWHERE, AS_OF));
        // E1-E9 give one unit each, E3 a second (its overdue period from 1 October); E10 is another
        // commissioner's, E11's only period began before the year.
        assertThat(units.keySet()).containsExactlyInAnyOrder("E1", "E2", "E3", "E3/overdue/2025-10-01", "E4", "E5", "E6",
                "E7", "E8", "E9");
        assertThat(units.get("E1").status()).isEqualTo(Status.PAYABLE);
        assertThat(units.get("E1").month()).isEqualTo(2);
        assertThat(units.get("E2").status()).isEqualTo(Status.PAYABLE);
        assertThat(units.get("E3").status()).isEqualTo(Status.PAYABLE);
        assertThat(units.get("E3").month()).isEqualTo(1);
        assertThat(rules(units.get("E3/overdue/2025-10-01"))).containsExactly(Rule.PV04);
        assertThat(units.get("E3/overdue/2025-10-01").status()).isEqualTo(Status.REJECTED);
        assertThat(units.get("E3/overdue/2025-10-01").month()).isEqualTo(7);
        assertThat(rules(units.get("E4"))).containsExactly(Rule.PV06);
        assertThat(rules(units.get("E5"))).containsExactly(Rule.PV07);
        assertThat(units.get("E5").status()).isEqualTo(Status.REJECTED);
        assertThat(rules(units.get("E6"))).containsExactly(Rule.PV09);
        assertThat(units.get("E6").reasons().get(0).detail()).contains("allocated 50 days");
        assertThat(rules(units.get("E7"))).containsExactly(Rule.PV10);
        assertThat(units.get("E7").evidence()).containsEntry("suggestedCode", "04").containsEntry("chosenCode", "11")
                .containsEntry("allocationId", "AE7").containsEntry("assessmentId", "SE7");
        assertThat(rules(units.get("E8"))).containsExactly(Rule.PV02);
        assertThat(rules(units.get("E9"))).containsExactly(Rule.PV05);
        assertThat(units.get("E9").evidence()).containsEntry("otherProvider", "NZ1");
        for (String queried : List.of("E4", "E6", "E7", "E9")) {
            assertThat(units.get(queried).status()).as(queried).isEqualTo(Status.QUERIED);
            assertThat(units.get(queried).paid()).as(queried).isTrue();
        }
        // Paid: E1 1,200 + E2 800 + E3 800 + E4 1,200 + E6 500 + E7 1,200 + E9 800 = 6,500.00.
        assertThat(paid(units.values())).isEqualByComparingTo("6500.00");
    }

    @Test
    void held_queries_are_not_paid_but_a_red_rule_query_alone_is() {
        Map<String, Unit> units = byKey(PaymentValidation.validate(terms("RX1", true, UnitKind.CLUSTER_EPISODE), RX1,
                RX1_ALLOCATIONS, List.of(), ELSEWHERE, AS_OF));
        assertThat(units.get("E4").paid()).isTrue();
        assertThat(units.get("E6").paid()).isFalse();
        assertThat(units.get("E7").paid()).isFalse();
        assertThat(units.get("E9").paid()).isFalse();
        // E1 1,200 + E2 800 + E3 800 + E4 1,200 = 4,000.00.
        assertThat(paid(units.values())).isEqualByComparingTo("4000.00");
    }

    @Test
    void concurrent_care_allowed_with_a_provider_is_not_queried() {
        Terms allowed = new Terms("15N", "RX1", YEAR, UnitKind.CLUSTER_EPISODE, Set.of(V2), null, PRICES, false, 14,
                Set.of("NZ1"), false);
        Map<String, Unit> units = byKey(PaymentValidation.validate(allowed, RX1, RX1_ALLOCATIONS, List.of(), ELSEWHERE, AS_OF));
        assertThat(units.get("E9").status()).isEqualTo(Status.PAYABLE);
    }

    @Test
    void claims_are_matched_against_the_providers_episodes() {
        List<Episode> nz1 = List.of(episode("N1", "J", "15N", "04", "2025-05-01", "2025-06-30", "2025-11-01"),
                episode("N2", "K", "15M", "04", "2025-06-01", "2025-07-31", "2025-12-01"));
        Map<String, Allocation> allocations = Map.of("AN1", clean("N1", "04", "2025-05-01", "2025-05-01"), "AN2",
                clean("N2", "04", "2025-06-01", "2025-06-01"));
        List<Claim> claims = List.of(
                new Claim(2, "LJ", "04", LocalDate.parse("2025-05-01"), LocalDate.parse("2025-06-30")),
                new Claim(3, "LJ", "04", LocalDate.parse("2025-05-01"), LocalDate.parse("2025-06-30")),
                new Claim(4, "LK", "04", LocalDate.parse("2025-06-01"), LocalDate.parse("2025-07-31")),
                new Claim(5, "LX", "04", LocalDate.parse("2025-08-01"), LocalDate.parse("2025-08-31")),
                new Claim(6, "LJ", "04", LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31")));
        Map<String, Unit> units = byKey(PaymentValidation.validate(terms("NZ1", false, UnitKind.CLUSTER_EPISODE), nz1,
                allocations, claims, List.of(), AS_OF));
        assertThat(units.get("claim/2").status()).isEqualTo(Status.PAYABLE);
        assertThat(units.get("claim/2").evidence()).containsEntry("episodeId", "N1");
        assertThat(rules(units.get("claim/3"))).containsExactly(Rule.PV08);
        assertThat(rules(units.get("claim/4"))).containsExactly(Rule.PV03);
        assertThat(rules(units.get("claim/5"))).containsExactly(Rule.PV01);
        assertThat(rules(units.get("claim/6"))).contains(Rule.PV02, Rule.PV01);
        assertThat(units.values().stream().filter(u -> u.status() == Status.REJECTED)).hasSize(4);
        assertThat(paid(units.values())).isEqualByComparingTo("800.00");
        // Another commissioner's spell is named by nothing but the claim: no episode, allocation or commissioner.
        assertThat(units.get("claim/4").evidence()).doesNotContainKeys("episodeId", "allocationId", "assessmentId");
        assertThat(units.get("claim/4").reasons().get(0).detail()).doesNotContain("15M");
    }

    @Test
    void a_claim_matches_the_episode_of_the_contract_s_commissioner_when_the_person_has_two() {
        // K has an episode of 04 for 15M and one for 15N over the same dates: the claim to 15N is 15N's.
        List<Episode> nz1 = List.of(episode("N2", "K", "15M", "04", "2025-06-01", "2025-07-31", "2025-12-01"),
                episode("N3", "K", "15N", "04", "2025-06-01", "2025-07-31", "2025-12-01"));
        Map<String, Allocation> allocations = Map.of("AN2", clean("N2", "04", "2025-06-01", "2025-06-01"), "AN3",
                clean("N3", "04", "2025-06-01", "2025-06-01"));
        List<Claim> claims = List.of(new Claim("m3", 7, "LK", "04", LocalDate.parse("2025-06-01"), LocalDate.parse("2025-07-31")));
        Map<String, Unit> units = byKey(PaymentValidation.validate(terms("NZ1", false, UnitKind.CLUSTER_EPISODE), nz1,
                allocations, claims, List.of(), AS_OF));
        assertThat(units.get("claim/m3/7").status()).isEqualTo(Status.PAYABLE);
        assertThat(units.get("claim/m3/7").evidence()).containsEntry("episodeId", "N3").containsEntry("claimFile", "m3");
    }

    @Test
    void cluster_days_are_counted_per_month_and_days_after_the_review_date_are_rejected() {
        // E3: 04 from 1 April 2025, open, review due 1 October: April-September payable, October on rejected.
        Map<String, Unit> units = byKey(PaymentValidation.validate(terms("RX1", false, UnitKind.CLUSTER_DAY),
                List.of(RX1.get(2)), RX1_ALLOCATIONS, List.of(), List.of(), LocalDate.parse("2025-10-15")));
        assertThat(units.get("E3/1").quantity()).isEqualByComparingTo("30");
        assertThat(units.get("E3/6").quantity()).isEqualByComparingTo("30");
        assertThat(units.get("E3/6").status()).isEqualTo(Status.PAYABLE);
        assertThat(units.get("E3/7/overdue").quantity()).isEqualByComparingTo("15");
        assertThat(units.get("E3/7/overdue").status()).isEqualTo(Status.REJECTED);
        assertThat(units).doesNotContainKey("E3/7");
        // 183 days from 1 April to 30 September are payable.
        assertThat(units.values().stream().filter(Unit::paid).map(Unit::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("183");
    }

    @Test
    void a_person_month_is_the_code_held_last_in_the_month() {
        List<Episode> person = List.of(episode("P1", "Z", "15N", "04", "2025-04-10", "2025-05-14", "2025-10-10"),
                episode("P2", "Z", "15N", "11", "2025-05-15", null, "2026-05-15"));
        Map<String, Allocation> allocations = Map.of("AP1", clean("P1", "04", "2025-04-10", "2025-04-10"), "AP2",
                clean("P2", "11", "2025-05-15", "2025-05-15"));
        List<Unit> units = PaymentValidation.validate(terms("RX1", false, UnitKind.PERSON_MONTH), person, allocations,
                List.of(), List.of(), LocalDate.parse("2025-06-30"));
        assertThat(units).extracting(Unit::key).containsExactly("person/P-Z/1", "person/P-Z/2", "person/P-Z/3");
        assertThat(units).extracting(Unit::code).containsExactly("04", "11", "11");
    }

    private static BigDecimal paid(java.util.Collection<Unit> units) {
        return units.stream().filter(Unit::paid).map(u -> PRICES.get(u.code()).multiply(u.quantity()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
