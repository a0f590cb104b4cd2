package org.openpbr.contract.validation.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Payment validation, rule set {@code pv-1}: turns a provider's cluster episodes (and any claims it
 * uploaded) into billable units of one contract, and judges each unit PAYABLE, QUERIED or
 * REJECTED with the reason codes and the evidence used. Units are made per the contract's unit:
 * a cluster episode (one per episode starting in the year, in its start month), a cluster day (the
 * episode's days in each month) or a person-month (a person on the caseload in a month, with the
 * code held on their last day in it). Days and periods after the review date with no review are
 * their own units, rejected (PV04).
 */
public final class PaymentValidation {

    public static final String RULE_SET = "pv-1";

    /** The unit a contract pays for. */
    public enum UnitKind {
        CLUSTER_EPISODE, CLUSTER_DAY, PERSON_MONTH
    }

    /** A unit's verdict; the order is from best to worst. */
    public enum Status {
        PAYABLE, QUERIED, REJECTED
    }

    /** The rules of pv-1, each with its version and what it does by default. */
    public enum Rule {
        PV01("claimed unit with no matching cluster episode", Status.REJECTED),
        PV02("outside the contract: dates outside the year, or a code or scheme version it does not price", Status.REJECTED),
        PV03("the responsible commissioner is another commissioner", Status.REJECTED),
        PV04("review overdue: after the code's maximum review period with no review", Status.REJECTED),
        PV05("the same days are in payable units of another provider for the same commissioner", Status.QUERIED),
        PV06("the chosen code does not meet its red rules on the assessment (clinical audit, paid)", Status.QUERIED),
        PV07("code 00, or no assessment", Status.REJECTED),
        PV08("the same unit claimed twice", Status.REJECTED),
        PV09("allocation recorded long after the assessment or the episode start", Status.QUERIED),
        PV10("re-clustered to a higher-priced code against the tool's suggestion", Status.QUERIED),
        /** Not a validation finding: the provider accepted the commissioner's query on the unit. */
        QUERY_ACCEPTED("the provider accepted the commissioner's query on the unit", Status.REJECTED);

        public static final int VERSION = 1;
        public final String finding;
        public final Status outcome;

        Rule(String finding, Status outcome) {
            this.finding = finding;
            this.outcome = outcome;
        }
    }

    /** How the contract treats its units (from its terms). */
    public record Terms(String commissioner, String provider, LocalDate yearStart, UnitKind unit,
            Set<String> schemeVersions, Set<String> teams, Map<String, BigDecimal> prices, boolean holdQueried,
            int allocationLagDays, Set<String> concurrentCareWith, boolean unassessedPriced) {

        public LocalDate yearEnd() {
            return yearStart.plusYears(1).minusDays(1);
        }
    }

    /** A cluster episode as clustering-service serves it. */
    public record Episode(String id, String pseudonym, String localId, String commissioner, String team, String code,
            LocalDate start, LocalDate end, LocalDate reviewDue, String allocationId) {
    }

    /**
     * The allocation that started an episode: {@code allocatedOn} is the date the record gives the
     * allocation (PV09 measures from it), {@code recordedOn} the day the system received it.
     */
    public record Allocation(String id, String assessmentId, String chosenCode, String suggestedCode,
            boolean followsSuggestion, Boolean meetsRedRules, LocalDate assessedOn, String schemeVersion,
            LocalDate allocatedOn, LocalDate recordedOn) {
    }

    /**
     * A claimed unit from a provider's claims file: the person (local id), code and dates.
     *
     * @param file the claims file's name for the key (the month it was sent for), or empty
     * @param line its line in the file
     */
    public record Claim(String file, int line, String localId, String code, LocalDate start, LocalDate end) {

        public Claim(int line, String localId, String code, LocalDate start, LocalDate end) {
            this("", line, localId, code, start, end);
        }

        String key() {
            return file.isEmpty() ? "claim/" + line : "claim/" + file + "/" + line;
        }
    }

    /** Another provider's episode of the same person for the same commissioner, under one of its contracts. */
    public record Elsewhere(String provider, String pseudonym, LocalDate start, LocalDate end) {
    }

    /** A reason: the rule, its version and what it found. */
    public record Reason(Rule rule, int version, String detail) {
    }

    /** One billable unit and its verdict; {@code paid} says whether it is paid under the contract's terms. */
    public record Unit(String key, int month, String code, BigDecimal quantity, Status status, boolean paid,
            List<Reason> reasons, Map<String, String> evidence) {
    }

    private PaymentValidation() {
    }

    /**
     * Validates every unit up to {@code asOf}: episodes still open count to that day.
     *
     * @param episodes    the provider's episodes (any commissioner: claims are checked against them)
     * @param allocations by id
     * @param claims      the provider's claims; empty when it does not invoice
     * @param elsewhere   other providers' episodes of the same people for this commissioner
     */
    public static List<Unit> validate(Terms terms, List<Episode> episodes, Map<String, Allocation> allocations,
            List<Claim> claims, List<Elsewhere> elsewhere, LocalDate asOf) {
        return validate(terms, episodes, allocations, claims, elsewhere, asOf, Set.of());
    }

    /** As {@link #validate(Terms, List, Map, List, List, LocalDate)}; units in {@code reversed} had a query accepted, and are rejected. */
    public static List<Unit> validate(Terms terms, List<Episode> episodes, Map<String, Allocation> allocations,
            List<Claim> claims, List<Elsewhere> elsewhere, LocalDate asOf, Set<String> reversed) {
        List<Unit> units = judgeAll(terms, episodes, allocations, claims, elsewhere, asOf);
        if (reversed.isEmpty()) {
            return units;
        }
        List<Unit> out = new ArrayList<>(units.size());
        for (Unit u : units) {
            if (!reversed.contains(u.key())) {
                out.add(u);
                continue;
            }
            List<Reason> reasons = new ArrayList<>(u.reasons());
            reasons.add(new Reason(Rule.QUERY_ACCEPTED, Rule.VERSION, Rule.QUERY_ACCEPTED.finding));
            out.add(new Unit(u.key(), u.month(), u.code(), u.quantity(), Status.REJECTED, false, List.copyOf(reasons),
                    u.evidence()));
        }
        return out;
    }

    private static List<Unit> judgeAll(Terms terms, List<Episode> episodes, Map<String, Allocation> allocations,
            List<Claim> claims, List<Elsewhere> elsewhere, LocalDate asOf) {
        LocalDate until = asOf.isBefore(terms.yearEnd()) ? asOf : terms.yearEnd();
        Map<String, List<Elsewhere>> others = new HashMap<>();
        for (Elsewhere e : elsewhere) {
            others.computeIfAbsent(e.pseudonym(), k -> new ArrayList<>()).add(e);
        }
        List<Unit> units = new ArrayList<>();
        List<Episode> ours = episodes.stream().filter(e -> e.commissioner().equals(terms.commissioner()))
                .filter(e -> terms.teams() == null || terms.teams().contains(e.team()))
                .sorted(Comparator.comparing(Episode::start).thenComparing(Episode::id)).toList();
        if (!claims.isEmpty()) {
            // A provider that invoices is paid on its claims, each matched against its episodes.
            claims(terms, episodes, allocations, others, claims, units);
        } else if (terms.unit() == UnitKind.PERSON_MONTH) {
            personMonths(terms, ours, allocations, others, until, units);
        } else {
            for (Episode e : ours) {
                episodeUnits(terms, e, allocations.get(e.allocationId()), others, until, units);
            }
        }
        return units;
    }

    private static void episodeUnits(Terms terms, Episode e, Allocation a, Map<String, List<Elsewhere>> others,
            LocalDate until, List<Unit> units) {
        LocalDate last = e.end() == null || e.end().isAfter(until) ? until : e.end();
        if (terms.unit() == UnitKind.CLUSTER_EPISODE) {
            long period = ChronoUnit.DAYS.between(e.start(), e.reviewDue());
            if (!e.start().isBefore(terms.yearStart()) && !e.start().isAfter(until)) {
                units.add(judge(terms, e, a, others, e.start(), e.start().plusDays(period - 1).isAfter(last) ? last
                        : e.start().plusDays(period - 1), monthOf(terms, e.start()), BigDecimal.ONE, e.id(), false));
            }
            // Each further period begun without a review is a unit of its own, rejected.
            for (LocalDate from = e.reviewDue(); period > 0 && !from.isAfter(last); from = from.plusDays(period)) {
                if (!from.isBefore(terms.yearStart())) {
                    LocalDate to = from.plusDays(period - 1).isAfter(last) ? last : from.plusDays(period - 1);
                    units.add(judge(terms, e, a, others, from, to, monthOf(terms, from), BigDecimal.ONE,
                            e.id() + "/overdue/" + from, true));
                }
            }
            return;
        }
        LocalDate first = e.start().isBefore(terms.yearStart()) ? terms.yearStart() : e.start();
        for (YearMonth month = YearMonth.from(first); !month.atDay(1).isAfter(last); month = month.plusMonths(1)) {
            LocalDate from = month.atDay(1).isBefore(first) ? first : month.atDay(1);
            LocalDate to = month.atEndOfMonth().isAfter(last) ? last : month.atEndOfMonth();
            if (to.isBefore(from)) {
                continue;
            }
            int m = monthOf(terms, from);
            // Days before the review date are one unit; days from it on (no review) another, rejected.
            if (from.isBefore(e.reviewDue())) {
                LocalDate inTime = to.isBefore(e.reviewDue()) ? to : e.reviewDue().minusDays(1);
                units.add(judge(terms, e, a, others, from, inTime, m, days(from, inTime), e.id() + "/" + m, false));
            }
            if (!to.isBefore(e.reviewDue())) {
                LocalDate late = from.isBefore(e.reviewDue()) ? e.reviewDue() : from;
                units.add(judge(terms, e, a, others, late, to, m, days(late, to), e.id() + "/" + m + "/overdue", true));
            }
        }
    }

    private static void personMonths(Terms terms, List<Episode> ours, Map<String, Allocation> allocations,
            Map<String, List<Elsewhere>> others, LocalDate until, List<Unit> units) {
        Map<String, List<Episode>> byPerson = new LinkedHashMap<>();
        ours.forEach(e -> byPerson.computeIfAbsent(e.pseudonym(), k -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<Episode>> person : byPerson.entrySet()) {
            for (YearMonth month = YearMonth.from(terms.yearStart()); !month.atDay(1).isAfter(until);
                    month = month.plusMonths(1)) {
                LocalDate monthEnd = month.atEndOfMonth().isAfter(until) ? until : month.atEndOfMonth();
                Episode held = null;
                LocalDate lastDay = null;
                for (Episode e : person.getValue()) {
                    LocalDate end = e.end() == null || e.end().isAfter(monthEnd) ? monthEnd : e.end();
                    if (!e.start().isAfter(monthEnd) && !end.isBefore(month.atDay(1))
                            && (lastDay == null || end.isAfter(lastDay))) {
                        held = e;
                        lastDay = end;
                    }
                }
                if (held != null) {
                    int m = monthOf(terms, month.atDay(1));
                    units.add(judge(terms, held, allocations.get(held.allocationId()), others, lastDay, lastDay, m,
                            BigDecimal.ONE, "person/" + person.getKey() + "/" + m, !lastDay.isBefore(held.reviewDue())));
                }
            }
        }
    }

    /** Judges one unit of an episode, covering the days {@code from} to {@code to}. */
    private static Unit judge(Terms terms, Episode e, Allocation a, Map<String, List<Elsewhere>> others, LocalDate from,
            LocalDate to, int month, BigDecimal quantity, String key, boolean overdue) {
        return judge(terms, e, a, others, from, to, month, quantity, key, overdue, new ArrayList<>(), Map.of());
    }

    private static Unit judge(Terms terms, Episode e, Allocation a, Map<String, List<Elsewhere>> others, LocalDate from,
            LocalDate to, int month, BigDecimal quantity, String key, boolean overdue, List<Reason> reasons,
            Map<String, String> claimed) {
        String otherProvider = null;
        boolean zero = "00".equals(e.code());
        boolean unassessed = a == null || zero;
        if (unassessed) {
            reasons.add(new Reason(Rule.PV07, Rule.VERSION, a == null ? "no allocation (assessment) behind the episode"
                    : "code 00"));
        }
        if (a != null) {
            if (!terms.schemeVersions().contains(a.schemeVersion())) {
                reasons.add(new Reason(Rule.PV02, Rule.VERSION, "scheme version " + a.schemeVersion()
                        + " is not one the contract pays"));
            }
            if (Boolean.FALSE.equals(a.meetsRedRules())) {
                reasons.add(new Reason(Rule.PV06, Rule.VERSION, "code " + e.code() + " does not meet its red rules"));
            }
            long lag = Math.max(a.assessedOn() == null ? 0 : ChronoUnit.DAYS.between(a.assessedOn(), a.allocatedOn()),
                    ChronoUnit.DAYS.between(e.start(), a.allocatedOn()));
            if (lag > terms.allocationLagDays()) {
                reasons.add(new Reason(Rule.PV09, Rule.VERSION, "allocated " + lag + " days after the assessment or the"
                        + " episode start (more than " + terms.allocationLagDays() + ")"));
            }
            BigDecimal chosen = terms.prices().get(e.code());
            BigDecimal suggested = a.suggestedCode() == null ? null : terms.prices().get(a.suggestedCode());
            if (!a.followsSuggestion() && chosen != null && suggested != null && chosen.compareTo(suggested) > 0) {
                reasons.add(new Reason(Rule.PV10, Rule.VERSION, "chosen " + e.code() + " at " + chosen.toPlainString()
                        + " against the suggested " + a.suggestedCode() + " at " + suggested.toPlainString()));
            }
        }
        if (!unassessed && !terms.prices().containsKey(e.code())) {
            reasons.add(new Reason(Rule.PV02, Rule.VERSION, "code " + e.code() + " has no price in the contract"));
        }
        if (overdue) {
            reasons.add(new Reason(Rule.PV04, Rule.VERSION, "no review by " + e.reviewDue()));
        }
        for (Elsewhere other : others.getOrDefault(e.pseudonym(), List.of())) {
            if (e.pseudonym().startsWith("P-") && !other.start().isAfter(to)
                    && (other.end() == null || !other.end().isBefore(from))
                    && !terms.concurrentCareWith().contains(other.provider())) {
                reasons.add(new Reason(Rule.PV05, Rule.VERSION, "also in an episode of " + other.provider() + " from "
                        + other.start() + (other.end() == null ? "" : " to " + other.end())));
                otherProvider = other.provider();
                break;
            }
        }
        return unit(terms, key, month, e.code(), quantity, reasons, new Evidence(claimed, e, a, from, to, otherProvider));
    }

    /**
     * A unit's evidence, built only when it is read: most units of a year are judged to settle it,
     * but a statement states few of them. The episode's id, the unit's first day and a claim's
     * local id are answered without building the rest.
     */
    private static final class Evidence extends java.util.AbstractMap<String, String> {

        private final Map<String, String> claimed;
        private final Episode e;
        private final Allocation a;
        private final LocalDate from;
        private final LocalDate to;
        private final String otherProvider;
        private Map<String, String> built;

        Evidence(Map<String, String> claimed, Episode e, Allocation a, LocalDate from, LocalDate to, String otherProvider) {
            this.claimed = claimed;
            this.e = e;
            this.a = a;
            this.from = from;
            this.to = to;
            this.otherProvider = otherProvider;
        }

        @Override
        public String get(Object key) {
            if (built == null) {
                if ("episodeId".equals(key)) {
                    return e.id();
                }
                if ("from".equals(key)) {
                    return from.toString();
                }
                if ("localId".equals(key)) {
                    return claimed.get("localId");
                }
            }
            return built().get(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return built().entrySet();
        }

        private Map<String, String> built() {
            if (built == null) {
                Map<String, String> evidence = new LinkedHashMap<>(claimed);
                evidence.put("episodeId", e.id());
                evidence.put("episodeStart", e.start().toString());
                evidence.put("reviewDue", e.reviewDue().toString());
                evidence.put("from", from.toString());
                evidence.put("to", to.toString());
                evidence.put("chosenCode", e.code());
                if (a != null) {
                    evidence.put("allocationId", a.id());
                    evidence.put("assessmentId", a.assessmentId());
                    if (a.suggestedCode() != null) {
                        evidence.put("suggestedCode", a.suggestedCode());
                    }
                    if (a.assessedOn() != null) {
                        evidence.put("assessedOn", a.assessedOn().toString());
                    }
                    evidence.put("allocatedOn", a.allocatedOn().toString());
                    if (a.recordedOn() != null) {
                        evidence.put("recordedOn", a.recordedOn().toString());
                    }
                }
                if (otherProvider != null) {
                    evidence.put("otherProvider", otherProvider);
                }
                built = Collections.unmodifiableMap(evidence);
            }
            return built;
        }
    }

    private static void claims(Terms terms, List<Episode> episodes, Map<String, Allocation> allocations,
            Map<String, List<Elsewhere>> others, List<Claim> claims, List<Unit> units) {
        Map<String, List<Episode>> byPerson = new HashMap<>();
        for (Episode e : episodes) {
            byPerson.computeIfAbsent(e.localId(), k -> new ArrayList<>()).add(e);
        }
        Set<String> seen = new HashSet<>();
        for (Claim claim : claims) {
            List<Reason> reasons = new ArrayList<>();
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("claimLine", Integer.toString(claim.line()));
            if (!claim.file().isEmpty()) {
                evidence.put("claimFile", claim.file());
            }
            evidence.put("localId", claim.localId());
            if (!seen.add(claim.localId() + "|" + claim.code() + "|" + claim.start() + "|" + claim.end())) {
                reasons.add(new Reason(Rule.PV08, Rule.VERSION, "the same person, code and dates as an earlier line"));
            }
            if (claim.start().isBefore(terms.yearStart()) || claim.end().isAfter(terms.yearEnd())) {
                reasons.add(new Reason(Rule.PV02, Rule.VERSION, "dates outside the contract year"));
            }
            int month = Math.min(Math.max(monthOf(terms, claim.start()), 1), 12);
            BigDecimal quantity = terms.unit() == UnitKind.CLUSTER_DAY ? days(claim.start(), claim.end()) : BigDecimal.ONE;
            String key = claim.key();
            // The person's episode in the code that covers the dates, preferring one of this contract's commissioner.
            Episode match = null;
            for (Episode e : byPerson.getOrDefault(claim.localId(), List.of())) {
                if (e.code().equals(claim.code()) && !e.start().isAfter(claim.start())
                        && (e.end() == null || !e.end().isBefore(claim.end()))
                        && (match == null || (!match.commissioner().equals(terms.commissioner())
                                && e.commissioner().equals(terms.commissioner())))) {
                    match = e;
                }
            }
            evidence.put("from", claim.start().toString());
            evidence.put("to", claim.end().toString());
            evidence.put("chosenCode", claim.code());
            if (match == null) {
                reasons.add(new Reason(Rule.PV01, Rule.VERSION, "no cluster episode of this person in code "
                        + claim.code() + " covers " + claim.start() + " to " + claim.end()));
                if (!terms.prices().containsKey(claim.code())) {
                    reasons.add(new Reason(Rule.PV02, Rule.VERSION, "code " + claim.code() + " has no price in the contract"));
                }
                units.add(unit(terms, key, month, claim.code(), quantity, reasons, evidence));
                continue;
            }
            if (!match.commissioner().equals(terms.commissioner())) {
                // Another commissioner's care spell: rejected, and nothing of that spell is disclosed in the evidence.
                reasons.add(new Reason(Rule.PV03, Rule.VERSION, "the care spell's responsible commissioner is another"
                        + " commissioner, not " + terms.commissioner()));
                units.add(unit(terms, key, month, claim.code(), quantity, reasons, evidence));
                continue;
            }
            Allocation a = allocations.get(match.allocationId());
            LocalDate due = match.reviewDue();
            if (terms.unit() == UnitKind.CLUSTER_DAY && claim.start().isBefore(due) && !claim.end().isBefore(due)) {
                // Claimed days from the review date on are a unit of their own, rejected (PV04).
                units.add(judge(terms, match, a, others, claim.start(), due.minusDays(1), month,
                        days(claim.start(), due.minusDays(1)), key, false, new ArrayList<>(reasons),
                        new LinkedHashMap<>(evidence)));
                units.add(judge(terms, match, a, others, due, claim.end(), month, days(due, claim.end()),
                        key + "/overdue", true, reasons, evidence));
            } else {
                // An episode or person-month claimed from the review date on is overdue.
                units.add(judge(terms, match, a, others, claim.start(), claim.end(), month, quantity, key,
                        !claim.start().isBefore(due), reasons, evidence));
            }
        }
    }

    private static Unit unit(Terms terms, String key, int month, String code, BigDecimal quantity, List<Reason> reasons,
            Map<String, String> evidence) {
        EnumSet<Rule> fired = EnumSet.noneOf(Rule.class);
        reasons.forEach(r -> fired.add(r.rule()));
        Status status = Status.PAYABLE;
        for (Rule rule : fired) {
            Status outcome = rule == Rule.PV07 && terms.unassessedPriced() ? Status.PAYABLE : rule.outcome;
            if (outcome.compareTo(status) > 0) {
                status = outcome;
            }
        }
        // Queried units are paid and flagged, or held, as the contract says; a red-rule query alone is always paid.
        boolean heldQuery = terms.holdQueried() && fired.stream().anyMatch(r -> r.outcome == Status.QUERIED && r != Rule.PV06);
        boolean paid = status == Status.PAYABLE || (status == Status.QUERIED && !heldQuery);
        // Under PRICED, an unassessed unit is paid at code 00's price.
        String priced = fired.contains(Rule.PV07) && terms.unassessedPriced() ? "00" : code;
        return new Unit(key, month, priced, quantity, status, paid, List.copyOf(reasons), evidence instanceof Evidence
                ? evidence : Collections.unmodifiableMap(new LinkedHashMap<>(evidence)));
    }

    /** The contract month of a date: 1 for the year's first month (April) to 12. */
    static int monthOf(Terms terms, LocalDate date) {
        return (int) ChronoUnit.MONTHS.between(YearMonth.from(terms.yearStart()), YearMonth.from(date)) + 1;
    }

    private static BigDecimal days(LocalDate from, LocalDate to) {
        return BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to) + 1);
    }
}
