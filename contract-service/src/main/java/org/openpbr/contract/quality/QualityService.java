package org.openpbr.contract.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.contract.agreement.ContractQueries;
import org.openpbr.contract.agreement.ContractService;
import org.openpbr.contract.agreement.ContractTerms;
import org.openpbr.contract.quality.rule.QualityIncentive;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * A contract's quality incentive: its pot and indicators under the latest agreed version, and the
 * achievement the commissioner's contract manager enters with its evidence (until outcomes-service
 * reports it). The year end settles on the latest entry of each measure.
 */
@ApplicationScoped
public class QualityService {

    /** The incentive of a version: withhold or bonus, the pot and the indicators. */
    public record Incentive(boolean withhold, BigDecimal pot, List<QualityIncentive.Indicator> indicators) {
    }

    @Inject
    ContractService contracts;

    @Inject
    ContractQueries contractQueries;

    @Inject
    QualityQueries queries;

    @Inject
    AuditTrail audit;

    @Transactional
    public QualityViews.Achievement enter(Caller caller, UUID id, String measureId, QualityViews.Entry entry) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        if (ContractService.side(caller, contract).orElseThrow() != ContractService.Side.COMMISSIONER
                || !caller.hasRole(Roles.CONTRACT_MANAGER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Achievement is entered by the commissioner's contract-manager");
        }
        ContractQueries.VersionRow version = agreed(id);
        if (version.terms().quality().indicators().stream().noneMatch(i -> i.measureId().equals(measureId))) {
            throw ProblemException.notFound("Measure " + measureId + " among the contract's quality indicators");
        }
        queries.enter(id, measureId, entry.achieved(), entry.evidence().strip(), caller.username().orElse(caller.subject()));
        audit.record(caller, "quality.achievement-entered", "contract", id.toString(), entry.evidence(),
                Map.of("measureId", measureId, "achieved", entry.achieved().toPlainString()));
        return achievement(caller, id);
    }

    public QualityViews.Achievement achievement(Caller caller, UUID id) {
        contracts.visible(caller, id);
        ContractQueries.VersionRow version = agreed(id);
        Incentive incentive = incentive(version);
        Map<String, BigDecimal> latest = queries.latest(id);
        List<BigDecimal> achieved = incentive.indicators().stream().map(i -> latest.get(i.measureId())).toList();
        QualityIncentive.Result result = QualityIncentive.settle(incentive.pot(), incentive.indicators(), achieved);
        List<QualityViews.Indicator> indicators = new ArrayList<>();
        for (int i = 0; i < incentive.indicators().size(); i++) {
            QualityIncentive.Indicator ind = incentive.indicators().get(i);
            QualityIncentive.Earned earned = result.indicators().get(i);
            indicators.add(new QualityViews.Indicator(ind.measureId(), ind.weight(), ind.target(), ind.floor(),
                    ind.scale().name(), ind.direction().name(), earned.achieved(), earned.share(), earned.available(),
                    earned.exact()));
        }
        List<QualityViews.Recorded> entries = new ArrayList<>();
        for (Row r : queries.entries(id)) {
            entries.add(new QualityViews.Recorded(r.whole("seq"), r.text("measure_id"), r.decimal("achieved"),
                    r.text("evidence"), r.text("entered_by"), r.instant("entered_at")));
        }
        return new QualityViews.Achievement(incentive.withhold() ? "WITHHOLD" : "BONUS", result.pot(), indicators,
                result.earned(), result.roundingResidual(), entries);
    }

    /** The latest achievement of each of the version's indicators, in order (null: not reported). */
    public List<BigDecimal> achieved(UUID contractId, ContractQueries.VersionRow version) {
        if (version.terms().quality() == null) {
            return List.of();
        }
        Map<String, BigDecimal> latest = queries.latest(contractId);
        List<BigDecimal> achieved = new ArrayList<>();
        version.terms().quality().indicators().forEach(i -> achieved.add(latest.get(i.measureId())));
        return achieved;
    }

    /**
     * The version's incentive: the pot is the rate x its base, the fixed element or the contract
     * value (fixed + planned activity value), rounded once; null without a quality component.
     */
    public Incentive incentive(ContractQueries.VersionRow version) {
        ContractTerms.Terms terms = version.terms();
        ContractTerms.Quality q = terms.quality();
        if (q == null) {
            return null;
        }
        BigDecimal base = terms.fixed() == null ? BigDecimal.ZERO : terms.fixed().annualAmount();
        if (q.base() == ContractTerms.QualityBase.CONTRACT_VALUE) {
            Map<String, BigDecimal> prices = new java.util.HashMap<>();
            contractQueries.prices(version.id()).forEach(p -> prices.put(p.code(), p.price()));
            for (Row line : contractQueries.planLines(version.id())) {
                base = base.add(line.decimal("units").multiply(prices.getOrDefault(line.text("code"), BigDecimal.ZERO)));
            }
        }
        BigDecimal rate = q.ratePercent().divide(BigDecimal.valueOf(100), 10, RoundingMode.UNNECESSARY);
        return new Incentive(q.kind() == ContractTerms.QualityKind.WITHHOLD, QualityIncentive.pot(base, rate),
                q.indicators().stream().map(i -> new QualityIncentive.Indicator(i.measureId(), i.weight(), i.target(),
                        i.floor(), QualityIncentive.Scale.valueOf(i.scale().name()),
                        QualityIncentive.Direction.valueOf(i.direction().name()))).toList());
    }

    private ContractQueries.VersionRow agreed(UUID id) {
        ContractQueries.VersionRow version = contracts.latestAgreed(id)
                .orElseThrow(() -> ProblemException.conflict("No version of the contract is agreed yet"));
        if (version.terms().quality() == null) {
            throw ProblemException.conflict("The contract's agreed version has no quality incentive");
        }
        return version;
    }
}
