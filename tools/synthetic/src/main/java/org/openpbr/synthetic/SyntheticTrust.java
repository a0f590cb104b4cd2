package org.openpbr.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    /** The grid's code without a profile (variance), allocated by hand; null when the grid has none. */
    private final GridCode variance;
    private final Random random;

    private SyntheticTrust(TrustSpec spec, List<GridCode> grid) {
        this.spec = spec;
        this.graded = grid.stream().filter(GridCode::graded).toList();
        this.variance = grid.stream().filter(code -> !code.graded()).findFirst().orElse(null);
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
        List<String> community = spec.teams().stream().filter(t -> !spec.teamOf().containsValue(t)).toList();
        for (int p = 0; p < spec.patients(); p++) {
            String localId = spec.providerCode() + "-" + String.format("%06d", p + 1);
            LocalDate birth = spec.to().minusYears(18 + random.nextInt(70)).minusDays(random.nextInt(365));
            LocalDate start = spec.from().plusDays(days <= 0 ? 0 : (long) (random.nextDouble() * days * 0.9));
            events.add(new PatientRegistered(start, localId, nhsNumber(p), birth));
            String spellKey = localId + "/1";
            events.add(new SpellOpened(start, localId, spellKey, pick(spec.commissioners()), pick(List.of(SOURCES))));
            String home = pick(community);
            boolean older = ChronoUnit.YEARS.between(birth, start) >= 65;
            GridCode code = drawCode(older);
            String team = teamFor(code, older, home);
            LocalDate on = start.plusDays(random.nextInt(10));
            String reason = "INITIAL";
            boolean first = true;
            // Needs no cluster describes: the clinician allocates the variance code until the first review.
            boolean inVariance = variance != null && random.nextDouble() < spec.varianceShare();
            while (!on.isAfter(spec.to())) {
                Allocation allocation = inVariance ? Allocation.OVERRIDE : allocation();
                events.add(assessment(on, localId, spellKey, reason, code, team, allocation, 0,
                        inVariance ? variance : null));
                if (first && random.nextDouble() < spec.secondRaterShare()) {
                    LocalDate again = on.plusDays(1 + random.nextInt(6));
                    if (!again.isAfter(spec.to())) {
                        events.add(assessment(again, localId, spellKey, "OTHER", code, team, Allocation.NONE, 1, null));
                    }
                }
                GridCode held = inVariance ? variance : code;
                first = false;
                inVariance = false;
                // The next review falls due before the review period expires; some are re-clustered.
                long period = ChronoUnit.DAYS.between(on, on.plus(held.reviewPeriod()));
                LocalDate next = on.plusDays(Math.max(7, period - 1 - random.nextInt((int) Math.max(1, period / 4))));
                if (next.isAfter(spec.to())) {
                    break;
                }
                if (random.nextDouble() < spec.dischargeShare()) {
                    events.add(assessment(next, localId, spellKey, "DISCHARGE", code, team, Allocation.NONE, 0, null));
                    break;
                }
                // A crisis code (reviewed within weeks) mostly moves on at its review; others now and then.
                boolean crisis = code.reviewPeriod().toTotalMonths() == 0 && code.reviewPeriod().getDays() <= 31;
                if (random.nextDouble() < (crisis ? 0.8 : 0.12)) {
                    code = neighbour(code, older);
                    team = teamFor(code, older, home);
                }
                on = next;
                reason = "SCHEDULED_REVIEW";
            }
        }
        events.sort(Comparator.comparing(TrustEvent::date));
        return events;
    }

    /** The team the code is routed to, else the older adults' team for people 65 and over, else the person's community team. */
    private String teamFor(GridCode code, boolean older, String home) {
        String routed = spec.teamOf().get(code.code());
        if (routed == null && older) {
            routed = spec.teamOf().get(TrustSpec.OLDER_ADULTS);
        }
        return routed == null ? home : routed;
    }

    private Allocation allocation() {
        return random.nextDouble() < spec.overrideShare() ? Allocation.OVERRIDE : Allocation.FOLLOW_SUGGESTION;
    }

    private Assessed assessment(LocalDate on, String localId, String spellKey, String reason, GridCode code, String team,
            Allocation allocation, int raterIndex, GridCode overriddenTo) {
        int[] ratings = ratings(code);
        String item8 = ratings[7] >= 1 && ratings[7] <= 4 ? ITEM8_TYPES[random.nextInt(ITEM8_TYPES.length)] : null;
        String overrideCode = null;
        String overrideReason = null;
        if (overriddenTo != null) {
            overrideCode = overriddenTo.code();
            overrideReason = "NEEDS_NOT_CAPTURED_BY_RATINGS";
        } else if (allocation == Allocation.OVERRIDE) {
            overrideCode = neighbour(code, false).code();
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

    /**
     * People per hundred at first clustering, by code, for adults of working age and for people 65
     * and over: non-psychotic 01-04 and psychosis 11-13 dominate, crisis codes are few, and the
     * organic codes are older people's. A plausible mix for a trust's caseload, not a national
     * statistic. Codes of a grid not listed here are weighted as before these mixes existed.
     */
    static final Map<String, Double> ADULTS = Map.ofEntries(Map.entry("01", 7.0), Map.entry("02", 8.0),
            Map.entry("03", 15.0), Map.entry("04", 12.0), Map.entry("05", 2.0), Map.entry("06", 1.0),
            Map.entry("07", 5.0), Map.entry("08", 3.0), Map.entry("10", 5.0), Map.entry("11", 15.0),
            Map.entry("12", 10.0), Map.entry("13", 6.0), Map.entry("14", 2.0), Map.entry("15", 0.5),
            Map.entry("16", 2.0), Map.entry("17", 2.5));
    static final Map<String, Double> OLDER = Map.ofEntries(Map.entry("03", 8.0), Map.entry("04", 9.0),
            Map.entry("07", 3.0), Map.entry("11", 8.0), Map.entry("12", 6.0), Map.entry("13", 3.0),
            Map.entry("15", 1.0), Map.entry("18", 22.0), Map.entry("19", 22.0), Map.entry("20", 12.0),
            Map.entry("21", 6.0));

    /** How often a code is drawn, for a person of working age or 65 and over. */
    private static double weight(GridCode code, boolean older) {
        Map<String, Double> mix = older ? OLDER : ADULTS;
        if (ADULTS.containsKey(code.code()) || OLDER.containsKey(code.code())) {
            return mix.getOrDefault(code.code(), 0.0);
        }
        boolean organic = code.superClass().toLowerCase().startsWith("organic");
        return organic ? (older ? 6 : 0) : code.reviewPeriod().toTotalMonths() == 0 ? 1 : 3;
    }

    private GridCode drawCode(boolean older) {
        GridCode drawn = weighted(graded, older);
        return drawn == null ? pick(graded) : drawn;
    }

    /** Another code of the same super-class, drawn by the mix; the code itself when there is none. */
    private GridCode neighbour(GridCode code, boolean older) {
        List<GridCode> same = graded.stream()
                .filter(other -> other.superClass().equals(code.superClass()) && !other.code().equals(code.code()))
                .toList();
        if (same.isEmpty()) {
            return code;
        }
        GridCode drawn = weighted(same, older);
        return drawn == null ? pick(same) : drawn;
    }

    /** One of the codes, with chances in proportion to their weights; null when every weight is 0. */
    private GridCode weighted(List<GridCode> codes, boolean older) {
        double total = codes.stream().mapToDouble(c -> weight(c, older)).sum();
        if (total <= 0) {
            return null;
        }
        double roll = random.nextDouble() * total;
        for (GridCode code : codes) {
            roll -= weight(code, older);
            if (roll < 0) {
                return code;
            }
        }
        return codes.get(codes.size() - 1);
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
