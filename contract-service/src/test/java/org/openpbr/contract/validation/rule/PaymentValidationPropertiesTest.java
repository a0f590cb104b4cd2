package org.openpbr.contract.validation.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpbr.contract.validation.rule.PaymentValidation.Allocation;
import org.openpbr.contract.validation.rule.PaymentValidation.Episode;
import org.openpbr.contract.validation.rule.PaymentValidation.Status;
import org.openpbr.contract.validation.rule.PaymentValidation.Terms;
import org.openpbr.contract.validation.rule.PaymentValidation.Unit;
import org.openpbr.contract.validation.rule.PaymentValidation.UnitKind;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for any caseload: one verdict per unit, the worst of its reasons; nothing rejected is paid; days are never paid twice. */
class PaymentValidationPropertiesTest {

    private static final LocalDate YEAR = LocalDate.of(2025, 4, 1);
    private static final Map<String, BigDecimal> PRICES = Map.of("11", new BigDecimal("1200.00"), "04",
            new BigDecimal("800.00"));

    @Property(tries = 200)
    void each_unit_has_the_worst_verdict_of_its_reasons_and_nothing_rejected_is_paid(
            @ForAll("caseloads") List<Episode> episodes, @ForAll("kinds") UnitKind kind) {
        Terms terms = new Terms("15N", "RX1", YEAR, kind, Set.of("v2"), null, PRICES, false, 14, Set.of(), false);
        List<Unit> units = PaymentValidation.validate(terms, episodes, allocations(episodes), List.of(), List.of(),
                LocalDate.of(2026, 3, 31));
        Set<String> keys = new HashSet<>();
        for (Unit unit : units) {
            assertThat(keys.add(unit.key())).as("unique key " + unit.key()).isTrue();
            Status worst = Status.PAYABLE;
            for (PaymentValidation.Reason reason : unit.reasons()) {
                worst = reason.rule().outcome.compareTo(worst) > 0 ? reason.rule().outcome : worst;
            }
            assertThat(unit.status()).isEqualTo(worst);
            assertThat(unit.paid()).isEqualTo(unit.status() != Status.REJECTED);
            assertThat(unit.month()).isBetween(1, 12);
            assertThat(unit.quantity().signum()).isPositive();
        }
    }

    @Property(tries = 200)
    void a_day_is_paid_at_most_once_and_only_within_the_year_and_the_review_period(@ForAll("caseloads") List<Episode> episodes) {
        Terms terms = new Terms("15N", "RX1", YEAR, UnitKind.CLUSTER_DAY, Set.of("v2"), null, PRICES, false, 14, Set.of(),
                false);
        List<Unit> units = PaymentValidation.validate(terms, episodes, allocations(episodes), List.of(), List.of(),
                LocalDate.of(2026, 3, 31));
        Map<String, Episode> byId = new HashMap<>();
        episodes.forEach(e -> byId.put(e.id(), e));
        for (Episode e : episodes) {
            LocalDate yearEnd = LocalDate.of(2026, 3, 31);
            LocalDate last = e.end() == null || e.end().isAfter(yearEnd) ? yearEnd : e.end();
            LocalDate first = e.start().isBefore(YEAR) ? YEAR : e.start();
            long inYear = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1);
            BigDecimal counted = units.stream().filter(u -> u.evidence().get("episodeId").equals(e.id()))
                    .map(Unit::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(counted).as(e.id()).isEqualByComparingTo(BigDecimal.valueOf(inYear));
        }
        for (Unit unit : units) {
            Episode e = byId.get(unit.evidence().get("episodeId"));
            boolean late = !LocalDate.parse(unit.evidence().get("to")).isBefore(e.reviewDue());
            assertThat(unit.status() == Status.REJECTED).as(unit.key()).isEqualTo(late);
        }
    }

    private static Map<String, Allocation> allocations(List<Episode> episodes) {
        Map<String, Allocation> allocations = new HashMap<>();
        for (Episode e : episodes) {
            allocations.put(e.allocationId(), new Allocation(e.allocationId(), "S" + e.id(), e.code(), e.code(), true,
                    true, e.start(), "v2", e.start(), e.start()));
        }
        return allocations;
    }

    @Provide
    Arbitrary<UnitKind> kinds() {
        return Arbitraries.of(UnitKind.class);
    }

    @Provide
    Arbitrary<List<Episode>> caseloads() {
        Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(-200, 400),
                Arbitraries.integers().between(0, 300), Arbitraries.integers().between(30, 400),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1))
                .as((start, length, period, person, code) -> new int[] { start, length, period, person, code });
        return one.list().ofMinSize(1).ofMaxSize(8).map(specs -> {
            List<Episode> episodes = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                int[] s = specs.get(i);
                LocalDate start = YEAR.plusDays(s[0]);
                LocalDate end = s[1] == 300 ? null : start.plusDays(s[1]);
                episodes.add(new Episode("E" + i, "P-" + s[3], "L" + s[3], "15N", "T1", s[4] == 0 ? "11" : "04", start,
                        end, start.plusDays(s[2]), "A" + i));
            }
            return episodes;
        });
    }
}
