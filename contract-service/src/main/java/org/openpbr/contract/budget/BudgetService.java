package org.openpbr.contract.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.contract.agreement.ContractQueries;
import org.openpbr.contract.agreement.ContractService;
import org.openpbr.contract.agreement.ContractTerms;
import org.openpbr.contract.agreement.ContractViews;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * Personal health budgets. Either party records that a person holds a budget for a code the
 * contract allows, for whole months of the contract year: the provider by its local id, the
 * commissioner by its pseudonym. Statements then pay that person's units to the provider at the
 * price less the budget (the price's person-directed components), and the budget on its own line.
 */
@ApplicationScoped
public class BudgetService {

    @Inject
    ContractService contracts;

    @Inject
    ContractQueries contractQueries;

    @Inject
    BudgetQueries queries;

    @Inject
    AuditTrail audit;

    @Transactional
    public BudgetViews.Budget record(Caller caller, UUID id, BudgetViews.Request request, URI base) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        ContractService.Side side = ContractService.side(caller, contract).orElseThrow();
        ContractService.requireActing(caller, side);
        contractQueries.lockContract(id);
        ContractQueries.VersionRow version = budgeted(id);
        List<FieldError> faults = new ArrayList<>();
        if (!version.terms().personalBudgets().codes().contains(request.code())) {
            faults.add(new FieldError("code", "is not a code the contract allows personal budgets for ("
                    + String.join(", ", version.terms().personalBudgets().codes()) + ")"));
        }
        LocalDate to = request.to() == null ? contract.yearEnd() : request.to();
        months(contract, request.from(), to, "from", request.to() == null ? null : "to", faults);
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
        String person = request.person().strip();
        boolean provider = side == ContractService.Side.PROVIDER;
        BudgetQueries.Holder draft = new BudgetQueries.Holder(UUID.randomUUID(), id, request.code(), provider ? person : null,
                provider ? null : person, request.from(), to, request.note(), by(caller), caller.requireOrgCode(), null, null,
                null);
        if (!queries.overlapping(id, request.code(), draft.localId(), draft.pseudonym(), request.from(), to, draft.id()).isEmpty()) {
            throw ProblemException.conflict("The person already holds a budget for code " + request.code()
                    + " in some of these months; end it first, or record the months after it");
        }
        queries.insert(draft);
        audit.record(caller, "budget.recorded", "contract", id.toString(), request.note(),
                Map.of("budgetId", draft.id().toString(), "code", request.code(), "from", request.from().toString(),
                        "to", to.toString()));
        return view(caller, contract, priced(contract, version), queries.holder(id, draft.id()).orElseThrow(), base);
    }

    @Transactional
    public BudgetViews.Budget end(Caller caller, UUID id, UUID budgetId, BudgetViews.End request, URI base) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        ContractService.requireActing(caller, ContractService.side(caller, contract).orElseThrow());
        contractQueries.lockContract(id);
        BudgetQueries.Holder holder = queries.holder(id, budgetId)
                .orElseThrow(() -> ProblemException.notFound("Personal budget " + budgetId + " of contract " + id));
        List<FieldError> faults = new ArrayList<>();
        if (!request.to().equals(YearMonth.from(request.to()).atEndOfMonth())) {
            faults.add(new FieldError("to", "must be the last day of a month: budgets run for whole months"));
        } else if (!request.to().isBefore(holder.to()) || request.to().isBefore(YearMonth.from(holder.from()).atEndOfMonth())) {
            faults.add(new FieldError("to", "must bring the end forward, to the end of a month from "
                    + YearMonth.from(holder.from()).atEndOfMonth() + " and before " + holder.to()));
        }
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(faults);
        }
        queries.end(budgetId, request.to(), by(caller));
        audit.record(caller, "budget.ended", "contract", id.toString(), request.note(),
                Map.of("budgetId", budgetId.toString(), "to", request.to().toString()));
        return view(caller, contract, priced(contract, budgeted(id)), queries.holder(id, budgetId).orElseThrow(), base);
    }

    public BudgetViews.BudgetList list(Caller caller, UUID id, URI base) {
        ContractQueries.ContractRow contract = readable(caller, id);
        List<BudgetQueries.Holder> holders = queries.holders(id);
        if (holders.isEmpty()) {
            return new BudgetViews.BudgetList(List.of());
        }
        Priced priced = priced(contract, contracts.latestAgreed(id).orElseThrow());
        return new BudgetViews.BudgetList(holders.stream().map(h -> view(caller, contract, priced, h, base)).toList());
    }

    public BudgetViews.Budget get(Caller caller, UUID id, UUID budgetId, URI base) {
        ContractQueries.ContractRow contract = readable(caller, id);
        BudgetQueries.Holder holder = queries.holder(id, budgetId)
                .orElseThrow(() -> ProblemException.notFound("Personal budget " + budgetId + " of contract " + id));
        return view(caller, contract, priced(contract, budgeted(id)), holder, base);
    }

    /** The contract's budgets, for settlement. */
    public List<BudgetQueries.Holder> holders(UUID contractId) {
        return queries.holders(contractId);
    }

    /** Per code the contract allows budgets for: the budget a unit carries, the sum of its person-directed components. */
    public static Map<String, BigDecimal> perUnit(ContractTerms.Terms terms, List<ContractViews.Price> prices) {
        Map<String, BigDecimal> budgets = new HashMap<>();
        if (terms.personalBudgets() == null) {
            return budgets;
        }
        for (ContractViews.Price p : prices) {
            if (terms.personalBudgets().codes().contains(p.code())) {
                budgets.put(p.code(), p.components().stream().filter(c -> terms.personalBudgets().components().contains(c.name()))
                        .map(ContractTerms.PriceComponent::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        return budgets;
    }

    /** What budget views read once per request: the version's prices, its person-directed components, and what the budgets paid. */
    private record Priced(ContractQueries.VersionRow version, Map<String, ContractViews.Price> prices,
            Map<UUID, List<Row>> periods) {
    }

    private Priced priced(ContractQueries.ContractRow contract, ContractQueries.VersionRow version) {
        Map<String, ContractViews.Price> prices = new HashMap<>();
        contractQueries.prices(version.id()).forEach(p -> prices.put(p.code(), p));
        Map<UUID, List<Row>> periods = new HashMap<>();
        for (Row r : queries.periods(contract.id())) {
            periods.computeIfAbsent(r.uuid("budget_id"), k -> new ArrayList<>()).add(r);
        }
        return new Priced(version, prices, periods);
    }

    private BudgetViews.Budget view(Caller caller, ContractQueries.ContractRow contract, Priced priced,
            BudgetQueries.Holder h, URI base) {
        boolean commissioner = ContractService.side(caller, contract).orElseThrow() == ContractService.Side.COMMISSIONER;
        ContractViews.Price price = priced.prices().getOrDefault(h.code(),
                new ContractViews.Price(h.code(), BigDecimal.ZERO, null, List.of()));
        ContractTerms.PersonalBudgets terms = priced.version().terms().personalBudgets();
        List<String> directed = terms == null ? List.of() : terms.components();
        List<BudgetViews.Component> budget = new ArrayList<>();
        List<BudgetViews.Component> kept = new ArrayList<>();
        for (ContractTerms.PriceComponent c : price.components()) {
            (directed.contains(c.name()) ? budget : kept).add(new BudgetViews.Component(c.name(), c.amount()));
        }
        BigDecimal perUnit = budget.stream().map(BudgetViews.Component::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BudgetViews.Period> periods = new ArrayList<>();
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        for (Row r : priced.periods().getOrDefault(h.id(), List.of())) {
            BigDecimal amount = r.decimal("units").multiply(perUnit);
            periods.add(new BudgetViews.Period(r.integer("month"), r.decimal("units"), amount));
            paid = paid.add(amount);
        }
        return new BudgetViews.Budget(h.id(), contract.id(), h.code(), commissioner ? h.pseudonym() : h.localId(), h.from(),
                h.to(), h.note(), h.recordedBy(), h.recordedOrg(), h.recordedAt(), h.endedBy(), h.endedAt(), price.price(),
                perUnit, price.price().subtract(perUnit), budget, kept, periods, paid,
                base.resolve("/v1/contracts/" + contract.id() + "/budgets/" + h.id()));
    }

    /** The latest agreed version, which must allow budgets. */
    private ContractQueries.VersionRow budgeted(UUID id) {
        ContractQueries.VersionRow version = contracts.latestAgreed(id).orElseThrow(() -> ProblemException.conflict(
                "No version of the contract is agreed: budgets are held under agreed terms"));
        if (version.terms().personalBudgets() == null) {
            throw ProblemException.conflict("The contract's terms allow no personal budgets (terms.personalBudgets); vary it first");
        }
        return version;
    }

    /** Budgets name people: the commissioner's contract-manager and the provider's roles may read them. */
    private ContractQueries.ContractRow readable(Caller caller, UUID id) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        if (ContractService.side(caller, contract).orElseThrow() == ContractService.Side.COMMISSIONER
                && !caller.hasRole(Roles.CONTRACT_MANAGER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Personal budgets name people: they are for the commissioner's"
                    + " contract-manager; statements show the budget totals to its analysts");
        }
        return contract;
    }

    private static void months(ContractQueries.ContractRow contract, LocalDate from, LocalDate to, String fromField,
            String toField, List<FieldError> faults) {
        if (from.getDayOfMonth() != 1) {
            faults.add(new FieldError(fromField, "must be the first day of a month: budgets run for whole months"));
        } else if (from.isBefore(contract.yearStart()) || from.isAfter(contract.yearEnd())) {
            faults.add(new FieldError(fromField, "must fall in the contract year " + contract.yearStart() + " to " + contract.yearEnd()));
        }
        if (toField != null) {
            if (!to.equals(YearMonth.from(to).atEndOfMonth())) {
                faults.add(new FieldError(toField, "must be the last day of a month: budgets run for whole months"));
            } else if (to.isBefore(from) || to.isAfter(contract.yearEnd())) {
                faults.add(new FieldError(toField, "must be from " + from + " to the year's end, " + contract.yearEnd()));
            }
        }
    }

    private static String by(Caller caller) {
        return caller.username().orElse(caller.subject());
    }
}
