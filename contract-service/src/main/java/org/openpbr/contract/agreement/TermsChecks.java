package org.openpbr.contract.agreement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpbr.contract.agreement.ContractTerms.Activity;
import org.openpbr.contract.agreement.ContractTerms.ActivityUnit;
import org.openpbr.contract.agreement.ContractTerms.Band;
import org.openpbr.contract.agreement.ContractTerms.Indicator;
import org.openpbr.contract.agreement.ContractTerms.PriceSource;
import org.openpbr.contract.agreement.ContractTerms.Terms;
import org.openpbr.platform.problem.FieldError;

/**
 * How a draft's fields constrain each other, checked before anything is stored or fetched. What
 * needs the prices (a plan's codes, a budget's components, the price of code 00) is checked once
 * the prices are known (see {@link ContractPricing}).
 */
final class TermsChecks {

    private TermsChecks() {
    }

    static List<FieldError> faults(ContractViews.Draft draft) {
        List<FieldError> faults = new ArrayList<>();
        if (draft.financialYear() != null && draft.financialYear().matches("[0-9]{4}-[0-9]{2}")) {
            int first = Integer.parseInt(draft.financialYear().substring(0, 4));
            int second = Integer.parseInt(draft.financialYear().substring(5));
            if ((first + 1) % 100 != second) {
                faults.add(new FieldError("financialYear", "must be two consecutive years, such as 2025-26"));
            }
        }
        if (draft.commissionerCode() != null && draft.commissionerCode().equals(draft.providerCode())) {
            faults.add(new FieldError("providerCode", "must be another organisation than the commissioner"));
        }
        repeats(draft.schemeVersions(), "schemeVersions", faults);
        repeats(draft.teams(), "teams", faults);
        Terms terms = draft.terms();
        if (terms == null) {
            return faults;
        }
        if (terms.fixed() != null && terms.fixed().phasing() != null && terms.fixed().phasing().stream()
                .allMatch(w -> w == null || w.signum() == 0)) {
            faults.add(new FieldError("terms.fixed.phasing", "must have a weight above 0 in at least one month"));
        }
        activity(terms.activity(), faults);
        if (terms.riskShare() != null) {
            if (terms.activity() == null) {
                faults.add(new FieldError("terms.riskShare", "shares the activity variance: add an activity component"));
            }
            bands(terms.riskShare().over(), "terms.riskShare.over", faults);
            bands(terms.riskShare().under(), "terms.riskShare.under", faults);
        }
        if (terms.quality() != null) {
            quality(terms, faults);
        }
        if (terms.personalBudgets() != null) {
            if (terms.activity() == null || terms.activity().unit() == ActivityUnit.PERSON_MONTH) {
                faults.add(new FieldError("terms.personalBudgets",
                        "unbundles an episode or day price: needs activity priced per CLUSTER_EPISODE or CLUSTER_DAY"));
            } else if (terms.activity().mode() != ContractTerms.PaymentMode.ALL_UNITS
                    || (terms.activity().marginalRatePercent() != null
                            && terms.activity().marginalRatePercent().compareTo(BigDecimal.valueOf(100)) != 0)) {
                faults.add(new FieldError("terms.personalBudgets",
                        "carves the budget out of each unit's price exactly: needs activity mode ALL_UNITS with no marginal rate below 100"));
            }
            repeats(terms.personalBudgets().codes(), "terms.personalBudgets.codes", faults);
            repeats(terms.personalBudgets().components(), "terms.personalBudgets.components", faults);
        }
        if (draft.plan() != null && !draft.plan().isEmpty()) {
            if (terms.activity() == null) {
                faults.add(new FieldError("plan", "plans activity: add an activity component"));
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < draft.plan().size(); i++) {
                ContractViews.PlanEntry entry = draft.plan().get(i);
                if (entry == null || entry.month() == null || entry.code() == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(entry.month() + "/" + entry.code(), i);
                if (first != null) {
                    faults.add(new FieldError("plan[" + i + "]", "repeats plan[" + first + "] (month " + entry.month()
                            + ", code " + entry.code() + ")"));
                }
            }
        }
        return faults;
    }

    private static void activity(Activity activity, List<FieldError> faults) {
        if (activity == null || activity.priceSource() == null || activity.unit() == null) {
            return;
        }
        String at = "terms.activity";
        if (activity.priceSource() == PriceSource.TARIFF) {
            if (activity.tariffId() == null) {
                faults.add(new FieldError(at + ".tariffId", "is required with TARIFF prices"));
            }
            if (activity.localPrices() != null) {
                faults.add(new FieldError(at + ".localPrices", "must be absent with TARIFF prices"));
            }
        } else {
            if (activity.tariffId() != null || activity.tariffVersion() != null) {
                faults.add(new FieldError(at + ".tariffId", "must be absent with LOCAL prices"));
            }
            if (activity.localPrices() == null || activity.localPrices().isEmpty()) {
                faults.add(new FieldError(at + ".localPrices", "must hold at least one price with LOCAL prices"));
            } else {
                localPrices(activity, faults);
            }
        }
        boolean capitation = activity.unit() == ActivityUnit.PERSON_MONTH;
        if (capitation && activity.capitationRate() == null) {
            faults.add(new FieldError(at + ".capitationRate", "is required with PERSON_MONTH"));
        }
        if (!capitation && (activity.capitationRate() != null || activity.weightByIntensity() != null)) {
            faults.add(new FieldError(at + ".capitationRate", "belongs to PERSON_MONTH only (with weightByIntensity)"));
        }
    }

    private static void localPrices(Activity activity, List<FieldError> faults) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < activity.localPrices().size(); i++) {
            ContractTerms.LocalPrice price = activity.localPrices().get(i);
            String at = "terms.activity.localPrices[" + i + "]";
            if (price == null || price.code() == null || price.price() == null) {
                continue;
            }
            if (!codes.add(price.code())) {
                faults.add(new FieldError(at + ".code", "prices code " + price.code() + " a second time"));
            }
            if (Boolean.TRUE.equals(activity.weightByIntensity()) && price.rri() == null) {
                faults.add(new FieldError(at + ".rri", "is required to weight capitation by intensity"));
            }
            if (price.components() != null && !price.components().isEmpty()) {
                BigDecimal sum = price.components().stream().filter(c -> c != null && c.amount() != null)
                        .map(ContractTerms.PriceComponent::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (sum.compareTo(price.price()) != 0) {
                    faults.add(new FieldError(at + ".components", "add up to " + sum.toPlainString()
                            + ", not to the price " + price.price().toPlainString()));
                }
                repeats(price.components().stream().map(c -> c == null ? null : c.name()).toList(), at + ".components",
                        faults);
            }
        }
    }

    private static void bands(List<Band> bands, String at, List<FieldError> faults) {
        if (bands == null || bands.isEmpty() || bands.contains(null)) {
            return;
        }
        if (bands.get(0).fromPercent() != null && bands.get(0).fromPercent().signum() != 0) {
            faults.add(new FieldError(at + "[0].fromPercent", "must be 0: the first band starts at plan"));
        }
        for (int i = 1; i < bands.size(); i++) {
            BigDecimal before = bands.get(i - 1).fromPercent();
            BigDecimal from = bands.get(i).fromPercent();
            if (before != null && from != null && from.compareTo(before) <= 0) {
                faults.add(new FieldError(at + "[" + i + "].fromPercent", "must be above the band before it ("
                        + before.toPlainString() + ")"));
            }
        }
    }

    private static void quality(Terms terms, List<FieldError> faults) {
        ContractTerms.Quality quality = terms.quality();
        if ((quality.base() == null || quality.base() == ContractTerms.QualityBase.FIXED) && terms.fixed() == null) {
            faults.add(new FieldError("terms.quality.base", "is the fixed element: add a fixed component, or use CONTRACT_VALUE"));
        }
        if (quality.indicators() == null) {
            return;
        }
        repeats(quality.indicators().stream().map(i -> i == null ? null : i.measureId()).toList(),
                "terms.quality.indicators", faults);
        for (int i = 0; i < quality.indicators().size(); i++) {
            Indicator indicator = quality.indicators().get(i);
            String at = "terms.quality.indicators[" + i + "]";
            if (indicator == null || indicator.scale() != ContractTerms.IndicatorScale.LINEAR) {
                continue;
            }
            if (indicator.floor() == null) {
                faults.add(new FieldError(at + ".floor", "is required with LINEAR"));
            } else if (indicator.target() != null && indicator.direction() != null) {
                boolean higher = indicator.direction() == ContractTerms.IndicatorDirection.HIGHER_IS_BETTER;
                int side = higher ? indicator.floor().compareTo(indicator.target())
                        : indicator.target().compareTo(indicator.floor());
                if (side >= 0) {
                    faults.add(new FieldError(at + ".floor", higher ? "must be below the target (higher is better)"
                            : "must be above the target (lower is better)"));
                }
            }
        }
    }

    private static void repeats(List<String> values, String at, List<FieldError> faults) {
        if (values == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value != null && !seen.add(value)) {
                faults.add(new FieldError(at, "names " + value + " more than once"));
            }
        }
    }
}
