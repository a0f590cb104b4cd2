package org.openpbr.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.openpbr.synthetic.TrustEvent.Allocation;
import org.openpbr.synthetic.TrustEvent.Assessed;
import org.openpbr.synthetic.TrustEvent.PatientRegistered;
import org.openpbr.synthetic.TrustEvent.SpellOpened;

/**
 * A seeded, deterministic synthetic mental health trust: people, care spells, initial assessments
 * whose ratings are drawn from a code's profile grid (so the codes follow the grid), scheduled
 * reviews before the review period expires, some re-clustering, discharges, overrides and second
 * raters. Plain Java; the same spec and grid always give the same events.
 */
public final class SyntheticTrust {

    static final String[] ITEM8_TYPES = { "A_PHOBIC", "B_ANXIETY", "C_OBSESSIVE_COMPULSIVE", "D_MENTAL_STRAIN",
            "E_DISSOCIATIVE", "F_SOMATOFORM", "G_EATING", "H_SLEEP", "I_SEXUAL" };
    static final String[] OVERRIDE_REASONS = { "NEEDS_NOT_CAPTURED_BY_RATINGS", "RATINGS_INCOMPLETE", "RECENT_CHANGE" };
    static final String[] SOURCES = { "GP", "GP", "GP", "SELF", "ACUTE_HOSPITAL", "CRIMINAL_JUSTICE", "SOCIAL_CARE" };

    private final TrustSpec spec;
    private final List<GridCode> graded;
    private final Random random;

    private SyntheticTrust(TrustSpec spec, List<GridCode> grid) {
        this.spec = spec;
        this.graded = grid.stream().filter(GridCode::graded).toList();
        if (graded.isEmpty()) {
            throw new IllegalArgumentException("the grid has no graded codes");
        }
        this.random = new Random(spec.seed());
    }

    /** Every event of the trust, in date order (ties in the order they were made). */
    public static List<TrustEvent> generate(TrustSpec spec, List<GridCode> grid) {
        return new SyntheticTrust(spec, grid).events();
    }

    private List<TrustEvent> events() {
        List<TrustEvent> events = new ArrayList<>();
        long days = ChronoUnit.DAYS.between(spec.from(), spec.to());
        for (int p = 0; p < spec.patients(); p++) {
            String localId = spec.providerCode() + "-" + String.format("%06d", p + 1);
            LocalDate birth = spec.to().minusYears(18 + random.nextInt(70)).minusDays(random.nextInt(365));
            LocalDate start = spec.from().plusDays(days <= 0 ? 0 : (long) (random.nextDouble() * days * 0.9));
            events.add(new PatientRegistered(start, localId, nhsNumber(p), birth));
            String spellKey = localId + "/1";
            events.add(new SpellOpened(start, localId, spellKey, pick(spec.commissioners()), pick(List.of(SOURCES))));
            String team = pick(spec.teams());
            GridCode code = drawCode(birth, start);
            LocalDate on = start.plusDays(random.nextInt(10));
            String reason = "INITIAL";
            boolean first = true;
            while (!on.isAfter(spec.to())) {
                events.add(assessment(on, localId, spellKey, reason, code, team, allocation(), 0));
                if (first && random.nextDouble() < spec.secondRaterShare()) {
                    LocalDate again = on.plusDays(1 + random.nextInt(6));
                    if (!again.isAfter(spec.to())) {
                        events.add(assessment(again, localId, spellKey, "OTHER", code, team, Allocation.NONE, 1));
                    }
                }
                first = false;
                // The next review falls due before the review period expires; some are re-clustered.
                long period = ChronoUnit.DAYS.between(on, on.plus(code.reviewPeriod()));
                LocalDate next = on.plusDays(Math.max(7, period - 1 - random.nextInt((int) Math.max(1, period / 4))));
                if (next.isAfter(spec.to())) {
                    break;
                }
                if (random.nextDouble() < spec.dischargeShare()) {
                    events.add(assessment(next, localId, spellKey, "DISCHARGE", code, team, Allocation.NONE, 0));
                    break;
                }
                if (random.nextDouble() < 0.15) {
                    code = neighbour(code);
                }
                on = next;
                reason = "SCHEDULED_REVIEW";
            }
        }
        events.sort(Comparator.comparing(TrustEvent::date));
        return events;
    }

    private Allocation allocation() {
        return random.nextDouble() < spec.overrideShare() ? Allocation.OVERRIDE : Allocation.FOLLOW_SUGGESTION;
    }

    private Assessed assessment(LocalDate on, String localId, String spellKey, String reason, GridCode code, String team,
            Allocation allocation, int raterIndex) {
        int[] ratings = ratings(code);
        String item8 = ratings[7] >= 1 && ratings[7] <= 4 ? ITEM8_TYPES[random.nextInt(ITEM8_TYPES.length)] : null;
        String overrideCode = null;
        String overrideReason = null;
        if (allocation == Allocation.OVERRIDE) {
            overrideCode = neighbour(code).code();
            overrideReason = OVERRIDE_REASONS[random.nextInt(OVERRIDE_REASONS.length)];
        }
        return new Assessed(on, localId, spellKey, reason, ratings, item8, team, rater(team, raterIndex), code.code(),
                allocation,
                overrideCode, overrideReason);
    }

    /** Ratings drawn from the code's grid: inside its red rules, mostly EXPECTED elsewhere, rarely not known. */
    int[] ratings(GridCode code) {
        int[] ratings = new int[18];
        for (int s = 0; s < 18; s++) {
            String word = code.profile().get(s);
            String wanted;
            if (word.indexOf('M') >= 0) {
                wanted = "M";
            } else {
                double roll = random.nextDouble();
                wanted = roll < 0.7 ? "E" : roll < 0.95 ? "Y" : "U";
                if (word.indexOf(wanted.charAt(0)) < 0) {
                    wanted = word.indexOf('E') >= 0 ? "E" : "Y";
                }
                if (s >= 13 && random.nextDouble() < 0.02) {
                    ratings[s] = 9; // historical items are sometimes not known
                    continue;
                }
            }
            List<Integer> options = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                if (word.charAt(r) == wanted.charAt(0)) {
                    options.add(r);
                }
            }
            if (options.isEmpty()) {
                options.add(0);
            }
            ratings[s] = options.get(random.nextInt(options.size()));
        }
        return ratings;
    }

    /** A plausible caseload mix: more common and psychosis codes than crisis ones; organic codes for older people. */
    private GridCode drawCode(LocalDate birth, LocalDate on) {
        int age = (int) ChronoUnit.YEARS.between(birth, on);
        List<GridCode> pool = new ArrayList<>();
        for (GridCode code : graded) {
            boolean organic = code.superClass().toLowerCase().startsWith("organic");
            int weight = organic ? (age >= 65 ? 6 : 0) : code.reviewPeriod().toTotalMonths() == 0 ? 1 : 3;
            for (int w = 0; w < weight; w++) {
                pool.add(code);
            }
        }
        return pool.isEmpty() ? pick(graded) : pick(pool);
    }

    private GridCode neighbour(GridCode code) {
        List<GridCode> same = graded.stream()
                .filter(other -> other.superClass().equals(code.superClass()) && !other.code().equals(code.code()))
                .toList();
        return same.isEmpty() ? code : pick(same);
    }

    private String rater(String team, int which) {
        return team + "-R" + ((Math.abs(team.hashCode()) + which) % 7 + 1);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A valid NHS number unique to the person (the 9-digit stem comes from the seed and index). */
    String nhsNumber(int person) {
        for (long candidate = (Math.abs(spec.seed()) % 1000) * 100_000L + person * 11L;; candidate++) {
            String nine = String.format("4%08d", candidate % 100_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }
}
