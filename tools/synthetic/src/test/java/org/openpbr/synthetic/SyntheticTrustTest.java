package org.openpbr.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SyntheticTrustTest {

    // Two graded codes written by hand and a variance code: A must rate scale 1 at 3-4, B must rate it 0.
    static final List<GridCode> GRID = List.of(
            new GridCode("00", "Variance", Period.ofMonths(6), List.of()),
            new GridCode("A", "Group", Period.ofDays(84), words("UUUMM", "EYYUU")),
            new GridCode("B", "Group", Period.ofMonths(6), words("MUUUU", "UEEYU")));

    static List<String> words(String scale1, String others) {
        List<String> words = new java.util.ArrayList<>();
        words.add(scale1);
        for (int i = 1; i < 18; i++) {
            words.add(others);
        }
        return words;
    }

    static final TrustSpec SPEC = new TrustSpec(7, "RX1", List.of("15N"), List.of("T1", "T2"), 400,
            LocalDate.of(2024, 4, 1), LocalDate.of(2026, 3, 31), 0.2, 0.1, 0.25);

    @Test
    void the_same_spec_gives_the_same_trust() {
        List<TrustEvent> first = SyntheticTrust.generate(SPEC, GRID);
        List<TrustEvent> second = SyntheticTrust.generate(SPEC, GRID);
        assertThat(first).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).toString().replaceAll("\\[I@[0-9a-f]+", ""))
                    .isEqualTo(second.get(i).toString().replaceAll("\\[I@[0-9a-f]+", ""));
            if (first.get(i) instanceof TrustEvent.Assessed a) {
                assertThat(a.ratings()).isEqualTo(((TrustEvent.Assessed) second.get(i)).ratings());
            }
        }
        assertThat(SyntheticTrust.generate(new TrustSpec(8, "RX1", List.of("15N"), List.of("T1"), 400, SPEC.from(),
                SPEC.to(), 0.2, 0.1, 0.25), GRID).toString()).isNotEqualTo(first.toString());
    }

    @Test
    void ratings_follow_the_intended_codes_red_rules_and_dates_stay_in_range_and_in_order() {
        List<TrustEvent> events = SyntheticTrust.generate(SPEC, GRID);
        LocalDate previous = LocalDate.MIN;
        for (TrustEvent event : events) {
            assertThat(event.date()).isBetween(SPEC.from(), SPEC.to()).isAfterOrEqualTo(previous);
            previous = event.date();
            if (event instanceof TrustEvent.Assessed a) {
                int scale1 = a.ratings()[0];
                assertThat(a.intendedCode().equals("A") ? scale1 >= 3 : scale1 == 0).isTrue();
                assertThat(java.util.Arrays.stream(a.ratings())).allMatch(r -> (r >= 0 && r <= 4) || r == 9);
                assertThat(a.item8Type() != null).isEqualTo(a.ratings()[7] >= 1 && a.ratings()[7] <= 4);
            }
        }
    }

    @Test
    void the_trust_has_the_asked_for_people_overrides_second_raters_and_discharges() {
        List<TrustEvent> events = SyntheticTrust.generate(SPEC, GRID);
        List<TrustEvent.PatientRegistered> people = events.stream()
                .filter(TrustEvent.PatientRegistered.class::isInstance).map(TrustEvent.PatientRegistered.class::cast)
                .toList();
        assertThat(people).hasSize(400);
        Set<String> numbers = new HashSet<>();
        for (TrustEvent.PatientRegistered person : people) {
            assertThat(numbers.add(person.nhsNumber())).isTrue();
            assertThat(modulus11(person.nhsNumber())).isTrue();
        }
        List<TrustEvent.Assessed> allocated = events.stream().filter(TrustEvent.Assessed.class::isInstance)
                .map(TrustEvent.Assessed.class::cast).filter(a -> a.allocation() != TrustEvent.Allocation.NONE).toList();
        long overrides = allocated.stream().filter(a -> a.allocation() == TrustEvent.Allocation.OVERRIDE).count();
        assertThat((double) overrides / allocated.size()).isBetween(0.15, 0.25);
        long seconds = events.stream().filter(e -> e instanceof TrustEvent.Assessed a && a.reason().equals("OTHER"))
                .count();
        assertThat(seconds).isBetween(20L, 60L);
        assertThat(events).anyMatch(e -> e instanceof TrustEvent.Assessed a && a.reason().equals("DISCHARGE"));
    }

    /** The modulus 11 rule, written out here independently of the generator. */
    static boolean modulus11(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += Character.getNumericValue(digits.charAt(i)) * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return check != 10 && check == Character.getNumericValue(digits.charAt(9));
    }
}
