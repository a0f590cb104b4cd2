package org.openpbr.costing.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.costing.run.RunQueries;
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

    @Inject
    RunQueries runs;

    @Inject
    TariffQueries queries;

    /** A proposal validated and priced. */
    public record Computed(TariffViews.Proposal proposal, RunViews.Run run, String unit, BigDecimal efficiency,
            boolean includeSocialCare, String activitySource, Map<String, BigDecimal> topUps,
            Map<String, Map<String, BigDecimal>> flagged, TariffPricing.Priced priced) {
    }

    /** Prices a proposal whose own fields passed their annotations; what needs the run is checked here. */
    public Computed compute(Caller caller, TariffViews.Proposal p) {
        Faults faults = new Faults();
        String unit = p.unit().name();
        BigDecimal efficiency = p.efficiencyPercent() == null ? BigDecimal.ZERO : p.efficiencyPercent();
        Map<String, BigDecimal> topUps = new LinkedHashMap<>();
        if (p.topUps() != null) {
            p.topUps().forEach(t -> topUps.put(t.flag(), t.upliftPercent()));
        }
        // Another organisation's run is the same 404 as one that does not exist, as everywhere a record is named.
        RunViews.Run run = runs.require(caller, p.runId());
        boolean social = p.includeSocialCare() == null ? run.includeSocialCare() : p.includeSocialCare();
        if (social != run.includeSocialCare()) {
            faults.add("includeSocialCare", run.includeSocialCare()
                    ? "the run costed social care; cost the period again with includeSocialCare false and propose from that run"
                    : "the run left social care out; propose from a run that includes it");
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
                runs.codes(run, RunQueries.Grouping.COMMISSIONER).codes().stream()
                        .filter(c -> p.commissionerCode().equals(c.group())).forEach(c -> days.put(c.code(), c.clusterDays()));
            }
            for (RunViews.CodeCost c : basis.values()) {
                long d = days.getOrDefault(c.code(), 0L);
                units.put(c.code(), unit.equals("CLUSTER_DAY") ? BigDecimal.valueOf(d)
                        : BigDecimal.valueOf(d).divide(BigDecimal.valueOf(c.reviewPeriodDays()), 2, RoundingMode.HALF_UP));
            }
        } else {
            source = "PLAN";
            for (int i = 0; i < p.activity().size(); i++) {
                TariffViews.PlannedActivity line = p.activity().get(i);
                if (!basis.containsKey(line.code())) {
                    faults.add("activity[" + i + "].code", "has no episodes in the run, so it has no unit cost to price from");
                } else {
                    units.put(line.code(), line.units());
                    flagged.put(line.code(), line.flaggedUnits() == null ? Map.of() : line.flaggedUnits());
                }
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
}
