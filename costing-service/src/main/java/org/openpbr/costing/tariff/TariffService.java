package org.openpbr.costing.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.openpbr.costing.tariff.rule.TariffPricing;
import org.openpbr.costing.run.RunReader;
import org.openpbr.costing.run.RunViews;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.platform.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Proposes, recalculates, agrees and reads local tariffs. */
@ApplicationScoped
public class TariffService {

    public static final String PRICING_METHOD = "pbr-mh-tariff-1";
    /** The longest validity: a three-year contract. */
    public static final int MAX_VALID_DAYS = 3 * 366;
    private static final BigDecimal MAX_CONTRACT_VALUE = new BigDecimal("1000000000000");
    private static final BigDecimal MAX_UNITS = new BigDecimal("1000000000");
    private static final BigDecimal MAX_UPLIFT = new BigDecimal("500");
    private static final int MAX_TOP_UPS = 20;

    /** A tariff and its ETag. */
    public record Stored(TariffViews.Tariff view, String etag) {
    }

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    RunReader runs;

    @Inject
    ObjectMapper json;

    @Transactional
    public Stored propose(Caller caller, TariffViews.Proposal proposal) {
        String provider = caller.requireProviderOrg();
        Computed computed = compute(caller, proposal);
        lockName(provider, proposal.name().strip());
        Number draft = (Number) em.createNativeQuery("select count(*) from tariff where provider_code = :p and name = :n"
                + " and status = 'DRAFT'").setParameter("p", provider).setParameter("n", proposal.name().strip())
                .getSingleResult();
        if (draft.intValue() > 0) {
            throw ProblemException.conflict("Tariff '" + proposal.name().strip()
                    + "' already has a draft: recalculate it (PUT with If-Match) or withdraw it first");
        }
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from tariff"
                + " where provider_code = :p and name = :n").setParameter("p", provider)
                .setParameter("n", proposal.name().strip()).getSingleResult()).intValue();
        UUID id = UUID.randomUUID();
        String by = caller.username().orElse(caller.subject());
        bindComputed(em.createNativeQuery("insert into tariff (id, provider_code, name, version, status, revision, run_id,"
                + " unit, commissioner_code, valid_from, valid_to, contract_value, efficiency_percent, include_social_care,"
                + " activity_source, top_ups, average_unit_cost, target, planned_value, rounding_residual, created_at,"
                + " created_by, updated_at, updated_by) values (:id, :p, :name, :version, 'DRAFT', 1, :run, :unit,"
                + " :comm, :from, :to, :value, :eff, :social, :source, cast(:topups as jsonb), :avg, :target, :planned,"
                + " :residual, now(), :by, now(), :by)")
                .setParameter("id", id).setParameter("p", provider).setParameter("name", proposal.name().strip())
                .setParameter("version", version).setParameter("by", by), computed).executeUpdate();
        insertPrices(id, computed);
        audit.record(caller, "tariff.proposed", "tariff", id.toString(), null, Map.of("name", proposal.name().strip(),
                "version", version, "target", computed.priced().target().toPlainString()));
        return read(caller, id);
    }

    /** Recalculates a draft from new inputs; needs the ETag last read. */
    @Transactional
    public Stored revise(Caller caller, UUID id, TariffViews.Proposal proposal, String ifMatch) {
        Stored before = lockedOwn(caller, id);
        checkDraft(before, ifMatch);
        if (proposal != null && proposal.name() != null && !proposal.name().strip().equals(before.view().name())) {
            new Faults().add("name", "cannot change: a tariff's versions share its name (propose a new tariff instead)")
                    .throwIfAny();
        }
        Computed computed = compute(caller, proposal);
        em.createNativeQuery("delete from tariff_price where tariff_id = :id").setParameter("id", id).executeUpdate();
        bindComputed(em.createNativeQuery("update tariff set revision = revision + 1, run_id = :run, unit = :unit,"
                + " commissioner_code = :comm, valid_from = :from, valid_to = :to, contract_value = :value,"
                + " efficiency_percent = :eff, include_social_care = :social, activity_source = :source,"
                + " top_ups = cast(:topups as jsonb), average_unit_cost = :avg, target = :target,"
                + " planned_value = :planned, rounding_residual = :residual, updated_at = now(), updated_by = :by"
                + " where id = :id").setParameter("id", id).setParameter("by", caller.username().orElse(caller.subject())),
                computed).executeUpdate();
        insertPrices(id, computed);
        audit.record(caller, "tariff.revised", "tariff", id.toString(), null,
                Map.of("revision", before.view().revision() + 1, "target", computed.priced().target().toPlainString()));
        return read(caller, id);
    }

    /** Agrees a draft: from now on it never changes. */
    @Transactional
    public Stored agree(Caller caller, UUID id, String ifMatch, String note) {
        Stored before = lockedOwn(caller, id);
        checkDraft(before, ifMatch);
        if (note != null && note.length() > 2000) {
            new Faults().add("note", "must be at most 2000 characters").throwIfAny();
        }
        em.createNativeQuery("update tariff set status = 'AGREED', agreed_at = now(), agreed_by = :by,"
                + " agreement_note = :note where id = :id").setParameter("id", id)
                .setParameter("by", caller.username().orElse(caller.subject()))
                .setParameter("note", note == null || note.isBlank() ? null : note.strip()).executeUpdate();
        audit.record(caller, "tariff.agreed", "tariff", id.toString(), note,
                Map.of("name", before.view().name(), "version", before.view().version()));
        return read(caller, id);
    }

    /** Withdraws a draft (an agreed tariff cannot be withdrawn; a new version replaces it). */
    @Transactional
    public void withdraw(Caller caller, UUID id, String ifMatch) {
        Stored before = lockedOwn(caller, id);
        checkDraft(before, ifMatch);
        em.createNativeQuery("delete from tariff where id = :id").setParameter("id", id).executeUpdate();
        audit.record(caller, "tariff.withdrawn", "tariff", id.toString(), null,
                Map.of("name", before.view().name(), "version", before.view().version()));
    }

    /**
     * A tariff the caller may see: a provider its own; a commissioner those scoped to it, and
     * agreed trust-wide ones; a service account any. Otherwise 404.
     */
    public Stored read(Caller caller, UUID id) {
        requireReader(caller);
        Object[] row = row(id);
        if (row == null || !visible(caller, (String) row[1], (String) row[9], (String) row[4])) {
            throw ProblemException.notFound("Tariff " + id);
        }
        return stored(row);
    }

    public List<TariffViews.Summary> list(Caller caller, String status) {
        String where;
        Map<String, Object> params = new HashMap<>();
        if (caller.orgType().orElse(null) == OrgType.COMMISSIONER) {
            where = "(commissioner_code = :org or (commissioner_code is null and status = 'AGREED'))";
            params.put("org", caller.requireCommissionerOrg());
        } else {
            where = "provider_code = :org";
            params.put("org", caller.requireProviderOrg());
        }
        if (status != null) {
            where += " and status = :status";
            params.put("status", status);
        }
        var query = em.createNativeQuery("select id, provider_code, name, version, status, unit, commissioner_code,"
                + " valid_from, valid_to, target, updated_at, agreed_at from tariff where " + where
                + " order by updated_at desc, id limit 100");
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new TariffViews.Summary((UUID) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), (String) r[4], (String) r[5], r[6] == null ? "TRUST" : "COMMISSIONER",
                (String) r[6], NativeRows.date(r[7]), NativeRows.date(r[8]), display((BigDecimal) r[9]),
                NativeRows.instant(r[10]), NativeRows.instant(r[11]))).toList();
    }

    /**
     * The agreed tariff that prices a provider's activity for a commissioner on a date: the latest
     * version scoped to that commissioner, or else the latest trust-wide one. 404 when none applies.
     */
    public Stored applicable(Caller caller, String provider, String commissioner, LocalDate on) {
        requireReader(caller);
        String none = "No agreed tariff that you may see applies to that provider, commissioner and date";
        if (!caller.isServiceAccount()) {
            // A party asks only about itself; about anyone else the answer is the same as "none".
            boolean commissionerCaller = caller.orgType().orElse(null) == OrgType.COMMISSIONER;
            String own = commissionerCaller ? commissioner : provider;
            if (!caller.requireOrgCode().equals(own)) {
                throw ProblemException.notFound(none);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> ids = em.createNativeQuery("select id, commissioner_code from tariff where status = 'AGREED'"
                + " and provider_code = :p and (commissioner_code = :c or commissioner_code is null)"
                + " and valid_from <= :on and valid_to >= :on"
                + " order by commissioner_code is null, agreed_at desc, version desc limit 1")
                .setParameter("p", provider).setParameter("c", commissioner).setParameter("on", on).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound(none);
        }
        return stored(row((UUID) ids.get(0)[0]));
    }

    /**
     * Who may read tariffs at all, decided before any record is looked at, so a refusal never
     * depends on whether a tariff exists: service accounts with tariffs-reader, and callers whose
     * token names their organisation.
     */
    private static void requireReader(Caller caller) {
        if (caller.isServiceAccount()) {
            caller.requireConsumer(Roles.TARIFFS_READER);
        } else {
            caller.requireOrgCode();
        }
    }

    private boolean visible(Caller caller, String provider, String commissioner, String status) {
        if (caller.isServiceAccount()) {
            return true;
        }
        String org = caller.requireOrgCode();
        if (caller.orgType().orElse(null) == OrgType.COMMISSIONER) {
            return org.equals(commissioner) || (commissioner == null && "AGREED".equals(status));
        }
        return org.equals(provider);
    }

    private Stored lockedOwn(Caller caller, UUID id) {
        String provider = caller.requireProviderOrg();
        @SuppressWarnings("unchecked")
        List<Object> found = em.createNativeQuery("select id from tariff where id = :id and provider_code = :p for update")
                .setParameter("id", id).setParameter("p", provider).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("Tariff " + id);
        }
        return read(caller, id);
    }

    private static void checkDraft(Stored before, String ifMatch) {
        IfMatch.requirePresent(ifMatch, "Send the tariff's ETag in If-Match (GET the tariff to read it)");
        if (!"DRAFT".equals(before.view().status())) {
            throw ProblemException.conflict("The tariff is agreed and never changes; propose a new version under the same name");
        }
        IfMatch.requireMatch(ifMatch, before.etag(), "The tariff has changed since you read it (now revision "
                + before.view().revision() + "); GET it again and retry");
    }

    private void lockName(String provider, String name) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "tariff/" + provider + "/" + name).getSingleResult();
    }

    // ---- computing a proposal

    /** A proposal validated and priced. */
    record Computed(TariffViews.Proposal proposal, RunViews.Run run, String unit, BigDecimal efficiency,
            boolean includeSocialCare, String activitySource, Map<String, BigDecimal> topUps,
            Map<String, Map<String, BigDecimal>> flagged, TariffPricing.Priced priced) {
    }

    private Computed compute(Caller caller, TariffViews.Proposal p) {
        if (p == null) {
            new Faults().add("body", "is required").throwIfAny();
        }
        Faults faults = new Faults();
        if (faults.present("name", p.name()) && (p.name().isBlank() || p.name().strip().length() > 200)) {
            faults.add("name", "must be 1-200 characters");
        }
        String unit = null;
        if (faults.present("unit", p.unit())) {
            unit = p.unit();
            if (!unit.equals("CLUSTER_DAY") && !unit.equals("REVIEW_PERIOD")) {
                faults.add("unit", "must be CLUSTER_DAY or REVIEW_PERIOD");
                unit = null;
            }
        }
        faults.odsCode("commissionerCode", p.commissionerCode(), false);
        if (faults.present("validFrom", p.validFrom()) & faults.present("validTo", p.validTo())) {
            long days = ChronoUnit.DAYS.between(p.validFrom(), p.validTo()) + 1;
            if (days < 1) {
                faults.add("validTo", "must not be before validFrom");
            } else if (days > MAX_VALID_DAYS) {
                faults.add("validTo", "makes the tariff valid for " + days + " days; at most " + MAX_VALID_DAYS);
            }
        }
        if (faults.present("contractValue", p.contractValue())) {
            if (p.contractValue().signum() <= 0 || p.contractValue().compareTo(MAX_CONTRACT_VALUE) >= 0
                    || p.contractValue().stripTrailingZeros().scale() > 2) {
                faults.add("contractValue", "must be more than 0 and below 1,000,000,000,000, in pounds with at most two decimals");
            }
        }
        BigDecimal efficiency = p.efficiencyPercent() == null ? BigDecimal.ZERO : p.efficiencyPercent();
        if (efficiency.signum() < 0 || efficiency.compareTo(BigDecimal.valueOf(100)) >= 0
                || efficiency.stripTrailingZeros().scale() > 4) {
            faults.add("efficiencyPercent", "must be at least 0 and below 100, with at most four decimals");
        }
        Map<String, BigDecimal> topUps = new LinkedHashMap<>();
        if (p.topUps() != null) {
            if (p.topUps().size() > MAX_TOP_UPS) {
                faults.add("topUps", "at most " + MAX_TOP_UPS);
            }
            for (int i = 0; i < p.topUps().size(); i++) {
                TariffViews.TopUp t = p.topUps().get(i);
                String at = "topUps[" + i + "]";
                if (t == null) {
                    faults.add(at, "must not be null");
                    continue;
                }
                if (t.flag() == null || !t.flag().matches("[A-Z][A-Z0-9_]{0,39}")) {
                    faults.add(at + ".flag", "must be 1-40 capital letters, digits or _, e.g. DEAFNESS");
                } else if (topUps.containsKey(t.flag())) {
                    faults.add(at + ".flag", "is given twice");
                }
                if (t.upliftPercent() == null || t.upliftPercent().signum() <= 0
                        || t.upliftPercent().compareTo(MAX_UPLIFT) > 0 || t.upliftPercent().stripTrailingZeros().scale() > 4) {
                    faults.add(at + ".upliftPercent", "must be more than 0 and at most 500, with at most four decimals");
                } else if (t.flag() != null) {
                    topUps.put(t.flag(), t.upliftPercent());
                }
            }
        }
        if (p.activity() != null) {
            // The plan's own shape, reported with every other fault; its codes are checked against the run below.
            for (int i = 0; i < Math.min(p.activity().size(), 1000); i++) {
                TariffViews.PlannedActivity line = p.activity().get(i);
                String at = "activity[" + i + "]";
                if (line == null) {
                    faults.add(at, "must not be null");
                    continue;
                }
                if (line.code() == null || line.code().isBlank()) {
                    faults.add(at + ".code", "is required");
                }
                if (line.units() == null) {
                    faults.add(at + ".units", "is required");
                }
            }
        }
        RunViews.Run run = null;
        if (faults.present("runId", p.runId())) {
            try {
                run = runs.require(caller, p.runId());
            } catch (ProblemException e) {
                faults.add("runId", "is not one of your costing runs");
            }
        }
        boolean social = p.includeSocialCare() == null ? run == null || run.includeSocialCare() : p.includeSocialCare();
        if (run != null && social != run.includeSocialCare()) {
            faults.add("includeSocialCare", run.includeSocialCare()
                    ? "the run costed social care; cost the period again with includeSocialCare false and propose from that run"
                    : "the run left social care out; propose from a run that includes it");
        }
        if (!faults.isEmpty() || run == null || unit == null) {
            faults.throwIfAny();
            throw new IllegalStateException("unreachable");
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
                runs.codes(run, RunReader.Grouping.COMMISSIONER).codes().stream()
                        .filter(c -> p.commissionerCode().equals(c.group())).forEach(c -> days.put(c.code(), c.clusterDays()));
            }
            for (RunViews.CodeCost c : basis.values()) {
                long d = days.getOrDefault(c.code(), 0L);
                units.put(c.code(), unit.equals("CLUSTER_DAY") ? BigDecimal.valueOf(d)
                        : BigDecimal.valueOf(d).divide(BigDecimal.valueOf(c.reviewPeriodDays()), 2, RoundingMode.HALF_UP));
            }
        } else {
            source = "PLAN";
            if (p.activity().isEmpty() || p.activity().size() > 1000) {
                faults.add("activity", "must hold 1-1000 codes, or be absent to use the run's activity");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < Math.min(p.activity().size(), 1000); i++) {
                plannedLine(faults, "activity[" + i + "]", p.activity().get(i), basis, topUps, seen, units, flagged);
            }
            // Codes the run costed and the plan leaves out are still priced (for activity beyond the plan).
            basis.keySet().forEach(code -> units.putIfAbsent(code, BigDecimal.ZERO));
        }
        faults.throwIfAny();
        Map<String, Map<String, BigDecimal>> components = components(run);
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
            throw ProblemException.invalid(List.of(new org.openpbr.platform.problem.FieldError("activity", e.getMessage())));
        }
        return new Computed(p, run, unit, efficiency, social, source, topUps, flagged, priced);
    }

    private static void plannedLine(Faults faults, String at, TariffViews.PlannedActivity line,
            Map<String, RunViews.CodeCost> basis, Map<String, BigDecimal> topUps, java.util.Set<String> seen,
            Map<String, BigDecimal> units, Map<String, Map<String, BigDecimal>> flagged) {
        if (line == null) {
            faults.add(at, "must not be null");
            return;
        }
        boolean ok = true;
        if (line.code() == null || !basis.containsKey(line.code())) {
            faults.add(at + ".code", line.code() == null ? "is required"
                    : "has no episodes in the run, so it has no unit cost to price from");
            ok = false;
        } else if (!seen.add(line.code())) {
            faults.add(at + ".code", "is planned twice");
            ok = false;
        }
        if (line.units() == null || line.units().signum() < 0 || line.units().compareTo(MAX_UNITS) >= 0
                || line.units().stripTrailingZeros().scale() > 2) {
            faults.add(at + ".units", "must be 0 or more, below 1,000,000,000, with at most two decimals");
            ok = false;
        }
        Map<String, BigDecimal> flags = new LinkedHashMap<>();
        if (line.flaggedUnits() != null) {
            for (Map.Entry<String, BigDecimal> f : line.flaggedUnits().entrySet()) {
                String field = at + ".flaggedUnits." + f.getKey();
                if (!topUps.containsKey(f.getKey())) {
                    faults.add(field, "is not a flag of topUps");
                    ok = false;
                } else if (f.getValue() == null || f.getValue().signum() < 0 || f.getValue().stripTrailingZeros().scale() > 2
                        || (line.units() != null && f.getValue().compareTo(line.units()) > 0)) {
                    faults.add(field, "must be 0 up to the code's units, with at most two decimals");
                    ok = false;
                } else {
                    flags.put(f.getKey(), f.getValue());
                }
            }
        }
        if (ok) {
            units.put(line.code(), line.units());
            flagged.put(line.code(), flags);
        }
    }

    /**
     * Each code's cost by component: community care by staff group and ward stays, less the support
     * overhead they carry (their centre's apportioned share), which is a component of its own.
     */
    private Map<String, Map<String, BigDecimal>> components(RunViews.Run run) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.code, case when a.admitted then 'Ward stay' else a.staff_group end,"
                + " sum(a.cost), sum(case when c.total = 0 then 0 else a.cost * c.apportioned / c.total end)"
                + " from run_allocation a join run_episode e on e.run_id = a.run_id and e.episode_id = a.episode_id"
                + " join run_centre c on c.run_id = a.run_id and c.cost_centre_id = a.cost_centre_id"
                + " where a.run_id = :id group by 1, 2 order by 1, 2").setParameter("id", run.id()).getResultList();
        Map<String, Map<String, BigDecimal>> result = new HashMap<>();
        for (Object[] r : rows) {
            Map<String, BigDecimal> code = result.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>());
            BigDecimal cost = (BigDecimal) r[2];
            BigDecimal overhead = (BigDecimal) r[3];
            code.merge((String) r[1], cost.subtract(overhead), BigDecimal::add);
            code.merge(SUPPORT, overhead, BigDecimal::add);
        }
        return result;
    }

    /** The component that is the support cost centres' apportioned overhead. */
    public static final String SUPPORT = "Support overhead";

    // ---- storing and reading

    private jakarta.persistence.Query bindComputed(jakarta.persistence.Query query, Computed c) {
        return query.setParameter("run", c.run().id()).setParameter("unit", c.unit())
                .setParameter("comm", c.proposal().commissionerCode()).setParameter("from", c.proposal().validFrom())
                .setParameter("to", c.proposal().validTo()).setParameter("value", c.proposal().contractValue())
                .setParameter("eff", c.efficiency()).setParameter("social", c.includeSocialCare())
                .setParameter("source", c.activitySource()).setParameter("topups", write(c.topUps()))
                .setParameter("avg", c.priced().averageUnitCost()).setParameter("target", c.priced().target())
                .setParameter("planned", c.priced().plannedValue()).setParameter("residual", c.priced().roundingResidual());
    }

    private void insertPrices(UUID id, Computed c) {
        for (TariffPricing.CodePrice p : c.priced().codes()) {
            em.createNativeQuery("insert into tariff_price (tariff_id, code, unit_cost, rri, planned_units, flagged_units,"
                    + " priced_units, exact_price, price, top_up_prices, planned_value, components) values (:id, :code,"
                    + " :cost, :rri, :units, cast(:flagged as jsonb), :priced, :exact, :price, cast(:topups as jsonb),"
                    + " :value, cast(:components as jsonb))").setParameter("id", id).setParameter("code", p.code())
                    .setParameter("cost", p.unitCost()).setParameter("rri", p.rri()).setParameter("units", p.plannedUnits())
                    .setParameter("flagged", write(c.flagged().getOrDefault(p.code(), Map.of())))
                    .setParameter("priced", p.pricedUnits()).setParameter("exact", p.exactPrice())
                    .setParameter("price", p.price()).setParameter("topups", write(p.topUpPrices()))
                    .setParameter("value", p.plannedValue()).setParameter("components", write(p.components().stream()
                            .map(x -> new TariffViews.Component(x.name(), x.amount())).toList()))
                    .executeUpdate();
        }
    }

    private static final String TARIFF_COLUMNS = "select t.id, t.provider_code, t.name, t.version, t.status, t.revision,"
            + " t.run_id, t.unit, t.commissioner_code, t.commissioner_code, t.valid_from, t.valid_to, t.contract_value,"
            + " t.efficiency_percent, t.target, t.include_social_care, t.activity_source, t.top_ups::text,"
            + " t.average_unit_cost, t.planned_value, t.rounding_residual, t.created_at, t.created_by, t.updated_at,"
            + " t.updated_by, t.agreed_at, t.agreed_by, t.agreement_note, p.code, p.start_date, p.end_date,"
            + " r.method_version, r.include_social_care"
            + " from tariff t join costing_run r on r.id = t.run_id join costing_period p on p.id = r.period_id";

    private Object[] row(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TARIFF_COLUMNS + " where t.id = :id").setParameter("id", id)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Stored stored(Object[] r) {
        UUID id = (UUID) r[0];
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select code, unit_cost, rri, planned_units, flagged_units::text,"
                + " priced_units, exact_price, price, top_up_prices::text, planned_value, components::text"
                + " from tariff_price where tariff_id = :id order by code").setParameter("id", id).getResultList();
        List<TariffViews.Price> prices = rows.stream().map(p -> new TariffViews.Price((String) p[0],
                round((BigDecimal) p[1], 4), round((BigDecimal) p[2], 4), (BigDecimal) p[3],
                read((String) p[4], new TypeReference<LinkedHashMap<String, BigDecimal>>() {
                }), display((BigDecimal) p[5]), round((BigDecimal) p[6], 6), (BigDecimal) p[7],
                read((String) p[8], new TypeReference<LinkedHashMap<String, BigDecimal>>() {
                }), display((BigDecimal) p[9]), read((String) p[10], new TypeReference<List<TariffViews.Component>>() {
                }))).toList();
        Map<String, BigDecimal> topUps = read((String) r[17], new TypeReference<LinkedHashMap<String, BigDecimal>>() {
        });
        String status = (String) r[4];
        int version = ((Number) r[3]).intValue();
        int revision = ((Number) r[5]).intValue();
        TariffViews.Tariff view = new TariffViews.Tariff(id, (String) r[1], (String) r[2], version, status, revision,
                PRICING_METHOD, new TariffViews.RunRef((UUID) r[6], new RunViews.PeriodRef((String) r[28],
                        NativeRows.date(r[29]), NativeRows.date(r[30])), (String) r[31], (Boolean) r[32]),
                (String) r[7], r[8] == null ? "TRUST" : "COMMISSIONER", (String) r[8], NativeRows.date(r[10]),
                NativeRows.date(r[11]), (BigDecimal) r[12], display((BigDecimal) r[13]), display((BigDecimal) r[14]),
                (Boolean) r[15], (String) r[16],
                topUps.entrySet().stream().map(e -> new TariffViews.TopUp(e.getKey(), e.getValue())).toList(),
                round((BigDecimal) r[18], 4), display((BigDecimal) r[19]), display((BigDecimal) r[20]), prices,
                NativeRows.instant(r[21]), (String) r[22], NativeRows.instant(r[23]), (String) r[24],
                NativeRows.instant(r[25]), (String) r[26], (String) r[27]);
        String etag = "AGREED".equals(status) ? "\"tariff-" + id + "-agreed\"" : "\"tariff-" + id + "-r" + revision + "\"";
        return new Stored(view, etag);
    }

    private static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP);
    }

    /** Exact values as they are, at least to the penny and without trailing zeros beyond it. */
    private static BigDecimal display(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? value.setScale(2) : stripped;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tariff values are plain JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tariff JSON is unreadable", e);
        }
    }
}
