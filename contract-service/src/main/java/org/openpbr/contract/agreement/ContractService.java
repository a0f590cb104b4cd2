package org.openpbr.contract.agreement;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * A contract's life. Either party drafts; one party offers a version and the other countersigns it;
 * an agreed version never changes, and a variation is a new version agreed again. The commissioner
 * acts through its contract-manager, the provider through its finance team. Anyone whose
 * organisation is not a party gets the same 404 as for a contract that does not exist.
 */
@ApplicationScoped
public class ContractService {

    /** Which party the caller's organisation is in a contract. */
    public enum Side {
        COMMISSIONER, PROVIDER
    }

    /** The plan may be set by the commissioner when none is agreed this many months after the start. */
    static final int PLAN_SET_AFTER_MONTHS = 3;
    static final String PLAN_SET_REASON = "No plan agreed within 3 months of the start of the year";

    /** A version with what the API shows of it. */
    public record Stored(ContractViews.Version view, String etag) {
    }

    @Inject
    ContractQueries queries;

    @Inject
    ContractPricing pricing;

    @Inject
    AuditTrail audit;

    @Transactional
    public Stored create(Caller caller, ContractViews.Draft draft) {
        LocalDate start = LocalDate.of(Integer.parseInt(draft.financialYear().substring(0, 4)), 4, 1);
        ContractQueries.ContractRow contract = new ContractQueries.ContractRow(UUID.randomUUID(), 0,
                draft.reference().strip(), draft.commissionerCode(), draft.providerCode(), draft.financialYear(), start);
        Side side = side(caller, contract).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "You can draft only contracts your organisation is a party to (commissionerCode or providerCode)"));
        requireActing(caller, side);
        ContractPricing.Priced priced = pricing.price(draft, contract.yearStart(), contract.yearEnd());
        queries.lockParties(contract.commissionerCode(), contract.providerCode());
        if (queries.referenceTaken(contract.commissionerCode(), contract.providerCode(), contract.reference())) {
            throw ProblemException.conflict("These parties already have a contract with reference " + contract.reference());
        }
        queries.insertContract(contract, by(caller));
        ContractQueries.VersionRow version = row(UUID.randomUUID(), contract.id(), 1, draft, priced, caller);
        queries.insertVersion(version);
        queries.replacePrices(version.id(), priced.prices());
        queries.replacePlan(version.id(), draft.plan() == null ? List.of() : draft.plan());
        audit.record(caller, "contract.drafted", "contract", contract.id().toString(), draft.reason(),
                Map.of("reference", contract.reference(), "version", 1));
        return read(caller, contract.id(), 1);
    }

    /** Replaces a draft's content; needs the ETag last read. */
    @Transactional
    public Stored update(Caller caller, UUID id, int number, ContractViews.Draft draft, String ifMatch) {
        Step step = step(caller, id, number, ifMatch);
        ContractQueries.ContractRow contract = step.contract();
        ContractQueries.VersionRow before = step.version();
        if (before.status() != ContractStatus.DRAFT) {
            throw ProblemException.conflict("Version " + number + " is " + before.status()
                    + (before.status() == ContractStatus.OFFERED ? ": return it to draft first" : " and never changes: start a variation"));
        }
        Faults faults = new Faults();
        unchanged(faults, "reference", contract.reference(), draft.reference().strip());
        unchanged(faults, "commissionerCode", contract.commissionerCode(), draft.commissionerCode());
        unchanged(faults, "providerCode", contract.providerCode(), draft.providerCode());
        unchanged(faults, "financialYear", contract.financialYear(), draft.financialYear());
        faults.throwIfAny();
        ContractPricing.Priced priced = pricing.price(draft, contract.yearStart(), contract.yearEnd());
        queries.updateDraft(row(before.id(), id, number, draft, priced, caller), by(caller));
        queries.replacePrices(before.id(), priced.prices());
        queries.replacePlan(before.id(), draft.plan() == null ? List.of() : draft.plan());
        audit.record(caller, "contract.edited", "contract", id.toString(), draft.reason(),
                Map.of("version", number, "revision", before.revision() + 1));
        return read(caller, id, number);
    }

    /** Offers a draft to the other party, signed by the caller's party. */
    @Transactional
    public Stored offer(Caller caller, UUID id, int number, String ifMatch, String note) {
        Step step = step(caller, id, number, ifMatch);
        ContractQueries.VersionRow before = step.version();
        if (before.status() != ContractStatus.DRAFT) {
            throw ProblemException.conflict("Only a draft can be offered; version " + number + " is " + before.status());
        }
        queries.offer(before.id(), by(caller), caller.requireOrgCode());
        audit.record(caller, "contract.offered", "contract", id.toString(), note, Map.of("version", number));
        return read(caller, id, number);
    }

    /** Countersigns an offered version: the other party's signature makes it AGREED and immutable. */
    @Transactional
    public Stored agree(Caller caller, UUID id, int number, String ifMatch, String note) {
        Step step = step(caller, id, number, ifMatch);
        ContractQueries.VersionRow before = step.version();
        if (before.status() != ContractStatus.OFFERED) {
            throw ProblemException.conflict("Only an offered version can be agreed; version " + number + " is "
                    + before.status());
        }
        if (before.offered().orgCode().equals(caller.requireOrgCode())) {
            throw ProblemException.conflict("Your party offered version " + number
                    + "; the other party countersigns it");
        }
        queries.agree(before.id(), by(caller), caller.requireOrgCode());
        audit.record(caller, "contract.agreed", "contract", id.toString(), note, Map.of("version", number));
        return read(caller, id, number);
    }

    /** Returns an offered version to draft: withdrawn by the party that offered it, or declined by the other. */
    @Transactional
    public Stored returnToDraft(Caller caller, UUID id, int number, String ifMatch, String note) {
        Step step = step(caller, id, number, ifMatch);
        ContractQueries.VersionRow before = step.version();
        if (before.status() != ContractStatus.OFFERED) {
            throw ProblemException.conflict("Only an offered version can be returned to draft; version " + number
                    + " is " + before.status());
        }
        boolean own = before.offered().orgCode().equals(caller.requireOrgCode());
        queries.returnToDraft(before.id(), by(caller));
        audit.record(caller, own ? "contract.offer-withdrawn" : "contract.offer-declined", "contract", id.toString(),
                note, Map.of("version", number));
        return read(caller, id, number);
    }

    /** Starts a variation: a new draft version with the latest agreed version's content. */
    @Transactional
    public Stored vary(Caller caller, UUID id, String note) {
        ContractQueries.ContractRow contract = lockedVisible(caller, id);
        requireActing(caller, side(caller, contract).orElseThrow());
        List<ContractQueries.VersionRow> versions = queries.versions(id);
        if (versions.stream().anyMatch(v -> v.status() != ContractStatus.AGREED)) {
            throw ProblemException.conflict("Version " + versions.get(versions.size() - 1).version()
                    + " is still being negotiated; agree it or edit it instead of starting another");
        }
        ContractQueries.VersionRow agreed = versions.get(versions.size() - 1);
        int number = agreed.version() + 1;
        ContractQueries.VersionRow next = new ContractQueries.VersionRow(UUID.randomUUID(), id, number,
                ContractStatus.DRAFT, 1, agreed.scheme(), agreed.schemeVersions(), agreed.teams(), agreed.shadow(),
                agreed.terms(), note, signature(caller), signature(caller), null, null);
        queries.insertVersion(next);
        queries.replacePrices(next.id(), queries.prices(agreed.id()));
        queries.replacePlan(next.id(), planEntries(agreed.id()));
        audit.record(caller, "contract.variation-started", "contract", id.toString(), note,
                Map.of("version", number, "from", agreed.version()));
        return read(caller, id, number);
    }

    /**
     * Sets the plan on the agreed version when none was agreed within 3 months of the start (the
     * 2025/26 rule): the commissioner's contract-manager only, recorded as set, not agreed.
     */
    @Transactional
    public Stored setPlan(Caller caller, UUID id, String csv, String reason, LocalDate today) {
        ContractQueries.ContractRow contract = lockedVisible(caller, id);
        Side side = side(caller, contract).orElseThrow();
        if (side != Side.COMMISSIONER || !caller.hasRole(Roles.CONTRACT_MANAGER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the commissioner's contract-manager sets a plan");
        }
        ContractQueries.VersionRow agreed = latestAgreed(id).orElseThrow(() -> ProblemException.conflict(
                "No version is agreed yet: a plan is agreed with the contract, and set only on an agreed one"));
        LocalDate from = contract.yearStart().plusMonths(PLAN_SET_AFTER_MONTHS);
        if (today.isBefore(from)) {
            throw ProblemException.conflict("The commissioner may set the plan only if none is agreed by " + from);
        }
        List<Row> existing = queries.planLines(agreed.id());
        if (!existing.isEmpty()) {
            throw ProblemException.conflict("Version " + agreed.version() + " already has a plan ("
                    + existing.get(0).text("basis") + "); change it by a variation");
        }
        if (agreed.terms().activity() == null) {
            throw ProblemException.conflict("Version " + agreed.version() + " has no activity component to plan");
        }
        List<ContractViews.PlanEntry> plan = PlanCsv.read(csv, contract, priceMap(agreed.id()));
        queries.setPlan(agreed.id(), plan, by(caller), reason);
        audit.record(caller, "contract.plan-set", "contract", id.toString(), reason,
                Map.of("version", agreed.version(), "lines", plan.size()));
        return read(caller, id, agreed.version());
    }

    /** Replaces a draft's plan, from contract-monitoring CSV lines; needs the ETag last read. */
    @Transactional
    public Stored replacePlan(Caller caller, UUID id, int number, String csv, String ifMatch) {
        Step step = step(caller, id, number, ifMatch);
        ContractQueries.ContractRow contract = step.contract();
        ContractQueries.VersionRow before = step.version();
        if (before.status() != ContractStatus.DRAFT) {
            throw ProblemException.conflict("Only a draft's plan can be replaced; version " + number + " is " + before.status());
        }
        if (before.terms().activity() == null) {
            throw ProblemException.conflict("Version " + number + " has no activity component to plan");
        }
        List<ContractViews.PlanEntry> plan = PlanCsv.read(csv, contract, priceMap(before.id()));
        queries.replacePlan(before.id(), plan);
        queries.updateDraft(before, by(caller));
        audit.record(caller, "contract.plan-replaced", "contract", id.toString(), null,
                Map.of("version", number, "lines", plan.size()));
        return read(caller, id, number);
    }

    public Stored read(Caller caller, UUID id, int number) {
        ContractQueries.ContractRow contract = visible(caller, id);
        ContractQueries.VersionRow version = version(contract, number);
        return new Stored(view(contract, version), version.etag());
    }

    public ContractViews.Contract contract(Caller caller, UUID id, URI base) {
        return summary(visible(caller, id), base);
    }

    /** The contracts the caller's organisation is party to, a page at a time. */
    public Page<ContractViews.Contract> list(Caller caller, String financialYear, PageRequest request, UriInfo uri) {
        requireParty(caller);
        List<ContractQueries.ContractRow> rows = queries.contractsOf(caller.requireOrgCode(), financialYear,
                request.afterSequence(), request.fetchSize()).stream().filter(c -> side(caller, c).isPresent()).toList();
        Page<ContractQueries.ContractRow> page = Page.of(rows, request, ContractQueries.ContractRow::seq, uri);
        return new Page<>(page.items().stream().map(c -> summary(c, uri.getBaseUri())).toList(), page.next());
    }

    /** The latest agreed version of a contract, if any: the one that pays. */
    public Optional<ContractQueries.VersionRow> latestAgreed(UUID contractId) {
        List<ContractQueries.VersionRow> agreed = queries.versions(contractId).stream()
                .filter(v -> v.status() == ContractStatus.AGREED).toList();
        return agreed.isEmpty() ? Optional.empty() : Optional.of(agreed.get(agreed.size() - 1));
    }

    /** The caller's side in the contract, or empty when their organisation is not a party. */
    public static Optional<Side> side(Caller caller, ContractQueries.ContractRow contract) {
        Optional<String> org = caller.orgCode();
        Optional<OrgType> type = caller.orgType();
        if (org.isEmpty() || type.isEmpty() || caller.isServiceAccount()) {
            return Optional.empty();
        }
        if (type.get() == OrgType.COMMISSIONER && org.get().equals(contract.commissionerCode())) {
            return Optional.of(Side.COMMISSIONER);
        }
        if (type.get().isProvider() && org.get().equals(contract.providerCode())) {
            return Optional.of(Side.PROVIDER);
        }
        return Optional.empty();
    }

    /** The contract if the caller's organisation is a party; otherwise 404, as if it did not exist. */
    public ContractQueries.ContractRow visible(Caller caller, UUID id) {
        requireParty(caller);
        return queries.contract(id).filter(c -> side(caller, c).isPresent())
                .orElseThrow(() -> ProblemException.notFound("Contract " + id));
    }

    /** A step on a version: the contract locked, the caller acting for its party, the ETag matched. */
    private record Step(ContractQueries.ContractRow contract, ContractQueries.VersionRow version) {
    }

    private Step step(Caller caller, UUID id, int number, String ifMatch) {
        ContractQueries.ContractRow contract = lockedVisible(caller, id);
        requireActing(caller, side(caller, contract).orElseThrow());
        ContractQueries.VersionRow version = version(contract, number);
        checkIfMatch(version, ifMatch);
        return new Step(contract, version);
    }

    private ContractQueries.ContractRow lockedVisible(Caller caller, UUID id) {
        visible(caller, id);
        return queries.lockContract(id).orElseThrow();
    }

    /** Who may use contracts at all, decided before any record is looked at. */
    private static void requireParty(Caller caller) {
        caller.requireOrgCode();
        if (caller.orgType().isEmpty() || caller.orgType().get() == OrgType.NATIONAL) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Contracts are open to their commissioner and provider only");
        }
    }

    /** 403 unless the caller holds its party's acting role: the commissioner's contract-manager, the provider's finance. */
    public static void requireActing(Caller caller, Side side) {
        String role = side == Side.COMMISSIONER ? Roles.CONTRACT_MANAGER : Roles.FINANCE;
        if (!caller.hasRole(role)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "For the " + side.name().toLowerCase()
                    + ", contracts are drafted, offered and agreed by its " + role + " role");
        }
    }

    private ContractQueries.VersionRow version(ContractQueries.ContractRow contract, int number) {
        return queries.version(contract.id(), number)
                .orElseThrow(() -> ProblemException.notFound("Version " + number + " of contract " + contract.id()));
    }

    private static void checkIfMatch(ContractQueries.VersionRow before, String ifMatch) {
        IfMatch.requirePresent(ifMatch, "Send the version's ETag in If-Match (GET the version to read it)");
        IfMatch.requireMatch(ifMatch, before.etag(), "Version " + before.version()
                + " has changed since you read it (now revision " + before.revision() + "); GET it again and retry");
    }

    private static void unchanged(Faults faults, String field, String stored, String sent) {
        if (!stored.equals(sent)) {
            faults.add(field, "cannot change (it is " + stored + "): a contract's parties, year and reference are fixed");
        }
    }

    private ContractQueries.VersionRow row(UUID versionId, UUID contractId, int number, ContractViews.Draft draft,
            ContractPricing.Priced priced, Caller caller) {
        ContractTerms.Terms terms = draft.terms();
        if (terms.activity() != null && priced.tariffVersion() != null) {
            ContractTerms.Activity a = terms.activity();
            terms = new ContractTerms.Terms(terms.shadow(), terms.fixed(), new ContractTerms.Activity(a.unit(),
                    a.priceSource(), a.tariffId(), priced.tariffVersion(), a.localPrices(), a.capitationRate(),
                    a.weightByIntensity(), a.mode(), a.marginalRatePercent(), a.tolerancePercent()), terms.quality(), terms.riskShare(),
                    terms.validation(), terms.personalBudgets());
        }
        return new ContractQueries.VersionRow(versionId, contractId, number, ContractStatus.DRAFT, 1,
                draft.scheme(), List.copyOf(draft.schemeVersions()), draft.teams() == null ? null : List.copyOf(draft.teams()),
                terms.shadow(), terms, draft.reason(), signature(caller), signature(caller), null, null);
    }

    private List<ContractViews.PlanEntry> planEntries(UUID versionId) {
        return queries.planLines(versionId).stream()
                .map(r -> new ContractViews.PlanEntry(r.integer("month"), r.text("code"), r.decimal("units"))).toList();
    }

    private Map<String, ContractViews.Price> priceMap(UUID versionId) {
        Map<String, ContractViews.Price> prices = new HashMap<>();
        queries.prices(versionId).forEach(p -> prices.put(p.code(), p));
        return prices;
    }

    private ContractViews.Version view(ContractQueries.ContractRow c, ContractQueries.VersionRow v) {
        List<ContractViews.Price> prices = queries.prices(v.id());
        Map<String, ContractViews.Price> byCode = new LinkedHashMap<>();
        prices.forEach(p -> byCode.put(p.code(), p));
        List<Row> rows = queries.planLines(v.id());
        List<ContractViews.PlanLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Row r : rows) {
            ContractViews.Price price = byCode.get(r.text("code"));
            BigDecimal value = price == null ? null : r.decimal("units").multiply(price.price());
            if (value != null) {
                total = total.add(value);
            }
            lines.add(new ContractViews.PlanLine(r.integer("month"), r.text("code"), r.decimal("units"),
                    price == null ? null : price.price(), value));
        }
        Optional<ContractQueries.PlanSetting> setting = queries.planSetting(v.id());
        String basis = rows.isEmpty() ? "NONE" : rows.get(0).text("basis");
        ContractViews.Plan plan = new ContractViews.Plan(basis, lines, total,
                setting.map(ContractQueries.PlanSetting::set).orElse(null),
                setting.map(ContractQueries.PlanSetting::reason).orElse(null));
        return new ContractViews.Version(c.id(), c.reference(), c.commissionerCode(), c.providerCode(),
                c.financialYear(), c.yearStart(), c.yearEnd(), v.version(), v.status().name(), v.revision(), v.scheme(),
                v.schemeVersions(), v.teams(), v.terms(), prices, plan, v.reason(), v.created(), v.updated(), v.offered(),
                v.agreed());
    }

    private ContractViews.Contract summary(ContractQueries.ContractRow c, URI base) {
        List<ContractViews.VersionSummary> versions = queries.versions(c.id()).stream()
                .map(v -> new ContractViews.VersionSummary(v.version(), v.status().name(), v.shadow(), v.offered(),
                        v.agreed(), base.resolve("/v1/contracts/" + c.id() + "/versions/" + v.version())))
                .toList();
        ContractViews.VersionSummary current = null;
        ContractViews.VersionSummary open = null;
        for (ContractViews.VersionSummary v : versions) {
            if ("AGREED".equals(v.status())) {
                current = v;
            } else {
                open = v;
            }
        }
        return new ContractViews.Contract(c.id(), c.reference(), c.commissionerCode(), c.providerCode(),
                c.financialYear(), c.yearStart(), c.yearEnd(), current, open, versions);
    }

    private static ContractViews.Signature signature(Caller caller) {
        return new ContractViews.Signature(by(caller), caller.orgCode().orElse(null), Instant.now());
    }

    static String by(Caller caller) {
        return caller.username().orElse(caller.subject());
    }
}
