package org.openpbr.costing.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.costing.run.RunReader;
import org.openpbr.costing.run.RunViews;
import org.openpbr.costing.tariff.rule.TariffPricing;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.problem.ProblemException;

/**
 * A proposal checked field by field (every fault at once), its run's unit costs and activity
 * read, and priced by {@link TariffPricing}: what a draft is stored from.
 */
@ApplicationScoped
public class TariffCalculation {

    /** The longest validity: a three-year contract. */
    public static final int MAX_VALID_DAYS = 3 * 366;
    private static final BigDecimal MAX_CONTRACT_VALUE = new BigDecimal("1000000000000");
    private static final BigDecimal MAX_UNITS = new BigDecimal("1000000000");
    private static final BigDecimal MAX_UPLIFT = new BigDecimal("500");
    private static final int MAX_TOP_UPS = 20;

    @Inject
    RunReader runs;

    @Inject
    TariffQueries queries;

    /** A proposal validated and priced. */
    public record Computed(TariffViews.Proposal proposal, RunViews.Run run, String unit, BigDecimal efficiency,
            boolean includeSocialCare, String activitySource, Map<String, BigDecimal> topUps,
            Map<String, Map<String, BigDecimal>> flagged, TariffPricing.Priced priced) {
    }

    public Computed compute(Caller caller, TariffViews.Proposal p) {
        if (p == null) {
            new Faults().add("body", "is required").throwIfAny();
        }
        Faults faults = new Faults();
        if (faults.present("name", p.name()) && (p.name().isBlank() || p.name().strip().length() > 200)) {
            faults.add("name", "must be 1-200 characters");
        }
        String unit = null;
        if (faults.present("unit", p.unit())) {
            unit = p.unit();
            if (!unit.equals("CLUSTER_DAY") && !unit.equals("REVIEW_PERIOD")) {
                faults.add("unit", "must be CLUSTER_DAY or REVIEW_PERIOD");
                unit = null;
            }
        }
        faults.odsCode("commissionerCode", p.commissionerCode(), false);
        if (faults.present("validFrom", p.validFrom()) & faults.present("validTo", p.validTo())) {
            long days = ChronoUnit.DAYS.between(p.validFrom(), p.validTo()) + 1;
            if (days < 1) {
                faults.add("validTo", "must not be before validFrom");
            } else if (days > MAX_VALID_DAYS) {
                faults.add("validTo", "makes the tariff valid for " + days + " days; at most " + MAX_VALID_DAYS);
            }
        }
        if (faults.present("contractValue", p.contractValue())) {
            if (p.contractValue().signum() <= 0 || p.contractValue().compareTo(MAX_CONTRACT_VALUE) >= 0
                    || p.contractValue().stripTrailingZeros().scale() > 2) {
                faults.add("contractValue", "must be more than 0 and below 1,000,000,000,000, in pounds with at most two decimals");
            }
        }
        BigDecimal efficiency = p.efficiencyPercent() == null ? BigDecimal.ZERO : p.efficiencyPercent();
        if (efficiency.signum() < 0 || efficiency.compareTo(BigDecimal.valueOf(100)) >= 0
                || efficiency.stripTrailingZeros().scale() > 4) {
            faults.add("efficiencyPercent", "must be at least 0 and below 100, with at most four decimals");
        }
        Map<String, BigDecimal> topUps = new LinkedHashMap<>();
        if (p.topUps() != null) {
            if (p.topUps().size() > MAX_TOP_UPS) {
                faults.add("topUps", "at most " + MAX_TOP_UPS);
            }
            for (int i = 0; i < p.topUps().size(); i++) {
                TariffViews.TopUp t = p.topUps().get(i);
                String at = "topUps[" + i + "]";
                if (t == null) {
                    faults.add(at, "must not be null");
                    continue;
                }
                if (t.flag() == null || !t.flag().matches("[A-Z][A-Z0-9_]{0,39}")) {
                    faults.add(at + ".flag", "must be 1-40 capital letters, digits or _, e.g. DEAFNESS");
                } else if (topUps.containsKey(t.flag())) {
                    faults.add(at + ".flag", "is given twice");
                }
                if (t.upliftPercent() == null || t.upliftPercent().signum() <= 0
                        || t.upliftPercent().compareTo(MAX_UPLIFT) > 0 || t.upliftPercent().stripTrailingZeros().scale() > 4) {
                    faults.add(at + ".upliftPercent", "must be more than 0 and at most 500, with at most four decimals");
                } else if (t.flag() != null) {
                    topUps.put(t.flag(), t.upliftPercent());
                }
            }
        }
        if (p.activity() != null) {
            // The plan's own shape, reported with every other fault; its codes are checked against the run below.
            for (int i = 0; i < Math.min(p.activity().size(), 1000); i++) {
                TariffViews.PlannedActivity line = p.activity().get(i);
                String at = "activity[" + i + "]";
                if (line == null) {
                    faults.add(at, "must not be null");
                    continue;
                }
                if (line.code() == null || line.code().isBlank()) {
                    faults.add(at + ".code", "is required");
                }
                if (line.units() == null) {
                    faults.add(at + ".units", "is required");
                }
            }
        }
        RunViews.Run run = null;
        if (faults.present("runId", p.runId())) {
            try {
                run = runs.require(caller, p.runId());
            } catch (ProblemException e) {
                faults.add("runId", "is not one of your costing runs");
            }
        }
        boolean social = p.includeSocialCare() == null ? run == null || run.includeSocialCare() : p.includeSocialCare();
        if (run != null && social != run.includeSocialCare()) {
            faults.add("includeSocialCare", run.includeSocialCare()
                    ? "the run costed social care; cost the period again with includeSocialCare false and propose from that run"
                    : "the run left social care out; propose from a run that includes it");
        }
        if (!faults.isEmpty() || run == null || unit == null) {
            faults.throwIfAny();
            throw new IllegalStateException("unreachable");
        }

        // Cost basis: the whole trust's unit costs; activity: the plan, or the run's in scope.
        Map<String, RunViews.CodeCost> basis = new TreeMap<>();
        runs.codes(run, null).codes().forEach(c -> basis.put(c.code(), c));
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        Map<String, Map<String, BigDecimal>> flagged = new HashMap<>();
        String source;
        if (p.activity() == null) {
            source = "RUN";
            Map<String, Long> days = new HashMap<>();
            if (p.commissionerCode() == null) {
                basis.values().forEach(c -> days.put(c.code(), c.clusterDays()));
            } else {
                runs.codes(run, RunReader.Grouping.COMMISSIONER).codes().stream()
                        .filter(c -> p.commissionerCode().equals(c.group())).forEach(c -> days.put(c.code(), c.clusterDays()));
            }
            for (RunViews.CodeCost c : basis.values()) {
                long d = days.getOrDefault(c.code(), 0L);
                units.put(c.code(), unit.equals("CLUSTER_DAY") ? BigDecimal.valueOf(d)
                        : BigDecimal.valueOf(d).divide(BigDecimal.valueOf(c.reviewPeriodDays()), 2, RoundingMode.HALF_UP));
            }
        } else {
            source = "PLAN";
            if (p.activity().isEmpty() || p.activity().size() > 1000) {
                faults.add("activity", "must hold 1-1000 codes, or be absent to use the run's activity");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < Math.min(p.activity().size(), 1000); i++) {
                plannedLine(faults, "activity[" + i + "]", p.activity().get(i), basis, topUps, seen, units, flagged);
            }
            // Codes the run costed and the plan leaves out are still priced (for activity beyond the plan).
            basis.keySet().forEach(code -> units.putIfAbsent(code, BigDecimal.ZERO));
        }
        faults.throwIfAny();
        Map<String, Map<String, BigDecimal>> components = queries.components(run);
        List<TariffPricing.CodeInput> inputs = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(units).entrySet()) {
            RunViews.CodeCost c = basis.get(e.getKey());
            BigDecimal perDay = c.totalCost().divide(BigDecimal.valueOf(c.clusterDays()), TariffPricing.EXACT);
            BigDecimal unitCost = unit.equals("CLUSTER_DAY") ? perDay
                    : perDay.multiply(BigDecimal.valueOf(c.reviewPeriodDays()), TariffPricing.EXACT);
            inputs.add(new TariffPricing.CodeInput(e.getKey(), unitCost, e.getValue(),
                    flagged.getOrDefault(e.getKey(), Map.of()), components.getOrDefault(e.getKey(), Map.of())));
        }
        TariffPricing.Priced priced;
        try {
            priced = TariffPricing.price(new TariffPricing.Proposal(inputs, p.contractValue(), efficiency, topUps));
        } catch (TariffPricing.Unpriceable e) {
            throw ProblemException.invalid(List.of(new FieldError("activity", e.getMessage())));
        }
        return new Computed(p, run, unit, efficiency, social, source, topUps, flagged, priced);
    }

    private static void plannedLine(Faults faults, String at, TariffViews.PlannedActivity line,
            Map<String, RunViews.CodeCost> basis, Map<String, BigDecimal> topUps, Set<String> seen,
            Map<String, BigDecimal> units, Map<String, Map<String, BigDecimal>> flagged) {
        if (line == null) {
            faults.add(at, "must not be null");
            return;
        }
        boolean ok = true;
        if (line.code() == null || !basis.containsKey(line.code())) {
            faults.add(at + ".code", line.code() == null ? "is required"
                    : "has no episodes in the run, so it has no unit cost to price from");
            ok = false;
        } else if (!seen.add(line.code())) {
            faults.add(at + ".code", "is planned twice");
            ok = false;
        }
        if (line.units() == null || line.units().signum() < 0 || line.units().compareTo(MAX_UNITS) >= 0
                || line.units().stripTrailingZeros().scale() > 2) {
            faults.add(at + ".units", "must be 0 or more, below 1,000,000,000, with at most two decimals");
            ok = false;
        }
        Map<String, BigDecimal> flags = new LinkedHashMap<>();
        if (line.flaggedUnits() != null) {
            for (Map.Entry<String, BigDecimal> f : line.flaggedUnits().entrySet()) {
                String field = at + ".flaggedUnits." + f.getKey();
                if (!topUps.containsKey(f.getKey())) {
                    faults.add(field, "is not a flag of topUps");
                    ok = false;
                } else if (f.getValue() == null || f.getValue().signum() < 0 || f.getValue().stripTrailingZeros().scale() > 2
                        || (line.units() != null && f.getValue().compareTo(line.units()) > 0)) {
                    faults.add(field, "must be 0 up to the code's units, with at most two decimals");
                    ok = false;
                } else {
                    flags.put(f.getKey(), f.getValue());
                }
            }
        }
        if (ok) {
            units.put(line.code(), line.units());
            flagged.put(line.code(), flags);
        }
    }
}
