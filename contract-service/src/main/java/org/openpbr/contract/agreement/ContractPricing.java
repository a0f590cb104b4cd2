package org.openpbr.contract.agreement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openpbr.contract.agreement.ContractTerms.Activity;
import org.openpbr.contract.agreement.ContractTerms.ActivityUnit;
import org.openpbr.contract.agreement.ContractTerms.PriceComponent;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;

/**
 * A version's prices: copied from the agreed costing tariff it names (so that the version, once
 * agreed, never depends on costing-service again), or taken from its own price list. Capitation
 * prices are the rate, weighted by each code's resource intensity when asked, rounded once per
 * code to the penny (half to even). Then what needs the prices is checked: every planned code is
 * priced, personal budgets name components the prices have, and code 00 is priced when PV07 pays it.
 */
@ApplicationScoped
public class ContractPricing {

    private static final Logger LOG = Logger.getLogger(ContractPricing.class);
    static final int RETRY_AFTER_SECONDS = 30;

    /** The prices, and the tariff version they came from (null for local prices). */
    public record Priced(List<ContractViews.Price> prices, Integer tariffVersion) {
    }

    @Inject
    @RestClient
    CostingTariffs tariffs;

    public Priced price(ContractViews.Draft draft, LocalDate yearStart, LocalDate yearEnd) {
        Activity activity = draft.terms().activity();
        if (activity == null) {
            return new Priced(List.of(), null);
        }
        List<FieldError> faults = new ArrayList<>();
        List<ContractViews.Price> base = new ArrayList<>();
        Integer version = null;
        if (activity.priceSource() == ContractTerms.PriceSource.TARIFF) {
            CostingTariffs.Tariff tariff = tariff(draft, activity, yearStart, yearEnd);
            version = tariff.version();
            for (CostingTariffs.Price p : tariff.prices()) {
                List<PriceComponent> parts = p.components() == null ? List.of()
                        : p.components().stream().map(c -> new PriceComponent(c.name(), c.amount())).toList();
                base.add(new ContractViews.Price(p.code(), p.price(), p.rri(), parts));
            }
        } else {
            for (ContractTerms.LocalPrice p : activity.localPrices()) {
                base.add(new ContractViews.Price(p.code(), p.price(), p.rri(),
                        p.components() == null ? List.of() : List.copyOf(p.components())));
            }
        }
        List<ContractViews.Price> prices = activity.unit() == ActivityUnit.PERSON_MONTH ? capitation(activity, base, faults)
                : base;
        checkAgainstPrices(draft, prices, faults);
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
        return new Priced(prices, version);
    }

    private CostingTariffs.Tariff tariff(ContractViews.Draft draft, Activity activity, LocalDate yearStart,
            LocalDate yearEnd) {
        String at = "terms.activity.tariffId";
        CostingTariffs.Tariff tariff;
        try {
            tariff = tariffs.read(activity.tariffId());
        } catch (CostingTariffs.NoSuchTariff e) {
            throw ProblemException.invalid(List.of(new FieldError(at, "names no tariff in costing-service")));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        List<FieldError> faults = new ArrayList<>();
        if (!"AGREED".equals(tariff.status())) {
            faults.add(new FieldError(at, "names a tariff that is not agreed (" + tariff.status() + ")"));
        }
        if (!draft.providerCode().equals(tariff.providerCode())) {
            faults.add(new FieldError(at, "names another provider's tariff"));
        }
        if (tariff.commissionerCode() != null && !tariff.commissionerCode().equals(draft.commissionerCode())) {
            faults.add(new FieldError(at, "names a tariff scoped to another commissioner"));
        }
        if (activity.unit() != ActivityUnit.PERSON_MONTH && !unitMatches(activity.unit(), tariff.unit())) {
            faults.add(new FieldError("terms.activity.unit", "does not match the tariff's unit " + tariff.unit()));
        }
        if (tariff.validTo() == null || tariff.validFrom() == null || tariff.validTo().isBefore(yearStart)
                || tariff.validFrom().isAfter(yearEnd)) {
            faults.add(new FieldError(at, "names a tariff not valid in the contract year"));
        }
        if (activity.tariffVersion() != null && activity.tariffVersion() != tariff.version()) {
            faults.add(new FieldError("terms.activity.tariffVersion", "is " + activity.tariffVersion()
                    + " but the tariff is version " + tariff.version()));
        }
        if (tariff.prices() == null || tariff.prices().isEmpty()) {
            faults.add(new FieldError(at, "names a tariff without prices"));
        }
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
        return tariff;
    }

    private static ProblemException unavailable(RuntimeException e) {
        LOG.warnf("costing-service tariff read failed: %s", e.toString());
        return ProblemException.unavailable("costing-service cannot be reached to read the tariff; nothing was changed",
                RETRY_AFTER_SECONDS);
    }

    /** A cluster episode is priced per review period; a cluster day per day. */
    static boolean unitMatches(ActivityUnit unit, String tariffUnit) {
        return switch (unit) {
            case CLUSTER_EPISODE -> "REVIEW_PERIOD".equals(tariffUnit);
            case CLUSTER_DAY -> "CLUSTER_DAY".equals(tariffUnit);
            case PERSON_MONTH -> true;
        };
    }

    private static List<ContractViews.Price> capitation(Activity activity, List<ContractViews.Price> base,
            List<FieldError> faults) {
        boolean weighted = Boolean.TRUE.equals(activity.weightByIntensity());
        List<ContractViews.Price> prices = new ArrayList<>();
        for (ContractViews.Price p : base) {
            if (weighted && p.rri() == null) {
                faults.add(new FieldError("terms.activity.weightByIntensity", "needs a resource intensity for code " + p.code()));
                continue;
            }
            BigDecimal price = weighted ? activity.capitationRate().multiply(p.rri()).setScale(2, RoundingMode.HALF_EVEN)
                    : activity.capitationRate();
            prices.add(new ContractViews.Price(p.code(), price, p.rri(), List.of()));
        }
        return prices;
    }

    private static void checkAgainstPrices(ContractViews.Draft draft, List<ContractViews.Price> prices,
            List<FieldError> faults) {
        Map<String, ContractViews.Price> byCode = new HashMap<>();
        prices.forEach(p -> byCode.put(p.code(), p));
        if (draft.plan() != null) {
            for (int i = 0; i < draft.plan().size(); i++) {
                String code = draft.plan().get(i).code();
                if (!byCode.containsKey(code)) {
                    faults.add(new FieldError("plan[" + i + "].code", "has no price under these terms: " + code));
                }
            }
        }
        ContractTerms.PersonalBudgets budgets = draft.terms().personalBudgets();
        if (budgets != null) {
            for (String code : budgets.codes()) {
                ContractViews.Price price = byCode.get(code);
                Set<String> parts = new HashSet<>();
                if (price != null) {
                    price.components().forEach(c -> parts.add(c.name()));
                }
                if (price == null) {
                    faults.add(new FieldError("terms.personalBudgets.codes", "names code " + code + ", which has no price"));
                } else if (budgets.components().stream().noneMatch(parts::contains)) {
                    faults.add(new FieldError("terms.personalBudgets.components", "name none of code " + code
                            + "'s price components " + parts));
                }
            }
        }
        ContractTerms.PaymentValidation validation = draft.terms().validation();
        if (validation != null && validation.unassessed() == ContractTerms.UnassessedHandling.PRICED
                && !byCode.containsKey("00")) {
            faults.add(new FieldError("terms.validation.unassessed", "is PRICED: the prices need code 00"));
        }
    }
}
