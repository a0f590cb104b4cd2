package org.openpbr.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openpbr.clustering.scheme.SchemeCode;
import org.openpbr.clustering.scheme.SchemeDefinition;
import org.openpbr.synthetic.GridCode;
import org.openpbr.synthetic.SyntheticCosting;
import org.openpbr.synthetic.SyntheticTrust;
import org.openpbr.synthetic.TrustEvent;
import org.openpbr.synthetic.TrustSpec;

/**
 * Writes a synthetic trust-year of costing inputs as the CSV files costing-service loads: the
 * trust's people and cluster episodes (drawn on the shipped care-cluster grid), 35 community
 * teams, 15 wards and 10 support centres (60 cost centres), the ledger, and the activity.
 *
 * <pre>java -cp … org.openpbr.benchmarks.CostingData DIR [patients] [contactsPerWeek]</pre>
 *
 * 50,000 people at 1.0 contacts a week give about 2 million activity rows; 5.0 about 10 million.
 */
public final class CostingData {

    private CostingData() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/costing-data");
        int patients = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        double perWeek = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Files.createDirectories(dir);
        long started = System.nanoTime();
        SchemeDefinition scheme = ProfileFitBenchmark.careClusters();
        List<GridCode> grid = new ArrayList<>();
        Map<String, Period> review = new HashMap<>();
        for (SchemeCode code : scheme.codes()) {
            grid.add(new GridCode(code.code(), code.superClass(), code.maxReviewPeriod(),
                    code.profile().map(p -> List.copyOf(p.words().values())).orElse(List.of())));
            review.put(code.code(), code.maxReviewPeriod());
        }
        List<String> teams = new ArrayList<>();
        for (int t = 1; t <= 35; t++) {
            teams.add(String.format("CMHT-%02d", t));
        }
        LocalDate from = LocalDate.of(2025, 4, 1);
        LocalDate to = LocalDate.of(2026, 3, 31);
        List<TrustEvent> events = SyntheticTrust.generate(new TrustSpec(20250401L, "RX1", List.of("15N", "15N", "14L"),
                teams, patients, from.minusYears(1), to, 0.12, 0.0, 0.25), grid);
        List<SyntheticCosting.Episode> episodes = SyntheticCosting.episodes(events, review, "RX1");
        SyntheticCosting.Counts counts;
        try (Writer centres = open(dir, "centres.csv"); Writer ledger = open(dir, "ledger.csv");
                Writer contacts = open(dir, "contacts.csv"); Writer bedDays = open(dir, "bed-days.csv");
                Writer sessions = open(dir, "group-sessions.csv"); Writer eps = open(dir, "episodes.csv")) {
            counts = SyntheticCosting.write(new SyntheticCosting.Spec(11, from, to, 15, 10, perWeek), episodes,
                    new SyntheticCosting.Files(centres, ledger, contacts, bedDays, sessions, eps));
        }
        System.out.printf("%d people, %d episodes, %d centres, %d ledger lines; activity %d rows"
                + " (%d contacts, %d bed days, %d group sessions) in %s, %.1f s%n", patients, counts.episodes(),
                counts.centres(), counts.ledgerLines(), counts.activityRows(), counts.contacts(), counts.bedDays(),
                counts.groupSessions(), dir, (System.nanoTime() - started) / 1e9);
    }

    private static Writer open(Path dir, String name) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8), 1 << 16);
    }
}
