package org.openpbr.contract.statement.rule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.openpbr.contract.agreement.rule.Instalments;
import org.openpbr.contract.quality.rule.QualityIncentive;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule;

/**
 * A contract's statements: twelve monthly statements (payments on account), then the year end
 * (month 13). A monthly statement pays the fixed instalment, the activity of the month (paid units
 * x price, with the plan and marginal rate of the activity mode), holds back the quality withhold's
 * share, and corrects every earlier month whose activity changed since it was issued (late units,
 * resolved queries) with adjustment lines: an issued statement is never edited. The year end
 * settles the risk share on the year's activity value against plan, and the quality incentive on
 * its achievement, so that the monthly payments plus the year-end balance equal the annual
 * entitlement exactly. In shadow mode only the fixed element is paid; every other line is shown
 * as shadow and left out of the total.
 *
 * <p>Personal budgets: a unit held by a person with a personal health budget is paid to the
 * provider at the price less the budget (the price's person-directed components), on its own
 * activity line, and the budget is a {@code PERSONAL_BUDGET} line of its own, paid to the budget,
 * not the provider: so the provider's line plus the budget line is the full price, to the penny.
 * Budget lines are summed in the statement's budget total, beside the total. Budgets need every
 * unit paid at its price ({@code ALL_UNITS} at a rate of 1), so that the split is exact.
 *
 * <p>Every amount is in pennies: an activity amount is rounded once (half to even) by
 * {@link ActivityPayment}, an adjustment is a difference of such amounts, and the year-end
 * entitlement is plan + the exact risk-share adjustment, rounded once.
 */
public final class Settlement {

    public static final int YEAR_END = 13;
    private static final int MONTHS = 12;

    /** What a line is for. */
    public enum Kind {
        FIXED, ACTIVITY, ADJUSTMENT, QUALITY_WITHHOLD, QUALITY_EARNED, RISK_SHARE, FIXED_BALANCE, PERSONAL_BUDGET
    }

    /**
     * The units held by personal budgets, and the budget lines already issued.
     *
     * @param held   paid units of budget holders, by month and code (a part of the paid units)
     * @param issued budget amounts already issued, by month and code
     */
    public record Budgets(Map<Integer, Map<String, BigDecimal>> held, Map<Integer, Map<String, BigDecimal>> issued) {

        public static final Budgets NONE = new Budgets(Map.of(), Map.of());

        BigDecimal units(int month, String code) {
            return held.getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
        }
    }

    /**
     * The quality incentive: a withhold (held back monthly, earned back) or a bonus. Settled at
     * year end; or {@code quarterly}, when each quarter's last statement (months 3, 6, 9 and 12)
     * accrues what the pot of the quarters so far earns on the achievement reported by then, less
     * what was accrued before, and the year end settles the whole pot on the final achievement,
     * less every accrual.
     */
    public record Quality(boolean withhold, BigDecimal pot, List<QualityIncentive.Indicator> indicators, boolean quarterly) {

        public Quality(boolean withhold, BigDecimal pot, List<QualityIncentive.Indicator> indicators) {
            this(withhold, pot, indicators, false);
        }

        /** The pot of quarters 1 to {@code quarter}: quarters 1-3 a quarter each, rounded down; the fourth the rest. */
        BigDecimal potTo(int quarter) {
            BigDecimal each = pot.divide(BigDecimal.valueOf(4), 2, RoundingMode.DOWN);
            return quarter >= 4 ? pot : each.multiply(BigDecimal.valueOf(quarter));
        }
    }

    /** Quality so far: each indicator's latest achievement (null: not reported), and the accruals already issued. */
    public record QualityToDate(List<BigDecimal> achieved, BigDecimal accrued) {

        public static final QualityToDate NONE = new QualityToDate(List.of(), BigDecimal.ZERO);
    }

    /**
     * The contract's terms as settlement needs them.
     *
     * @param instalments  the fixed element's 12 instalments, or empty without one
     * @param mode         the activity mode, or null without an activity component
     * @param plan         planned units by month (1-12), then code
     * @param quality      or null
     * @param riskShare    or null
     * @param budgets      per code, the budget a holder's unit carries (the price's person-directed part)
     */
    public record Terms(boolean shadow, List<BigDecimal> instalments, ActivityPayment.Mode mode, BigDecimal marginalRate,
            Map<String, BigDecimal> prices, Map<Integer, Map<String, BigDecimal>> plan, Quality quality,
            RiskShareSchedule riskShare, Map<String, BigDecimal> budgets) {

        public Terms(boolean shadow, List<BigDecimal> instalments, ActivityPayment.Mode mode, BigDecimal marginalRate,
                Map<String, BigDecimal> prices, Map<Integer, Map<String, BigDecimal>> plan, Quality quality,
                RiskShareSchedule riskShare) {
            this(shadow, instalments, mode, marginalRate, prices, plan, quality, riskShare, Map.of());
        }

        BigDecimal budget(String code) {
            return budgets.getOrDefault(code, BigDecimal.ZERO);
        }

        BigDecimal planned(int month, String code) {
            return plan.getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
        }
    }

    /** One statement line: quantity x price x rate, rounded once, is the amount; {@code forMonth} is the month it pays for. */
    public record Line(Kind kind, int forMonth, String code, BigDecimal quantity, BigDecimal price, BigDecimal rate,
            BigDecimal amount, boolean shadow, String detail) {
    }

    /**
     * A statement: its lines, the total paid to the provider (the sum of the paid lines), the
     * shadow total beside it, and the budget total (the sum of the personal budget lines).
     */
    public record Statement(int month, List<Line> lines, BigDecimal total, BigDecimal shadowTotal, BigDecimal budgetTotal) {
    }

    private Settlement() {
    }

    /**
     * The statement for month {@code month} (1-12).
     *
     * @param paidUnits units paid by month and code, as validation judges them now, for months up to this one
     * @param issued    activity already issued, by month and code (activity plus adjustment lines)
     */
    public static Statement monthly(Terms terms, int month, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued) {
        return monthly(terms, month, paidUnits, issued, Budgets.NONE);
    }

    /** The statement for month {@code month} (1-12), with personal budgets. */
    public static Statement monthly(Terms terms, int month, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, Budgets budgets) {
        return monthly(terms, month, paidUnits, issued, budgets, QualityToDate.NONE);
    }

    /** The statement for month {@code month} (1-12), with personal budgets and quarterly quality accruals. */
    public static Statement monthly(Terms terms, int month, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, Budgets budgets, QualityToDate quality) {
        requireExactSplit(terms, budgets);
        if (month < 1 || month > MONTHS) {
            throw new IllegalArgumentException("a monthly statement is for months 1-12");
        }
        List<Line> lines = new ArrayList<>();
        if (!terms.instalments().isEmpty()) {
            BigDecimal instalment = terms.instalments().get(month - 1);
            lines.add(new Line(Kind.FIXED, month, null, BigDecimal.ONE, instalment, BigDecimal.ONE, instalment, false,
                    "fixed instalment " + month + " of 12"));
        }
        if (terms.quality() != null && terms.quality().withhold()) {
            BigDecimal held = Instalments.equal(terms.quality().pot()).get(month - 1);
            lines.add(new Line(Kind.QUALITY_WITHHOLD, month, null, BigDecimal.ONE, held.negate(), BigDecimal.ONE,
                    held.negate(), terms.shadow(), "quality withhold " + month + " of 12, earned back "
                            + (terms.quality().quarterly() ? "quarter by quarter" : "at year end")));
        }
        if (terms.quality() != null && terms.quality().quarterly() && month % 3 == 0) {
            int quarter = month / 3;
            BigDecimal pot = terms.quality().potTo(quarter);
            BigDecimal earned = QualityIncentive.settle(pot, terms.quality().indicators(), quality.achieved()).earned();
            BigDecimal accrual = earned.subtract(quality.accrued());
            lines.add(new Line(Kind.QUALITY_EARNED, month, null, BigDecimal.ONE, accrual, BigDecimal.ONE, accrual,
                    terms.shadow(), "quality accrued for quarters 1-" + quarter + ": " + plain(earned) + " of "
                            + plain(pot) + " on the achievement reported so far, less " + plain(quality.accrued())
                            + " accrued before"));
        }
        if (terms.mode() != null) {
            adjustments(terms, month - 1, paidUnits, issued, budgets, lines);
            for (String code : codes(terms, month, paidUnits, Map.of())) {
                activity(terms, month, code, paidUnits, budgets, lines);
            }
        }
        return statement(month, lines);
    }

    /**
     * The year-end statement (month 13): the last adjustments, the risk share on the year, the
     * quality incentive settled, and any fixed element not yet paid.
     *
     * @param issuedFixed the fixed instalments already paid
     * @param achieved    each quality indicator's achievement (null: not reported, earns nothing)
     */
    public static Statement yearEnd(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, BigDecimal issuedFixed, List<BigDecimal> achieved) {
        return yearEnd(terms, paidUnits, issued, issuedFixed, achieved, Budgets.NONE);
    }

    /** The year-end statement, with personal budgets. */
    public static Statement yearEnd(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, BigDecimal issuedFixed, List<BigDecimal> achieved,
            Budgets budgets) {
        return yearEnd(terms, paidUnits, issued, issuedFixed, achieved, budgets, BigDecimal.ZERO);
    }

    /**
     * The year-end statement, with personal budgets; {@code accrued} is the quality already accrued
     * quarter by quarter (0 when settled at year end).
     */
    public static Statement yearEnd(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, BigDecimal issuedFixed, List<BigDecimal> achieved,
            Budgets budgets, BigDecimal accrued) {
        requireExactSplit(terms, budgets);
        List<Line> lines = new ArrayList<>();
        if (!terms.instalments().isEmpty()) {
            BigDecimal annual = terms.instalments().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal balance = annual.subtract(issuedFixed);
            if (balance.signum() != 0) {
                lines.add(new Line(Kind.FIXED_BALANCE, YEAR_END, null, BigDecimal.ONE, balance, BigDecimal.ONE, balance,
                        false, "fixed element not yet paid on account"));
            }
        }
        if (terms.mode() != null) {
            adjustments(terms, MONTHS, paidUnits, issued, budgets, lines);
            if (terms.riskShare() != null) {
                lines.add(riskShare(terms, paidUnits, issued, budgets, lines));
            }
        }
        if (terms.quality() != null) {
            QualityIncentive.Result result = QualityIncentive.settle(terms.quality().pot(), terms.quality().indicators(),
                    achieved);
            BigDecimal due = result.earned().subtract(accrued);
            lines.add(new Line(Kind.QUALITY_EARNED, YEAR_END, null, BigDecimal.ONE, due, BigDecimal.ONE, due, terms.shadow(),
                    "quality earned: " + result.earned().toPlainString() + " of " + result.pot().toPlainString()
                            + (terms.quality().withhold() ? " withheld" : " bonus")
                            + (accrued.signum() == 0 ? "" : ", less " + plain(accrued) + " accrued in the year")));
        }
        return statement(YEAR_END, lines);
    }

    /**
     * What the year is worth under the terms, with the units as they are now: the fixed element,
     * the activity (plan + risk share, or the activity payments month by month) and the quality
     * incentive's net (earned, less the withhold).
     */
    public static BigDecimal entitlement(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits,
            List<BigDecimal> achieved) {
        return entitlement(terms, paidUnits, achieved, Map.of());
    }

    /**
     * The provider's entitlement for the year, with personal budgets: as above, less what the
     * budgets are paid for the units their holders were given.
     */
    public static BigDecimal entitlement(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits,
            List<BigDecimal> achieved, Map<Integer, Map<String, BigDecimal>> held) {
        BigDecimal total = terms.instalments().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (terms.shadow()) {
            return total;
        }
        if (terms.mode() != null) {
            total = total.add(terms.riskShare() != null ? riskSharedActivity(terms, paidUnits) : sumOfMonths(terms, paidUnits))
                    .subtract(budgetsDue(terms, held));
        }
        if (terms.quality() != null) {
            BigDecimal earned = QualityIncentive.settle(terms.quality().pot(), terms.quality().indicators(), achieved)
                    .earned();
            total = total.add(terms.quality().withhold() ? earned.subtract(terms.quality().pot()) : earned);
        }
        return total;
    }

    private static BigDecimal sumOfMonths(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int month = 1; month <= MONTHS; month++) {
            for (String code : codes(terms, month, paidUnits, Map.of())) {
                sum = sum.add(activityAmount(terms, month, code, paidUnits));
            }
        }
        return sum;
    }

    /** Plan value + the risk-share adjustment on the year's actual value, rounded once. */
    private static BigDecimal riskSharedActivity(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits) {
        BigDecimal[] values = values(terms, paidUnits);
        RiskShareSchedule.Adjustment adjustment = terms.riskShare().apply(values[0], values[1]);
        return values[0].add(adjustment.exact()).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The year's plan value and actual value, exact. */
    private static BigDecimal[] values(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits) {
        BigDecimal plan = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        for (int month = 1; month <= MONTHS; month++) {
            for (Map.Entry<String, BigDecimal> p : terms.plan().getOrDefault(month, Map.of()).entrySet()) {
                plan = plan.add(p.getValue().multiply(price(terms, p.getKey())));
            }
            for (Map.Entry<String, BigDecimal> a : paidUnits.getOrDefault(month, Map.of()).entrySet()) {
                actual = actual.add(a.getValue().multiply(price(terms, a.getKey())));
            }
        }
        return new BigDecimal[] { plan, actual };
    }

    private static Line riskShare(Terms terms, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, Budgets budgets, List<Line> adjustments) {
        // The activity is worth plan + the commissioner's share; the provider and the budgets were paid on account.
        BigDecimal onAccount = BigDecimal.ZERO;
        for (Map<Integer, Map<String, BigDecimal>> paid : List.of(issued, budgets.issued())) {
            for (Map<String, BigDecimal> byCode : paid.values()) {
                onAccount = onAccount.add(byCode.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        for (Line line : adjustments) {
            if (line.kind() == Kind.ADJUSTMENT || line.kind() == Kind.PERSONAL_BUDGET) {
                onAccount = onAccount.add(line.amount());
            }
        }
        BigDecimal[] values = values(terms, paidUnits);
        RiskShareSchedule.Adjustment adjustment = terms.riskShare().apply(values[0], values[1]);
        BigDecimal entitlement = riskSharedActivity(terms, paidUnits);
        BigDecimal balance = entitlement.subtract(onAccount);
        return new Line(Kind.RISK_SHARE, YEAR_END, null, null, null, null, balance, terms.shadow(),
                "plan " + plain(values[0]) + ", actual " + plain(values[1]) + ", variance " + plain(adjustment.variance())
                        + ": the commissioner's share " + plain(adjustment.amount()) + (adjustment.capped() ? " (capped)" : "")
                        + ", the provider's " + plain(adjustment.providerShare()) + "; activity entitlement "
                        + plain(entitlement) + " less " + plain(onAccount) + " paid on account"
                        + (budgets.held().isEmpty() ? "" : " (personal budgets included)"));
    }

    /** Corrects months 1 to {@code upTo} whose activity (or budgets) now differ from what was issued for them. */
    private static void adjustments(Terms terms, int upTo, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued, Budgets budgets, List<Line> lines) {
        for (int month = 1; month <= upTo; month++) {
            TreeSet<String> codes = codes(terms, month, paidUnits, issued);
            codes.addAll(budgets.held().getOrDefault(month, Map.of()).keySet());
            codes.addAll(budgets.issued().getOrDefault(month, Map.of()).keySet());
            for (String code : codes) {
                BigDecimal units = units(paidUnits, month, code);
                BigDecimal price = price(terms, code);
                BigDecimal already = issued.getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
                BigDecimal due = providerAmount(terms, month, code, paidUnits, budgets);
                if (due.compareTo(already) != 0) {
                    lines.add(new Line(Kind.ADJUSTMENT, month, code, units, price, terms.marginalRate(), due.subtract(already),
                            terms.shadow(), "month " + month + " now " + plain(due) + ", issued " + plain(already) + "; "
                                    + activityDetail(terms, month, code, units)));
                }
                BigDecimal held = budgets.units(month, code);
                BigDecimal budgetDue = held.multiply(terms.budget(code));
                BigDecimal budgetIssued = budgets.issued().getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
                if (budgetDue.compareTo(budgetIssued) != 0) {
                    lines.add(new Line(Kind.PERSONAL_BUDGET, month, code, held, terms.budget(code), BigDecimal.ONE,
                            budgetDue.subtract(budgetIssued), terms.shadow(), "month " + month + " budgets now "
                                    + plain(budgetDue) + ", issued " + plain(budgetIssued) + "; paid to the budgets, not the provider"));
                }
            }
        }
    }

    /**
     * The month's activity lines for a code: its units at the price, and, for units of budget
     * holders, a line at the price less the budget and the budget's own line.
     */
    private static void activity(Terms terms, int month, String code, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Budgets budgets, List<Line> lines) {
        BigDecimal units = units(paidUnits, month, code);
        BigDecimal held = budgets.units(month, code);
        BigDecimal price = price(terms, code);
        BigDecimal budget = terms.budget(code);
        if (held.signum() == 0 || budget.signum() == 0) {
            lines.add(new Line(Kind.ACTIVITY, month, code, units, price, terms.marginalRate(),
                    activityAmount(terms, month, code, paidUnits), terms.shadow(), activityDetail(terms, month, code, units)));
            return;
        }
        BigDecimal others = units.subtract(held);
        if (others.signum() != 0) {
            lines.add(new Line(Kind.ACTIVITY, month, code, others, price, BigDecimal.ONE, others.multiply(price), terms.shadow(),
                    activityDetail(terms, month, code, units) + "; these are the units of people without a personal budget"));
        }
        BigDecimal providerPrice = price.subtract(budget);
        lines.add(new Line(Kind.ACTIVITY, month, code, held, providerPrice, BigDecimal.ONE, held.multiply(providerPrice),
                terms.shadow(), plain(held) + " units of personal budget holders, at the price " + plain(price)
                        + " less the budget " + plain(budget)));
        lines.add(new Line(Kind.PERSONAL_BUDGET, month, code, held, budget, BigDecimal.ONE, held.multiply(budget),
                terms.shadow(), "personal budgets for " + plain(held) + " units of code " + code
                        + ": paid to the budgets, not the provider"));
    }

    private static String activityDetail(Terms terms, int month, String code, BigDecimal units) {
        return "planned " + plain(terms.planned(month, code)) + ", paid units " + plain(units) + ", mode " + terms.mode();
    }

    /** What the provider is due for a month's code: the activity amount less its holders' budgets. */
    private static BigDecimal providerAmount(Terms terms, int month, String code,
            Map<Integer, Map<String, BigDecimal>> paidUnits, Budgets budgets) {
        return activityAmount(terms, month, code, paidUnits).subtract(budgets.units(month, code).multiply(terms.budget(code)));
    }

    /** The budgets due for the year: held units x budget. */
    private static BigDecimal budgetsDue(Terms terms, Map<Integer, Map<String, BigDecimal>> held) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, BigDecimal> byCode : held.values()) {
            for (Map.Entry<String, BigDecimal> e : byCode.entrySet()) {
                sum = sum.add(e.getValue().multiply(terms.budget(e.getKey())));
            }
        }
        return sum;
    }

    /** A budget is carved out of a price exactly only when every unit is paid at its price. */
    private static void requireExactSplit(Terms terms, Budgets budgets) {
        boolean held = budgets.held().values().stream().anyMatch(m -> m.values().stream().anyMatch(u -> u.signum() != 0));
        if (held && (terms.mode() != ActivityPayment.Mode.ALL_UNITS || terms.marginalRate().compareTo(BigDecimal.ONE) != 0)) {
            throw new IllegalArgumentException("personal budgets need every unit paid at its price (ALL_UNITS at a rate of 1)");
        }
    }

    private static BigDecimal units(Map<Integer, Map<String, BigDecimal>> paidUnits, int month, String code) {
        return paidUnits.getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
    }

    private static BigDecimal activityAmount(Terms terms, int month, String code,
            Map<Integer, Map<String, BigDecimal>> paidUnits) {
        BigDecimal units = paidUnits.getOrDefault(month, Map.of()).getOrDefault(code, BigDecimal.ZERO);
        return ActivityPayment.of(terms.mode(), terms.planned(month, code), units, price(terms, code),
                terms.marginalRate()).amount();
    }

    private static BigDecimal price(Terms terms, String code) {
        return terms.prices().getOrDefault(code, BigDecimal.ZERO);
    }

    /** The codes a month's activity is about: planned, paid, or issued before. */
    private static TreeSet<String> codes(Terms terms, int month, Map<Integer, Map<String, BigDecimal>> paidUnits,
            Map<Integer, Map<String, BigDecimal>> issued) {
        TreeSet<String> codes = new TreeSet<>(terms.plan().getOrDefault(month, Map.of()).keySet());
        codes.addAll(paidUnits.getOrDefault(month, Map.of()).keySet());
        codes.addAll(issued.getOrDefault(month, Map.of()).keySet());
        return codes;
    }

    private static Statement statement(int month, List<Line> lines) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        BigDecimal shadow = BigDecimal.ZERO.setScale(2);
        BigDecimal budgets = BigDecimal.ZERO.setScale(2);
        for (Line line : lines) {
            if (line.kind() == Kind.PERSONAL_BUDGET) {
                budgets = budgets.add(line.amount());
            } else if (line.shadow()) {
                shadow = shadow.add(line.amount());
            } else {
                total = total.add(line.amount());
            }
        }
        return new Statement(month, List.copyOf(lines), total, shadow, budgets);
    }

    private static String plain(BigDecimal value) {
        return value.round(MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
    }
}
