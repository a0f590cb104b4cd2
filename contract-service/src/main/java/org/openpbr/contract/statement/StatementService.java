package org.openpbr.contract.statement;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.openpbr.contract.ContractConfig;
import org.openpbr.contract.agreement.ContractQueries;
import org.openpbr.contract.agreement.ContractService;
import org.openpbr.contract.agreement.ContractTerms;
import org.openpbr.contract.agreement.ContractViews;
import org.openpbr.contract.agreement.rule.Instalments;
import org.openpbr.contract.budget.BudgetQueries;
import org.openpbr.contract.budget.BudgetService;
import org.openpbr.contract.claim.ClaimQueries;
import org.openpbr.contract.quality.QualityService;
import org.openpbr.contract.query.QueryQueries;
import org.openpbr.contract.riskshare.RiskShares;
import org.openpbr.contract.riskshare.rule.RiskShareSchedule;
import org.openpbr.contract.statement.rule.ActivityPayment;
import org.openpbr.contract.statement.rule.Settlement;
import org.openpbr.contract.validation.rule.PaymentValidation;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.feed.FeedPositions;
import org.openpbr.platform.hash.Sha256;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Statements: validates the contract's units (rule set pv-1) from the clustering data held, prices
 * them, settles them (see {@link Settlement}) and keeps the result as a draft that may be
 * recomputed, until the commissioner issues it. Months are issued in order, the year end after
 * month 12. A draft records the feed position and contract version it used; it is not issued
 * from data older than the configured age, nor once newer clustering data has arrived.
 */
@ApplicationScoped
public class StatementService {

    static final String FEED = "clustering";
    private static final int MAX_UNITS_PAGE = 1000;

    /** A statement with what the API shows of it. */
    public record Stored(StatementViews.Statement view, String etag) {
    }

    @Inject
    ContractService contracts;

    @Inject
    ContractQueries contractQueries;

    @Inject
    StatementQueries queries;

    @Inject
    FeedPositions positions;

    @Inject
    AuditTrail audit;

    @Inject
    ContractConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    QueryQueries accepted;

    @Inject
    QualityService quality;

    @Inject
    BudgetService budgets;

    @Inject
    ClaimQueries claims;

    /** Computes (or recomputes) the draft statement of a month, as of today. */
    @Transactional
    public Stored compute(Caller caller, UUID id, int month, boolean judgeAll, URI base, LocalDate today) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        ContractService.requireActing(caller, ContractService.side(caller, contract).orElseThrow());
        contractQueries.lockContract(id);
        StatementQueries.Header existing = queries.lockedHeader(id, month).orElse(null);
        if (existing != null && "ISSUED".equals(existing.status())) {
            throw ProblemException.conflict("The statement for month " + month
                    + " is issued and never changes; corrections appear as adjustments in the next statement");
        }
        StatementQueries.Header previous = requirePreviousIssued(id, month);
        ContractQueries.VersionRow version = contracts.latestAgreed(id).orElseThrow(() -> ProblemException.conflict(
                "No version of the contract is agreed: statements settle an agreed version"));
        Computed computed = settle(contract, version, month, today, previous, judgeAll);
        UUID statementId = existing == null ? UUID.randomUUID() : existing.id();
        List<StatementViews.Line> lines = new ArrayList<>();
        int n = 1;
        for (Settlement.Line line : computed.statement().lines()) {
            lines.add(new StatementViews.Line(n++, line.kind().name(), line.forMonth(), line.code(), line.quantity(),
                    line.price(), line.rate(), line.amount(), line.shadow(), line.detail()));
        }
        int[] counts = new int[3];
        computed.stated().forEach(u -> counts[u.unit().status().ordinal()]++);
        OffsetDateTime pulled = computed.pulledAt();
        ContractTerms.Activity activity = version.terms().activity();
        StatementQueries.Header header = new StatementQueries.Header(statementId, id, month, version.version(), "DRAFT", 1,
                PaymentValidation.RULE_SET, computed.position(), pulled == null ? null : pulled.toInstant(),
                activity == null ? null : activity.tariffId(), activity == null ? null : activity.tariffVersion(),
                computed.asOf(), null, by(caller), computed.statement().total(), computed.statement().shadowTotal(),
                computed.statement().budgetTotal(), counts[0], counts[1], counts[2], null, null, null, computed.intake(),
                computed.partners());
        queries.saveDraft(header, lines, computed.stated(), computed.withdrawn());
        audit.record(caller, "statement.computed", "contract", id.toString(), null,
                Map.of("month", month, "total", computed.statement().total().toPlainString(), "judged",
                        computed.judgedAll() ? "ALL" : "CHANGED"));
        return read(caller, id, month, base);
    }

    /** Issues a draft: from now on it never changes. Issuing an issued statement again returns it. */
    @Transactional
    public Stored issue(Caller caller, UUID id, int month, String ifMatch, URI base) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        if (ContractService.side(caller, contract).orElseThrow() != ContractService.Side.COMMISSIONER
                || !caller.hasRole(Roles.CONTRACT_MANAGER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Statements are issued by the commissioner's contract-manager");
        }
        contractQueries.lockContract(id);
        StatementQueries.Header header = queries.lockedHeader(id, month)
                .orElseThrow(() -> ProblemException.notFound("Statement for month " + month + " of contract " + id));
        IfMatch.requirePresent(ifMatch, "Send the statement's ETag in If-Match (GET the statement to read it)");
        if ("ISSUED".equals(header.status())) {
            if (!etag(header).equals(ifMatch.strip()) && !draftEtag(header).equals(ifMatch.strip())) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The statement has changed since you read it");
            }
            return read(caller, id, month, base);
        }
        IfMatch.requireMatch(ifMatch, etag(header), "The draft was recomputed since you read it (now revision "
                + header.revision() + "); GET it again and retry");
        requirePreviousIssued(id, month);
        ContractTerms.Terms terms = contractQueries.version(id, header.contractVersion()).orElseThrow().terms();
        boolean activity = terms.activity() != null;
        if (activity && terms.validation() != null && terms.validation().unitsFrom() == ContractTerms.UnitsFrom.CLAIMS
                && claims.sentSince(id, Math.min(month, 12), header.computedAt())) {
            throw ProblemException.conflict("A claims file has been sent since the draft was computed; recompute it"
                    + " (POST /v1/contracts/" + id + "/statements) and check it before issuing");
        }
        String position = positions.position(FEED);
        if (activity && !java.util.Objects.equals(position, header.feedPosition())) {
            throw ProblemException.conflict("New clustering data has arrived since the draft was computed; recompute it"
                    + " (POST /v1/contracts/" + id + "/statements) and check it before issuing");
        }
        Duration maxAge = config.statement().maxDataAge();
        if (activity && (header.dataAsOf() == null || header.dataAsOf().isBefore(Instant.now().minus(maxAge)))) {
            throw ProblemException.conflict("The draft's clustering data is as of "
                    + (header.dataAsOf() == null ? "never (the feed was never read)" : header.dataAsOf().toString())
                    + ", older than " + maxAge + ": pull it (POST /v1/caseload/sync), recompute the draft and issue that");
        }
        String hash = hash(header, queries.lines(header.id()));
        queries.issue(header.id(), hash, by(caller));
        queries.applyVerdicts(header.id(), id);
        audit.record(caller, "statement.issued", "contract", id.toString(), null,
                Map.of("month", month, "contentHash", hash, "total", header.total().toPlainString()));
        return read(caller, id, month, base);
    }

    public Stored read(Caller caller, UUID id, int month, URI base) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        StatementQueries.Header h = queries.header(id, month)
                .orElseThrow(() -> ProblemException.notFound("Statement for month " + month + " of contract " + id));
        ContractQueries.VersionRow version = contractQueries.version(id, h.contractVersion()).orElseThrow();
        Map<String, Long> byRule = new TreeMap<>();
        for (Row r : queries.ruleCounts(h.id())) {
            byRule.put(r.text("rule"), r.whole("units"));
        }
        StatementViews.Statement view = new StatementViews.Statement(id, contract.reference(), contract.commissionerCode(),
                contract.providerCode(), contract.financialYear(), month, h.status(), h.revision(), version.shadow(),
                new StatementViews.Source(h.contractVersion(), h.ruleSet(), h.feedPosition(), h.dataAsOf(), h.tariffId(),
                        h.tariffVersion(), h.asOfDate()),
                queries.lines(h.id()), h.total(), h.shadowTotal(), h.budgetTotal(),
                new StatementViews.UnitCounts(h.payable(), h.queried(), h.rejected(), byRule, queries.withdrawnCount(h.id())),
                h.computedAt(),
                h.computedBy(), h.contentHash(), h.issuedAt(), h.issuedBy(),
                base.resolve("/v1/contracts/" + id + "/statements/" + month + "/units"));
        return new Stored(view, etag(h));
    }

    public List<StatementViews.Summary> list(Caller caller, UUID id, URI base) {
        contracts.visible(caller, id);
        return queries.headers(id).stream().map(h -> new StatementViews.Summary(h.month(), h.status(), h.total(),
                h.shadowTotal(), h.computedAt(), h.issuedAt(), h.contentHash(),
                base.resolve("/v1/contracts/" + id + "/statements/" + h.month()))).toList();
    }

    /** A page of a statement's units: the commissioner sees pseudonyms, the provider its local ids. */
    public StatementViews.UnitPage units(Caller caller, UUID id, int month, String status, String after, int limit,
            URI base) {
        ContractQueries.ContractRow contract = contracts.visible(caller, id);
        boolean commissioner = ContractService.side(caller, contract).orElseThrow() == ContractService.Side.COMMISSIONER;
        if (commissioner && !caller.hasRole(Roles.CONTRACT_MANAGER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Record-level units are for the commissioner's"
                    + " contract-manager (payment validation); the statement's counts are open to its analysts");
        }
        StatementQueries.Header h = queries.header(id, month)
                .orElseThrow(() -> ProblemException.notFound("Statement for month " + month + " of contract " + id));
        int rows = Math.min(Math.max(limit, 1), MAX_UNITS_PAGE);
        List<Row> page = queries.units(h.id(), status, after == null ? "" : after, rows + 1);
        List<StatementViews.Unit> items = new ArrayList<>();
        for (Row r : page.subList(0, Math.min(rows, page.size()))) {
            Map<String, String> evidence = read(r.text("evidence"), new TypeReference<Map<String, String>>() {
            });
            if (commissioner) {
                // The provider's local id of the person (a claim's) is the provider's own.
                evidence.remove("localId");
            }
            items.add(new StatementViews.Unit(r.text("unit_key"), r.integer("month"), r.text("code"), r.decimal("quantity"),
                    r.text("status"), r.flag("paid"), commissioner ? r.text("pseudonym") : r.text("local_id"),
                    read(r.text("reasons"), new TypeReference<List<StatementViews.Reason>>() {
                    }), evidence, r.uuid("budget_id")));
        }
        URI next = page.size() > rows ? base.resolve("/v1/contracts/" + id + "/statements/" + month + "/units?limit="
                + rows + "&after=" + java.net.URLEncoder.encode(items.get(items.size() - 1).key(), StandardCharsets.UTF_8)
                + (status == null ? "" : "&status=" + status)) : null;
        return new StatementViews.UnitPage(items, next);
    }

    /** Which personal budget, if any, holds a unit: the person's, for its code, in the month it starts. */
    private static final class HeldBy {

        private final Map<String, List<BudgetQueries.Holder>> byPerson = new HashMap<>();

        HeldBy(List<BudgetQueries.Holder> holders) {
            for (BudgetQueries.Holder h : holders) {
                if (h.localId() != null) {
                    byPerson.computeIfAbsent("L" + h.localId(), k -> new ArrayList<>()).add(h);
                }
                if (h.pseudonym() != null) {
                    byPerson.computeIfAbsent("P" + h.pseudonym(), k -> new ArrayList<>()).add(h);
                }
            }
        }

        UUID budget(PaymentValidation.Unit u, PaymentValidation.Episode e) {
            String from = u.evidence().get("from");
            if (byPerson.isEmpty() || e == null || from == null) {
                return null;
            }
            LocalDate day = LocalDate.parse(from);
            for (String person : List.of("L" + e.localId(), "P" + e.pseudonym())) {
                for (BudgetQueries.Holder h : byPerson.getOrDefault(person, List.of())) {
                    if (h.code().equals(u.code()) && !day.isBefore(h.from()) && !day.isAfter(h.to())) {
                        return h.id();
                    }
                }
            }
            return null;
        }
    }

    /**
     * What a statement is worth: the settlement, the units it states and those it withdraws, and
     * what it was judged against.
     */
    private record Computed(Settlement.Statement statement, List<StatementQueries.StoredUnit> stated,
            List<StatementQueries.Verdict> withdrawn, LocalDate asOf, long intake, String position, OffsetDateTime pulledAt,
            List<String> partners, boolean judgedAll) {
    }

    /** The units judged for a statement, and the last stated verdicts they replace. */
    private record Judged(List<PaymentValidation.Unit> units, Map<String, PaymentValidation.Episode> episodes,
            List<StatementQueries.Verdict> replaced, boolean all) {
    }

    private Computed settle(ContractQueries.ContractRow contract, ContractQueries.VersionRow version, int month,
            LocalDate today, StatementQueries.Header previous, boolean judgeAll) {
        // First, so that no feed page lands while the statement is judged (see CaseloadQueries.nextIntake).
        long intake = queries.lockIntake();
        String position = positions.current(FEED);
        OffsetDateTime pulledAt = positions.lastPulledAt(FEED);
        ContractTerms.Terms terms = version.terms();
        List<ContractViews.Price> prices = contractQueries.prices(version.id());
        Map<String, BigDecimal> priceOf = new HashMap<>();
        prices.forEach(p -> priceOf.put(p.code(), p.price()));
        LocalDate monthEnd = monthEnd(contract, month);
        LocalDate asOf = today.isBefore(monthEnd) ? today : monthEnd;
        List<String> partners = terms.activity() == null ? List.of()
                : queries.partners(contract.providerCode(), contract.commissionerCode(), contract.financialYear());
        List<BudgetQueries.Holder> holders = terms.personalBudgets() == null ? List.of() : budgets.holders(contract.id());
        Judged judged = terms.activity() == null ? new Judged(List.of(), Map.of(), List.of(), true)
                : judge(contract, version, priceOf, month, asOf, previous, partners, holders, judgeAll);
        int upTo = Math.min(month, 12);
        HeldBy heldBy = new HeldBy(holders);
        Map<Integer, Map<String, BigDecimal>> paid = new HashMap<>();
        Map<Integer, Map<String, BigDecimal>> held = new HashMap<>();
        if (!judged.all()) {
            // The units not judged again stand as last stated.
            for (Row r : queries.verdictTotals(contract.id())) {
                paid.computeIfAbsent(r.integer("month"), k -> new HashMap<>()).merge(r.text("code"), r.decimal("paid"),
                        BigDecimal::add);
                held.computeIfAbsent(r.integer("month"), k -> new HashMap<>()).merge(r.text("code"), r.decimal("held"),
                        BigDecimal::add);
            }
            for (StatementQueries.Verdict v : judged.replaced()) {
                if (v.paid()) {
                    paid.computeIfAbsent(v.month(), k -> new HashMap<>()).merge(v.code(), v.quantity().negate(), BigDecimal::add);
                    if (v.budgetId() != null) {
                        held.computeIfAbsent(v.month(), k -> new HashMap<>()).merge(v.code(), v.quantity().negate(),
                                BigDecimal::add);
                    }
                }
            }
        }
        Map<String, UUID> budgetOf = new HashMap<>();
        for (PaymentValidation.Unit u : judged.units()) {
            UUID budget = heldBy.budget(u, judged.episodes().get(u.evidence().get("episodeId")));
            if (budget != null) {
                budgetOf.put(u.key(), budget);
            }
            if (u.paid() && u.month() <= upTo) {
                paid.computeIfAbsent(u.month(), k -> new HashMap<>()).merge(u.code(), u.quantity(), BigDecimal::add);
                if (budget != null) {
                    held.computeIfAbsent(u.month(), k -> new HashMap<>()).merge(u.code(), u.quantity(), BigDecimal::add);
                }
            }
        }
        dropZeros(paid);
        dropZeros(held);
        Settlement.Terms settlement = settlementTerms(version, priceOf, prices);
        Map<Integer, Map<String, BigDecimal>> issued = queries.issuedActivity(contract.id());
        Settlement.Budgets budgeted = new Settlement.Budgets(held, queries.issuedBudgets(contract.id()));
        List<BigDecimal> achieved = quality.achieved(contract.id(), version);
        BigDecimal accrued = queries.issuedQualityEarned(contract.id());
        Settlement.Statement statement = month == Settlement.YEAR_END
                ? Settlement.yearEnd(settlement, paid, issued, queries.issuedFixed(contract.id()), achieved, budgeted, accrued)
                : Settlement.monthly(settlement, month, paid, issued, budgeted, new Settlement.QualityToDate(achieved, accrued));
        // The statement states its month's units, and earlier units whose verdict changed since last stated.
        Map<String, StatementQueries.Verdict> stated = new HashMap<>();
        judged.replaced().forEach(v -> stated.put(v.key(), v));
        List<StatementQueries.StoredUnit> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PaymentValidation.Unit u : judged.units()) {
            if (u.month() > upTo || !seen.add(u.key())) {
                continue;
            }
            PaymentValidation.Episode e = judged.episodes().get(u.evidence().get("episodeId"));
            // A claim with no episode of this commissioner is named by the claim's local id only.
            StatementQueries.StoredUnit unit = new StatementQueries.StoredUnit(u,
                    e == null ? u.evidence().get("localId") : e.localId(), e == null ? null : e.pseudonym(),
                    budgetOf.get(u.key()));
            if (u.month() == month || !unit.sameVerdict(stated.get(u.key()))) {
                kept.add(unit);
            }
        }
        List<StatementQueries.Verdict> withdrawn = judged.replaced().stream().filter(v -> !seen.contains(v.key())).toList();
        return new Computed(statement, kept, withdrawn, asOf, intake, position, pulledAt, partners, judged.all());
    }

    /**
     * Judges the units the statement needs. The first statement, one after a variation, one after a
     * statement judged before its month was out, and claims, judge every unit of the year to date.
     * Otherwise the units of episodes whose inputs changed since the previous statement are judged
     * again (their records, their allocation, another provider's episodes of the person, an accepted
     * query, a personal budget), and of the rest only the month's new units are judged: the others
     * stand as last stated. {@code judgeAll} forces the first way (the second must agree with it).
     */
    private Judged judge(ContractQueries.ContractRow contract, ContractQueries.VersionRow version,
            Map<String, BigDecimal> priceOf, int month, LocalDate asOf, StatementQueries.Header previous,
            List<String> partners, List<BudgetQueries.Holder> holders, boolean judgeAll) {
        ContractTerms.Terms terms = version.terms();
        ContractTerms.PaymentValidation v = terms.validation();
        PaymentValidation.Terms rules = new PaymentValidation.Terms(contract.commissionerCode(),
                contract.providerCode(), contract.yearStart(),
                PaymentValidation.UnitKind.valueOf(terms.activity().unit().name()),
                Set.copyOf(version.schemeVersions()), version.teams() == null ? null : Set.copyOf(version.teams()),
                priceOf, v != null && v.queried() == ContractTerms.QueriedHandling.HOLD,
                v == null || v.allocationLagDays() == null ? 14 : v.allocationLagDays(),
                v == null || v.concurrentCareWith() == null ? Set.of() : Set.copyOf(v.concurrentCareWith()),
                v != null && v.unassessed() == ContractTerms.UnassessedHandling.PRICED);
        // A provider that invoices is paid on its claims, matched against its episodes for every commissioner (PV03).
        boolean fromClaims = v != null && v.unitsFrom() == ContractTerms.UnitsFrom.CLAIMS;
        Set<String> accepted = this.accepted.accepted(contract.id());
        Map<String, PaymentValidation.Episode> episodeOf = new HashMap<>();
        boolean incremental = !judgeAll && !fromClaims && previous != null && previous.caseloadIntake() != null
                && previous.pv05Providers() != null && previous.contractVersion() == version.version()
                && PaymentValidation.RULE_SET.equals(previous.ruleSet())
                && !previous.asOfDate().isBefore(monthEnd(contract, previous.month()));
        if (!incremental) {
            List<PaymentValidation.Claim> claimed = fromClaims ? claims.claims(contract.id(), Math.min(month, 12)) : List.of();
            List<StatementQueries.Fed> fed = queries.episodes(contract.providerCode(),
                    fromClaims ? null : contract.commissionerCode(), contract.yearStart(), asOf);
            List<PaymentValidation.Episode> episodes = episodes(fed);
            episodes.forEach(e -> episodeOf.put(e.id(), e));
            List<PaymentValidation.Unit> units = fromClaims && claimed.isEmpty() ? List.of()
                    : PaymentValidation.validate(rules, episodes, allocations(fed), claimed,
                            elsewhere(contract, partners, episodes, asOf), asOf, accepted);
            return new Judged(units, episodeOf, queries.verdicts(contract.id(), null, null), true);
        }
        long since = previous.caseloadIntake();
        LocalDate before = previous.asOfDate();
        Set<String> people = new HashSet<>();
        Set<String> episodeIds = new HashSet<>();
        // PV05 may newly fire on a person another provider's episode started for, or arrived for, or whose
        // provider's contract was agreed, since the previous statement.
        people.addAll(queries.newlyElsewhere(contract.providerCode(), contract.commissionerCode(), partners,
                previous.pv05Providers(), since, before, contract.yearStart(), asOf));
        for (StatementQueries.Verdict q : queries.verdictsOf(contract.id(), accepted)) {
            if (q.episodeId() != null) {
                episodeIds.add(q.episodeId());
            }
            people.add(q.person());
        }
        if (!holders.isEmpty()) {
            Set<String> localIds = new HashSet<>();
            for (BudgetQueries.Holder h : holders) {
                if (h.pseudonym() != null) {
                    people.add(h.pseudonym());
                }
                if (h.localId() != null) {
                    localIds.add(h.localId());
                }
            }
            people.addAll(queries.pseudonymsOf(contract.providerCode(), contract.commissionerCode(), localIds));
        }
        boolean byPerson = rules.unit() == PaymentValidation.UnitKind.PERSON_MONTH;
        List<StatementQueries.Fed> changedFed = queries.changedEpisodes(contract.providerCode(),
                contract.commissionerCode(), since, people, episodeIds);
        List<PaymentValidation.Episode> changed = episodes(changedFed);
        Set<String> changedPeople = new HashSet<>();
        if (byPerson) {
            // A person-month depends on all of the person's episodes: judge the person's others too.
            changed.stream().filter(e -> e.commissioner().equals(contract.commissionerCode()))
                    .forEach(e -> changedPeople.add(e.pseudonym()));
            if (!people.containsAll(changedPeople)) {
                people.addAll(changedPeople);
                changedFed = queries.changedEpisodes(contract.providerCode(), contract.commissionerCode(), since, people,
                        episodeIds);
                changed = episodes(changedFed);
            }
        }
        Set<String> changedIds = new HashSet<>();
        changed.forEach(e -> changedIds.add(e.id()));
        List<StatementQueries.Verdict> replaced = queries.verdicts(contract.id(), changedIds, changedPeople);
        List<PaymentValidation.Episode> again = changed.stream().filter(e -> !e.start().isAfter(asOf)
                && (e.end() == null || !e.end().isBefore(contract.yearStart()))).toList();
        List<StatementQueries.Fed> freshFed = month > 12 ? List.of()
                : queries.monthEpisodes(contract.providerCode(), contract.commissionerCode(), rules.unit(),
                        monthStart(contract, month), monthEnd(contract, month), asOf).stream()
                        .filter(f -> !changedIds.contains(f.episode().id())
                                && !changedPeople.contains(f.episode().pseudonym())).toList();
        List<PaymentValidation.Episode> fresh = episodes(freshFed);
        List<PaymentValidation.Episode> read = new ArrayList<>(again);
        read.addAll(fresh);
        read.forEach(e -> episodeOf.put(e.id(), e));
        Map<String, PaymentValidation.Allocation> allocations = allocations(changedFed);
        allocations.putAll(allocations(freshFed));
        List<PaymentValidation.Elsewhere> elsewhere = elsewhere(contract, partners, read, asOf);
        List<PaymentValidation.Unit> units = new ArrayList<>(PaymentValidation.validate(rules, again, allocations,
                List.of(), elsewhere, asOf, accepted));
        for (PaymentValidation.Unit u : PaymentValidation.validate(rules, fresh, allocations, List.of(), elsewhere, asOf,
                accepted)) {
            if (u.month() == month) {
                units.add(u);
            }
        }
        return new Judged(units, episodeOf, replaced, false);
    }

    private static List<PaymentValidation.Episode> episodes(List<StatementQueries.Fed> fed) {
        return fed.stream().map(StatementQueries.Fed::episode).toList();
    }

    private static Map<String, PaymentValidation.Allocation> allocations(List<StatementQueries.Fed> fed) {
        Map<String, PaymentValidation.Allocation> byId = new HashMap<>();
        fed.forEach(f -> {
            if (f.allocation() != null) {
                byId.put(f.allocation().id(), f.allocation());
            }
        });
        return byId;
    }

    /** Other providers' episodes of the people of these episodes: what PV05 compares them with. */
    private List<PaymentValidation.Elsewhere> elsewhere(ContractQueries.ContractRow contract, List<String> partners,
            List<PaymentValidation.Episode> episodes, LocalDate asOf) {
        Set<String> people = new HashSet<>();
        episodes.forEach(e -> people.add(e.pseudonym()));
        return queries.elsewhere(contract.providerCode(), contract.commissionerCode(), partners, people,
                contract.yearStart(), asOf);
    }

    private static void dropZeros(Map<Integer, Map<String, BigDecimal>> byMonth) {
        byMonth.values().forEach(codes -> codes.values().removeIf(q -> q.signum() == 0));
        byMonth.values().removeIf(Map::isEmpty);
    }

    private static LocalDate monthStart(ContractQueries.ContractRow contract, int month) {
        return YearMonth.from(contract.yearStart()).plusMonths(Math.min(month, 12) - 1L).atDay(1);
    }

    private static LocalDate monthEnd(ContractQueries.ContractRow contract, int month) {
        return month == Settlement.YEAR_END ? contract.yearEnd()
                : YearMonth.from(contract.yearStart()).plusMonths(month - 1L).atEndOfMonth();
    }

    private Settlement.Terms settlementTerms(ContractQueries.VersionRow version, Map<String, BigDecimal> prices,
            List<ContractViews.Price> priced) {
        ContractTerms.Terms terms = version.terms();
        List<BigDecimal> instalments = terms.fixed() == null ? List.of() : terms.fixed().phasing() == null
                ? Instalments.equal(terms.fixed().annualAmount())
                : Instalments.phased(terms.fixed().annualAmount(), terms.fixed().phasing());
        Map<Integer, Map<String, BigDecimal>> plan = new HashMap<>();
        for (Row line : contractQueries.planLines(version.id())) {
            plan.computeIfAbsent(line.integer("month"), k -> new LinkedHashMap<>()).put(line.text("code"), line.decimal("units"));
        }
        ActivityPayment.Mode mode = terms.activity() == null ? null : ActivityPayment.Mode.valueOf(terms.activity().mode().name());
        BigDecimal rate = terms.activity() == null || terms.activity().marginalRatePercent() == null ? BigDecimal.ONE
                : RiskShares.fraction(terms.activity().marginalRatePercent());
        QualityService.Incentive incentive = quality.incentive(version);
        Settlement.Quality settled = incentive == null ? null
                : new Settlement.Quality(incentive.withhold(), incentive.pot(), incentive.indicators(),
                        terms.quality().settlement() == ContractTerms.QualitySettlement.QUARTERLY);
        RiskShareSchedule schedule = terms.riskShare() == null ? null : RiskShares.schedule(terms.riskShare());
        return new Settlement.Terms(version.shadow(), instalments, mode, rate, prices, plan, settled, schedule,
                BudgetService.perUnit(terms, priced));
    }

    /** The previous month's statement, which must be issued (null for month 1). */
    private StatementQueries.Header requirePreviousIssued(UUID id, int month) {
        if (month == 1) {
            return null;
        }
        StatementQueries.Header previous = queries.header(id, month - 1).orElse(null);
        if (previous == null || !"ISSUED".equals(previous.status())) {
            throw ProblemException.conflict("Month " + (month - 1) + "'s statement is not issued yet; statements are"
                    + " issued in order, the year end (13) after month 12");
        }
        return previous;
    }

    private String hash(StatementQueries.Header h, List<StatementViews.Line> lines) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("contractId", h.contractId().toString());
        content.put("month", h.month());
        content.put("contractVersion", h.contractVersion());
        content.put("ruleSet", h.ruleSet());
        content.put("feedPosition", h.feedPosition());
        content.put("unitsUpTo", h.asOfDate().toString());
        content.put("total", h.total().toPlainString());
        content.put("shadowTotal", h.shadowTotal().toPlainString());
        if (h.budgetTotal().signum() != 0) {
            content.put("budgetTotal", h.budgetTotal().toPlainString());
        }
        content.put("lines", lines.stream().map(l -> java.util.Arrays.asList(l.line(), l.kind(), l.forMonth(), l.code(),
                StatementViews.plain(l.quantity()), StatementViews.plain(l.price()), StatementViews.plain(l.rate()),
                l.amount().toPlainString(), l.shadow())).toList());
        return Sha256.hex(queries.write(content));
    }

    static String etag(StatementQueries.Header h) {
        return "\"statement-" + h.id() + "-r" + h.revision() + "\"";
    }

    private static String draftEtag(StatementQueries.Header h) {
        return "\"statement-" + h.id() + "-r" + (h.revision() - 1) + "\"";
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String by(Caller caller) {
        return caller.username().orElse(caller.subject());
    }
}
