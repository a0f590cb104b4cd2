package org.openpbr.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SyntheticCostingTest {

    private static final LocalDate FROM = LocalDate.of(2025, 4, 1);
    private static final LocalDate TO = LocalDate.of(2026, 3, 31);
    private static final SyntheticCosting.Spec SPEC = new SyntheticCosting.Spec(3, FROM, TO, 3, 2, 1.0);

    private record Generated(SyntheticCosting.Counts counts, Map<String, String> files,
            List<SyntheticCosting.Episode> episodes) {
    }

    private static Generated generate() {
        List<TrustEvent> events = SyntheticTrust.generate(new TrustSpec(7, "RX1", List.of("15N", "14L"),
                List.of("T1", "T2"), 300, LocalDate.of(2024, 4, 1), TO, 0.2, 0.1, 0.25), SyntheticTrustTest.GRID);
        List<SyntheticCosting.Episode> episodes = SyntheticCosting.episodes(events,
                Map.of("A", Period.ofDays(84), "B", Period.ofMonths(6)), "RX1");
        StringWriter[] w = new StringWriter[6];
        for (int i = 0; i < w.length; i++) {
            w[i] = new StringWriter();
        }
        SyntheticCosting.Counts counts = SyntheticCosting.write(SPEC, episodes,
                new SyntheticCosting.Files(w[0], w[1], w[2], w[3], w[4], w[5]));
        Map<String, String> files = new HashMap<>();
        String[] names = { "centres", "ledger", "contacts", "bedDays", "groupSessions", "episodes" };
        for (int i = 0; i < names.length; i++) {
            files.put(names[i], w[i].toString());
        }
        return new Generated(counts, files, episodes);
    }

    private static List<String[]> rows(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void episodes_of_a_person_never_overlap_and_carry_the_review_period() {
        List<SyntheticCosting.Episode> episodes = generate().episodes();
        assertThat(episodes).isNotEmpty();
        for (int i = 1; i < episodes.size(); i++) {
            SyntheticCosting.Episode before = episodes.get(i - 1);
            SyntheticCosting.Episode after = episodes.get(i);
            if (before.localId().equals(after.localId())) {
                assertThat(before.end()).as(before.ref()).isNotNull().isBefore(after.start());
            }
        }
        assertThat(episodes).allSatisfy(e -> {
            assertThat(e.end() == null || !e.end().isBefore(e.start())).isTrue();
            assertThat(e.reviewDue()).isEqualTo(e.start().plus(e.code().equals("A") ? Period.ofDays(84) : Period.ofMonths(6)));
        });
    }

    @Test
    void activity_is_consistent_with_the_centres_the_period_and_the_episodes() {
        Generated g = generate();
        Map<String, String> types = new HashMap<>();
        rows(g.files().get("centres")).forEach(r -> types.put(r[0], r[2]));
        assertThat(g.counts().centres()).isEqualTo(types.size()).isEqualTo(2 + 3 + 2);

        Map<String, List<SyntheticCosting.Episode>> byPerson = new HashMap<>();
        g.episodes().forEach(e -> byPerson.computeIfAbsent(e.localId(), k -> new java.util.ArrayList<>()).add(e));
        Set<String> ids = new HashSet<>();
        int covered = 0;
        List<String[]> contacts = rows(g.files().get("contacts"));
        for (String[] c : contacts) {
            assertThat(ids.add(c[0])).as("contact ids are unique").isTrue();
            LocalDate day = LocalDate.parse(c[2]);
            assertThat(day).isBetween(FROM, TO);
            assertThat(types.get(c[3])).isEqualTo("COMMUNITY_TEAM");
            assertThat(Integer.parseInt(c[5])).isBetween(1, 1440);
            if (byPerson.getOrDefault(c[1], List.of()).stream().anyMatch(e -> !day.isBefore(e.start())
                    && (e.end() == null || !day.isAfter(e.end())))) {
                covered++;
            }
        }
        assertThat(contacts).hasSize((int) g.counts().contacts());
        // Most contacts fall in an episode; the assessment contacts before a first episode do not.
        assertThat(covered).isGreaterThan(contacts.size() * 8 / 10).isLessThan(contacts.size());

        Set<String> nights = new HashSet<>();
        for (String[] b : rows(g.files().get("bedDays"))) {
            assertThat(nights.add(b[0] + "|" + b[1])).as("one bed a night").isTrue();
            assertThat(LocalDate.parse(b[1])).isBetween(FROM, TO);
            assertThat(types.get(b[2])).isEqualTo("INPATIENT_WARD");
        }
        assertThat(nights).hasSize((int) g.counts().bedDays());
        for (String[] s : rows(g.files().get("groupSessions"))) {
            String[] attendees = s[5].split(";");
            assertThat(attendees.length).isBetween(1, 60);
            assertThat(new HashSet<>(List.of(attendees))).hasSize(attendees.length);
            assertThat(types.get(s[2])).isEqualTo("COMMUNITY_TEAM");
        }
        assertThat(g.counts().groupSessions()).isPositive();
    }

    @Test
    void the_ledger_covers_every_centre_flags_social_work_and_has_credits() {
        Generated g = generate();
        List<String[]> ledger = rows(g.files().get("ledger"));
        Set<String> centres = new HashSet<>();
        boolean social = false;
        boolean credit = false;
        for (String[] l : ledger) {
            centres.add(l[0]);
            BigDecimal amount = new BigDecimal(l[2]);
            assertThat(amount.scale()).isLessThanOrEqualTo(2);
            social |= l[3].equals("Y") && l[1].startsWith("Social worker");
            credit |= amount.signum() < 0;
        }
        assertThat(centres).hasSize((int) g.counts().centres());
        assertThat(social).isTrue();
        assertThat(credit).isTrue();
        assertThat(ledger).hasSize((int) g.counts().ledgerLines());
        // The same inputs give the same files.
        assertThat(generate().files()).isEqualTo(g.files());
    }
}
