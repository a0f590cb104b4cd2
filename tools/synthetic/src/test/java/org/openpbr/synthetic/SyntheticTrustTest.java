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

    /** The care-cluster codes with their super-classes and review periods, each with one plain profile. */
    static List<GridCode> careClusters() {
        List<GridCode> grid = new java.util.ArrayList<>();
        grid.add(new GridCode("00", "Variance", Period.ofMonths(6), List.of()));
        for (String code : List.of("01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12", "13", "14", "15",
                "16", "17", "18", "19", "20", "21")) {
            int n = Integer.parseInt(code);
            String superClass = n <= 8 ? "Non-psychotic" : n <= 17 ? "Psychosis" : "Organic";
            Period review = switch (code) {
                case "01" -> Period.ofDays(84);
                case "02" -> Period.ofDays(105);
                case "14", "15" -> Period.ofDays(28);
                case "07", "08", "10", "11", "12", "13", "18" -> Period.ofMonths(12);
                default -> Period.ofMonths(6);
            };
            grid.add(new GridCode(code, superClass, review, words("EYYUU", "EYYUU")));
        }
        return grid;
    }

    @Test
    void the_demo_caseload_is_mostly_common_problems_and_psychosis_with_few_variance_and_crisis_episodes() {
        TrustSpec demo = TrustSpec.demo(3000, LocalDate.of(2026, 12, 1));
        List<TrustEvent> events = SyntheticTrust.generate(demo, careClusters());
        java.util.Map<String, Integer> firstCodes = new java.util.TreeMap<>();
        int people = 0;
        for (TrustEvent event : events) {
            if (event instanceof TrustEvent.Assessed a && a.reason().equals("INITIAL")) {
                people++;
                String code = a.allocation() == TrustEvent.Allocation.OVERRIDE ? a.overrideCode() : a.intendedCode();
                firstCodes.merge(code, 1, Integer::sum);
            }
        }
        assertThat(people).isEqualTo(3000);
        int common = List.of("01", "02", "03", "04", "11", "12", "13").stream().mapToInt(c -> firstCodes.getOrDefault(c, 0)).sum();
        // 1-4 and 11-13 are 62 of every 96 adults and 34 of every 107 older people drawn (a third are 65 or over)
        assertThat(common).as("%s", firstCodes).isGreaterThan(people / 2);
        // 5 % of people are allocated 00 by their clinician at first clustering
        assertThat(firstCodes.get("00")).isBetween(people * 3 / 100, people * 7 / 100);
        assertThat(firstCodes.getOrDefault("14", 0) + firstCodes.getOrDefault("15", 0)).isLessThan(people * 4 / 100);
        String commonest = firstCodes.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(commonest).as("%s", firstCodes).isIn("03", "04", "11");
    }

    @Test
    void codes_are_seen_by_the_teams_they_are_routed_to_and_older_people_by_older_peoples_services() {
        TrustSpec demo = TrustSpec.demo(1000, LocalDate.of(2026, 12, 1));
        // age as first seen: the age band decides the team for the whole care spell
        java.util.Map<String, Boolean> older = new java.util.HashMap<>();
        int routed = 0;
        for (TrustEvent event : SyntheticTrust.generate(demo, careClusters())) {
            if (event instanceof TrustEvent.PatientRegistered p) {
                older.put(p.localId(), java.time.temporal.ChronoUnit.YEARS.between(p.dateOfBirth(), p.date()) >= 65);
            } else if (event instanceof TrustEvent.Assessed a) {
                String team = demo.teamOf().get(a.intendedCode());
                if (team != null) {
                    assertThat(a.team()).as("%s", a).isEqualTo(team);
                    routed++;
                } else {
                    assertThat(a.team()).as("%s", a).isIn(older.get(a.localId()) ? List.of("OPMH")
                            : List.of("CMHT-NORTH", "CMHT-SOUTH"));
                }
            }
        }
        assertThat(routed).isPositive();
    }
}
