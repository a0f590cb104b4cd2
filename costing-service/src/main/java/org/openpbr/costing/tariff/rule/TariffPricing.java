package org.openpbr.costing.tariff.rule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpbr.costing.run.rule.PennyAllocation;

/**
 * From cost to price: cost-neutral local prices (national guidance for mental health currencies).
 * Pure: no framework, no database.
 *
 * <ol>
 * <li>Each code's unit cost is its cost over its units in the run (cluster days, or review periods).
 * <li>The average unit cost is weighted by the planned units: sum(unit cost x units) / sum(units);
 * a code's relative resource intensity (RRI) is its unit cost over that average.
 * <li>A top-up is a percentage uplift paid on the units that carry its flag, so a code's priced
 * units are its units plus, for each flag, its flagged units x the uplift.
 * <li>The target is the contract value x (1 - efficiency). Prices are base x RRI, with the base
 * chosen so that sum(price x priced units) equals the target exactly; then each price is rounded
 * half-up to the penny, and what the rounding leaves (target - sum(rounded price x priced units))
 * is the residual, reported, never spread or hidden.
 * <li>Each price is split into components in proportion to the code's cost by component (staff
 * groups, ward stays, support overhead), in whole pennies that add up to the price.
 * </ol>
 *
 * The exact prices are worked with 34 significant digits (one division each), far below a penny.
 */
public final class TariffPricing {

    /** Working precision of the unrounded prices. */
    public static final MathContext EXACT = MathContext.DECIMAL128;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * A code's cost basis in the run and its planned activity.
     *
     * @param unitCost      the code's cost per unit in the run (unrounded)
     * @param plannedUnits  units planned (or the run's actual units)
     * @param flaggedUnits  units carrying each top-up flag, each at most plannedUnits
     * @param componentCost the code's cost by component, for unbundling; may be empty
     */
    public record CodeInput(String code, BigDecimal unitCost, BigDecimal plannedUnits,
            Map<String, BigDecimal> flaggedUnits, Map<String, BigDecimal> componentCost) {
    }

    public record Proposal(List<CodeInput> codes, BigDecimal contractValue, BigDecimal efficiencyPercent,
            Map<String, BigDecimal> topUpPercent) {
    }

    public record Component(String name, BigDecimal amount) {
    }

    public record CodePrice(String code, BigDecimal unitCost, BigDecimal rri, BigDecimal plannedUnits,
            BigDecimal pricedUnits, BigDecimal exactPrice, BigDecimal price, Map<String, BigDecimal> topUpPrices,
            BigDecimal plannedValue, List<Component> components) {
    }

    /**
     * @param averageUnitCost   activity-weighted average unit cost
     * @param target            contract value x (1 - efficiency)
     * @param plannedValue      sum(rounded price x priced units)
     * @param roundingResidual  target - plannedValue
     */
    public record Priced(BigDecimal averageUnitCost, BigDecimal target, BigDecimal base, List<CodePrice> codes,
            BigDecimal plannedValue, BigDecimal roundingResidual) {
    }

    /** Why a proposal cannot be priced. */
    public static final class Unpriceable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unpriceable(String message) {
            super(message);
        }
    }

    private TariffPricing() {
    }

    public static BigDecimal target(BigDecimal contractValue, BigDecimal efficiencyPercent) {
        return contractValue.multiply(BigDecimal.ONE.subtract(efficiencyPercent.divide(HUNDRED))).stripTrailingZeros();
    }

    public static Priced price(Proposal proposal) {
        BigDecimal units = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal pricedCost = BigDecimal.ZERO;
        List<BigDecimal> priced = new ArrayList<>();
        for (CodeInput code : proposal.codes()) {
            if (code.unitCost().signum() < 0) {
                throw new Unpriceable("code " + code.code() + " has a net credit in the run, so no price can follow from its cost");
            }
            units = units.add(code.plannedUnits());
            weighted = weighted.add(code.unitCost().multiply(code.plannedUnits()));
            BigDecimal p = pricedUnits(code, proposal.topUpPercent());
            priced.add(p);
            pricedCost = pricedCost.add(code.unitCost().multiply(p));
        }
        if (units.signum() <= 0) {
            throw new Unpriceable("no planned activity: plan some units of at least one code");
        }
        if (weighted.signum() <= 0) {
            throw new Unpriceable("the planned activity has no cost in the run, so there is nothing to scale prices by");
        }
        BigDecimal average = weighted.divide(units, EXACT);
        BigDecimal target = target(proposal.contractValue(), proposal.efficiencyPercent());
        // price = base x RRI = base x unit cost / average; sum(price x priced units) = target gives
        // base = target x average / sum(unit cost x priced units), and so price = unit cost x target / pricedCost.
        BigDecimal base = target.multiply(average).divide(pricedCost, EXACT);
        List<CodePrice> prices = new ArrayList<>();
        BigDecimal plannedValue = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < proposal.codes().size(); i++) {
            CodeInput code = proposal.codes().get(i);
            BigDecimal exact = code.unitCost().multiply(target).divide(pricedCost, EXACT);
            BigDecimal price = exact.setScale(2, RoundingMode.HALF_UP);
            Map<String, BigDecimal> topUps = new LinkedHashMap<>();
            proposal.topUpPercent().forEach((flag, percent) -> topUps.put(flag,
                    exact.multiply(HUNDRED.add(percent)).divide(HUNDRED, EXACT).setScale(2, RoundingMode.HALF_UP)));
            BigDecimal value = price.multiply(priced.get(i));
            plannedValue = plannedValue.add(value);
            prices.add(new CodePrice(code.code(), code.unitCost(), code.unitCost().divide(average, EXACT), code.plannedUnits(),
                    priced.get(i), exact, price, topUps, value, components(price, code.componentCost())));
        }
        return new Priced(average, target, base, prices, plannedValue, target.subtract(plannedValue));
    }

    /** Units plus, for each flag, its flagged units x the uplift. */
    static BigDecimal pricedUnits(CodeInput code, Map<String, BigDecimal> topUpPercent) {
        BigDecimal units = code.plannedUnits();
        for (Map.Entry<String, BigDecimal> flagged : code.flaggedUnits().entrySet()) {
            BigDecimal percent = topUpPercent.get(flagged.getKey());
            if (percent != null) {
                units = units.add(flagged.getValue().multiply(percent).divide(HUNDRED));
            }
        }
        return units;
    }

    /**
     * The price split by component in proportion to the code's cost by component, in whole pennies
     * adding up to the price. A component with a net credit takes no share (a negative part of a
     * price could not be bought elsewhere); with no positive component there is no split.
     */
    static List<Component> components(BigDecimal price, Map<String, BigDecimal> componentCost) {
        List<String> names = new ArrayList<>();
        List<BigDecimal> weights = new ArrayList<>();
        componentCost.forEach((name, cost) -> {
            if (cost.signum() > 0) {
                names.add(name);
                weights.add(cost);
            }
        });
        if (weights.isEmpty()) {
            return List.of();
        }
        List<BigDecimal> shares = PennyAllocation.share(price, weights);
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            components.add(new Component(names.get(i), shares.get(i)));
        }
        return components;
    }
}
