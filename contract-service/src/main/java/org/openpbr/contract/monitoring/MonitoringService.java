package org.openpbr.contract.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.contract.agreement.ContractQueries;
import org.openpbr.contract.agreement.ContractService;
import org.openpbr.contract.agreement.ContractTerms;
import org.openpbr.contract.agreement.rule.Instalments;
import org.openpbr.contract.monitoring.rule.PlanVariance;
import org.openpbr.contract.riskshare.RiskShares;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.ProblemException;

/**
 * Contract monitoring: the activity plan against what the statements state, with tolerance
 * flags, the forecast outturn and the early-variance warning; and payment validation's rates per
 * provider, team and rule. Both read statements only, so they show what was judged and paid.
 */
@ApplicationScoped
public class MonitoringService {

    static final BigDecimal DEFAULT_TOLERANCE = BigDecimal.valueOf(5);
    private static final int CONTRACTS_PAGE = 500;

    @Inject
    ContractService contracts;

    @Inject
    ContractQueries contractQueries;

    @Inject
    MonitoringQueries queries;

    public MonitoringViews.PlanAgainstActual planAgainstActual(Caller caller, UUID id, boolean draft) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        ContractQueries.VersionRow version = contracts.latestAgreed(id).orElseThrow(() -> ProblemException.conflict(
                "No version of the contract is agreed: there is no plan to compare with"));
        ContractTerms.Terms terms = version.terms();
        if (terms.activity() == null) {
            throw ProblemException.conflict("The contract has no activity component: there is no activity plan to compare with");
        }
        Map<String, BigDecimal> prices = new HashMap<>();
        contractQueries.prices(version.id()).forEach(p -> prices.put(p.code(), p.price()));
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (Row line : contractQueries.planLines(version.id())) {
            plan.computeIfAbsent(line.integer("month"), k -> new LinkedHashMap<>()).put(line.text("code"), line.decimal("units"));
        }
        int through = queries.throughMonth(id, draft);
        BigDecimal tolerance = terms.activity().tolerancePercent() == null ? DEFAULT_TOLERANCE
                : terms.activity().tolerancePercent();
        PlanVariance.Report report = PlanVariance.of(plan, queries.paidUnits(id, draft), prices, through, tolerance);
        MonitoringViews.RiskShareAtForecast atForecast = null;
        if (terms.riskShare() != null && report.total().forecastValue() != null) {
            RiskShareSchedule.Adjustment a = RiskShares.schedule(terms.riskShare())
                    .apply(report.total().annualPlannedValue(), report.total().forecastValue());
            atForecast = new MonitoringViews.RiskShareAtForecast(a.variance(), a.amount(), a.providerShare(), a.capped());
        }
        List<MonitoringViews.Payment> payments = new ArrayList<>();
        for (Row r : queries.paidLines(id, draft)) {
            payments.add(new MonitoringViews.Payment(r.integer("month"), r.text("kind"), r.decimal("amount")));
        }
        List<BigDecimal> fixed = terms.fixed() == null ? List.of() : terms.fixed().phasing() == null
                ? Instalments.equal(terms.fixed().annualAmount())
                : Instalments.phased(terms.fixed().annualAmount(), terms.fixed().phasing());
        return new MonitoringViews.PlanAgainstActual(id, contract.reference(), contract.commissionerCode(),
                contract.providerCode(), contract.financialYear(), version.version(), terms.activity().unit().name(),
                version.shadow(), draft ? "ISSUED_AND_DRAFT" : "ISSUED", through, tolerance,
                report.cells().stream().map(MonitoringService::cell).toList(),
                report.codes().stream().map(MonitoringService::outturn).toList(), outturn(report.total()), atForecast,
                payments, fixed);
    }

    /** Validation rates over the contracts of a financial year the caller's organisation is party to. */
    public MonitoringViews.Rates rates(Caller caller, String financialYear, boolean draft) {
        String org = caller.requireOrgCode();
        Map<UUID, ContractQueries.ContractRow> byId = new HashMap<>();
        long after = 0;
        List<ContractQueries.ContractRow> page;
        do {
            page = contractQueries.contractsOf(org, financialYear, after, CONTRACTS_PAGE);
            page.stream().filter(c -> ContractService.side(caller, c).isPresent()).forEach(c -> byId.put(c.id(), c));
            after = page.isEmpty() ? after : page.get(page.size() - 1).seq();
        } while (page.size() == CONTRACTS_PAGE);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Map<String, Long>> rules = new HashMap<>();
        for (Row r : queries.rates(List.copyOf(byId.keySet()), draft)) {
            String key = r.uuid("contract_id") + "|" + (r.text("team") == null ? "" : r.text("team"));
            if (r.text("rule") == null) {
                counts.put(key, new long[] { r.whole("units"), r.whole("payable"), r.whole("queried"), r.whole("rejected") });
            } else {
                rules.computeIfAbsent(key, k -> new TreeMap<>()).put(r.text("rule"), r.whole("units"));
            }
        }
        List<MonitoringViews.Rate> items = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String[] parts = e.getKey().split("\\|", -1);
            ContractQueries.ContractRow c = byId.get(UUID.fromString(parts[0]));
            long[] n = e.getValue();
            Map<String, MonitoringViews.RuleRate> byRule = new TreeMap<>();
            rules.getOrDefault(e.getKey(), Map.of()).forEach((rule, units) -> byRule.put(rule,
                    new MonitoringViews.RuleRate(units, percent(units, n[0]))));
            items.add(new MonitoringViews.Rate(c.id(), c.reference(), c.commissionerCode(), c.providerCode(),
                    parts[1].isEmpty() ? null : parts[1], n[0], n[1], n[2], n[3], percent(n[2], n[0]), percent(n[3], n[0]),
                    byRule));
        }
        return new MonitoringViews.Rates(financialYear, draft ? "ISSUED_AND_DRAFT" : "ISSUED", items);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN);
    }

    private static MonitoringViews.Cell cell(PlanVariance.Cell c) {
        return new MonitoringViews.Cell(c.month(), c.code(), c.price(), c.plannedUnits(), c.plannedValue(), c.actualUnits(),
                c.actualValue(), c.variance(), c.variancePercent(), c.outsideTolerance());
    }

    private static MonitoringViews.Outturn outturn(PlanVariance.Outturn o) {
        MonitoringViews.Warning warning = o.warning() == null ? null : new MonitoringViews.Warning(o.warning().direction().name(),
                o.warning().since(), (o.code() == null ? "The activity" : "Code " + o.code()) + " is forecast "
                        + (o.warning().direction() == PlanVariance.Direction.OVER ? "over" : "under") + " plan by "
                        + o.forecastVariance().abs().toPlainString() + (o.forecastVariancePercent() == null ? ""
                                : " (" + o.forecastVariancePercent().abs().toPlainString() + "%)")
                        + " at the run rate to date, beyond tolerance since month " + o.warning().since());
        return new MonitoringViews.Outturn(o.code(), o.annualPlannedUnits(), o.annualPlannedValue(), o.toDatePlannedUnits(),
                o.toDatePlannedValue(), o.toDateActualUnits(), o.toDateActualValue(), o.toDateVariance(),
                o.toDateVariancePercent(), o.forecastUnits(), o.forecastValue(), o.forecastVariance(),
                o.forecastVariancePercent(), o.outsideTolerance(), warning);
    }
}
