package org.openpbr.contract.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.contract.validation.rule.PaymentValidation;
import org.openpbr.platform.persistence.Row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** All of the statement feature's SQL: the units' sources, and statements with their lines and units. */
@ApplicationScoped
public class StatementQueries {

    /** A statement's header row. */
    public record Header(UUID id, UUID contractId, int month, int contractVersion, String status, int revision,
            String ruleSet, String feedPosition, java.time.Instant dataAsOf, UUID tariffId, Integer tariffVersion,
            LocalDate asOfDate, java.time.Instant computedAt, String computedBy, BigDecimal total, BigDecimal shadowTotal,
            BigDecimal budgetTotal, int payable, int queried, int rejected, String contentHash, java.time.Instant issuedAt,
            String issuedBy) {
    }

    /** A stored unit, with both ways of naming the person (each party sees its own). */
    public record StoredUnit(PaymentValidation.Unit unit, String localId, String pseudonym, UUID budgetId) {

        /** What a later statement compares to tell whether the unit changed since it was stated. */
        public String verdict() {
            return unit.status().name() + "|" + unit.paid() + "|" + unit.code() + "|" + unit.quantity().toPlainString() + "|"
                    + (budgetId == null ? "" : budgetId.toString());
        }
    }

    private static final String HEADER = """
            select id, contract_id, month, contract_version, status, revision, rule_set, feed_position, data_as_of,
                   tariff_id, tariff_version, as_of_date, computed_at, computed_by, total, shadow_total, budget_total, units_payable,
                   units_queried, units_rejected, content_hash, issued_at, issued_by
              from statement""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The provider's episodes for the commissioner (null: for any commissioner) that overlap the year, with who the person is. */
    public List<PaymentValidation.Episode> episodes(String provider, String commissioner, LocalDate from,
            LocalDate to) {
        return Row.all(em.createNativeQuery("""
                select id, pseudonym, local_id, commissioner_code, team, code, start_date, end_date, review_due,
                       allocation_id
                  from fed_episode
                 where provider_code = :p and (cast(:c as text) is null or commissioner_code = cast(:c as text))
                   and start_date <= :to and (end_date is null or end_date >= :from)""", Tuple.class)
                .setParameter("p", provider).setParameter("c", commissioner).setParameter("from", from)
                .setParameter("to", to)).stream()
                .map(r -> new PaymentValidation.Episode(r.uuid("id").toString(), r.text("pseudonym"),
                        r.text("local_id"), r.text("commissioner_code"), r.text("team"), r.text("code"),
                        r.date("start_date"), r.date("end_date"), r.date("review_due"),
                        r.uuid("allocation_id") == null ? null : r.uuid("allocation_id").toString()))
                .toList();
    }

    /** The allocations that started the provider's episodes for the commissioner in the year. */
    public Map<String, PaymentValidation.Allocation> allocations(String provider, String commissioner, LocalDate from,
            LocalDate to) {
        Map<String, PaymentValidation.Allocation> allocations = new HashMap<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select a.id, a.assessment_id, a.chosen_code, a.suggested_code, a.follows_suggestion,
                       a.chosen_meets_red_rules, a.assessed_on, a.scheme_version, a.allocated_on,
                       (a.recorded_at at time zone 'UTC')::date as recorded_on
                  from fed_allocation a join fed_episode e on e.allocation_id = a.id
                 where e.provider_code = :p and e.commissioner_code = :c and e.start_date <= :to
                   and (e.end_date is null or e.end_date >= :from)""", Tuple.class)
                .setParameter("p", provider).setParameter("c", commissioner).setParameter("from", from)
                .setParameter("to", to))) {
            String id = r.uuid("id").toString();
            allocations.put(id, new PaymentValidation.Allocation(id, r.uuid("assessment_id").toString(),
                    r.text("chosen_code"), r.text("suggested_code"), r.flag("follows_suggestion"),
                    r.flagOrNull("chosen_meets_red_rules"), r.date("assessed_on"), r.text("scheme_version"),
                    r.date("allocated_on"), r.date("recorded_on")));
        }
        return allocations;
    }

    /**
     * Other providers' episodes of this provider's people (linked by the cross-provider pseudonym)
     * for the same commissioner in the year, where that provider has an agreed contract with the
     * commissioner for the year: the PV05 candidates.
     */
    public List<PaymentValidation.Elsewhere> elsewhere(String provider, String commissioner, String financialYear,
            LocalDate from, LocalDate to) {
        return Row.all(em.createNativeQuery("""
                select o.provider_code, o.pseudonym, o.start_date, o.end_date
                  from fed_episode o
                 where o.commissioner_code = :c and o.provider_code <> :p and o.pseudonym like 'P-%'
                   and o.start_date <= :to and (o.end_date is null or o.end_date >= :from)
                   and exists (select 1 from fed_episode e
                                where e.provider_code = :p and e.commissioner_code = :c and e.pseudonym = o.pseudonym
                                  and e.start_date <= :to and (e.end_date is null or e.end_date >= :from))
                   and exists (select 1 from contract k join contract_version v on v.contract_id = k.id
                                where k.commissioner_code = :c and k.provider_code = o.provider_code
                                  and k.financial_year = :year and v.status = 'AGREED')""", Tuple.class)
                .setParameter("p", provider).setParameter("c", commissioner).setParameter("year", financialYear)
                .setParameter("from", from).setParameter("to", to)).stream()
                .map(r -> new PaymentValidation.Elsewhere(r.text("provider_code"), r.text("pseudonym"),
                        r.date("start_date"), r.date("end_date")))
                .toList();
    }

    public Optional<Header> header(UUID contractId, int month) {
        return Row.first(em.createNativeQuery(HEADER + " where contract_id = :c and month = :m", Tuple.class)
                .setParameter("c", contractId).setParameter("m", month)).map(StatementQueries::header);
    }

    public Optional<Header> lockedHeader(UUID contractId, int month) {
        return Row.first(em.createNativeQuery(HEADER + " where contract_id = :c and month = :m for update", Tuple.class)
                .setParameter("c", contractId).setParameter("m", month)).map(StatementQueries::header);
    }

    public List<Header> headers(UUID contractId) {
        return Row.all(em.createNativeQuery(HEADER + " where contract_id = :c order by month", Tuple.class)
                .setParameter("c", contractId)).stream().map(StatementQueries::header).toList();
    }

    /** Writes a draft (a new one, or over the old draft of the month), its lines and its units. */
    public void saveDraft(Header h, List<StatementViews.Line> lines, List<StoredUnit> units) {
        em.createNativeQuery("delete from statement_line where statement_id = :id").setParameter("id", h.id()).executeUpdate();
        em.createNativeQuery("delete from statement_unit where statement_id = :id").setParameter("id", h.id()).executeUpdate();
        em.createNativeQuery("""
                insert into statement (id, contract_id, month, contract_version, status, revision, rule_set, feed_position,
                                       data_as_of, tariff_id, tariff_version, as_of_date, computed_at, computed_by, total,
                                       shadow_total, budget_total, units_payable, units_queried, units_rejected)
                values (:id, :contract, :month, :version, 'DRAFT', 1, :rules, :position, :dataAsOf, :tariff,
                        :tariffVersion, :asOf, now(), :by, :total, :shadow, :budgets, :payable, :queried, :rejected)
                on conflict (contract_id, month) do update set contract_version = excluded.contract_version,
                       revision = statement.revision + 1, rule_set = excluded.rule_set,
                       feed_position = excluded.feed_position, data_as_of = excluded.data_as_of,
                       tariff_id = excluded.tariff_id, tariff_version = excluded.tariff_version,
                       as_of_date = excluded.as_of_date, computed_at = now(), computed_by = excluded.computed_by,
                       total = excluded.total, shadow_total = excluded.shadow_total, budget_total = excluded.budget_total,
                       units_payable = excluded.units_payable, units_queried = excluded.units_queried,
                       units_rejected = excluded.units_rejected""")
                .setParameter("id", h.id()).setParameter("contract", h.contractId()).setParameter("month", h.month())
                .setParameter("version", h.contractVersion()).setParameter("rules", h.ruleSet())
                .setParameter("position", h.feedPosition()).setParameter("dataAsOf", h.dataAsOf())
                .setParameter("tariff", h.tariffId()).setParameter("tariffVersion", h.tariffVersion())
                .setParameter("asOf", h.asOfDate()).setParameter("by", h.computedBy()).setParameter("total", h.total())
                .setParameter("shadow", h.shadowTotal()).setParameter("budgets", h.budgetTotal()).setParameter("payable", h.payable())
                .setParameter("queried", h.queried()).setParameter("rejected", h.rejected()).executeUpdate();
        if (!lines.isEmpty()) {
            em.createNativeQuery("""
                    insert into statement_line (statement_id, line_no, kind, for_month, code, quantity, price, rate, amount,
                                                shadow, detail)
                    select :id, r.line_no, r.kind, r.for_month, r.code, r.quantity, r.price, r.rate, r.amount, r.shadow, r.detail
                      from jsonb_to_recordset(cast(:rows as jsonb)) as r(line_no int, kind text, for_month int, code text,
                           quantity numeric, price numeric, rate numeric, amount numeric, shadow boolean, detail text)""")
                    .setParameter("id", h.id()).setParameter("rows", write(lines.stream().map(l -> {
                        Map<String, Object> row = new HashMap<>();
                        row.put("line_no", l.line());
                        row.put("kind", l.kind());
                        row.put("for_month", l.forMonth());
                        row.put("code", l.code());
                        row.put("quantity", l.quantity());
                        row.put("price", l.price());
                        row.put("rate", l.rate());
                        row.put("amount", l.amount());
                        row.put("shadow", l.shadow());
                        row.put("detail", l.detail());
                        return row;
                    }).toList())).executeUpdate();
        }
        for (int from = 0; from < units.size(); from += 5000) {
            List<StoredUnit> batch = units.subList(from, Math.min(units.size(), from + 5000));
            em.createNativeQuery("""
                    insert into statement_unit (statement_id, unit_key, month, code, quantity, status, paid, reasons,
                                                evidence, local_id, pseudonym, budget_id)
                    select :id, r.unit_key, r.month, r.code, r.quantity, r.status, r.paid, r.reasons, r.evidence,
                           r.local_id, r.pseudonym, r.budget_id
                      from jsonb_to_recordset(cast(:rows as jsonb)) as r(unit_key text, month int, code text,
                           quantity numeric, status text, paid boolean, reasons jsonb, evidence jsonb, local_id text,
                           pseudonym text, budget_id uuid)""")
                    .setParameter("id", h.id()).setParameter("rows", write(batch.stream().map(s -> {
                        Map<String, Object> row = new HashMap<>();
                        PaymentValidation.Unit u = s.unit();
                        row.put("unit_key", u.key());
                        row.put("month", u.month());
                        row.put("code", u.code());
                        row.put("quantity", u.quantity());
                        row.put("status", u.status().name());
                        row.put("paid", u.paid());
                        row.put("reasons", u.reasons().stream().map(r -> Map.of("rule", r.rule().name(), "version",
                                r.version(), "detail", r.detail())).toList());
                        row.put("evidence", u.evidence());
                        row.put("local_id", s.localId());
                        row.put("pseudonym", s.pseudonym());
                        row.put("budget_id", s.budgetId());
                        return row;
                    }).toList())).executeUpdate();
        }
    }

    public void issue(UUID id, String hash, String by) {
        em.createNativeQuery("""
                update statement set status = 'ISSUED', revision = revision + 1, content_hash = :hash, issued_at = now(),
                       issued_by = :by where id = :id and status = 'DRAFT'""")
                .setParameter("id", id).setParameter("hash", hash).setParameter("by", by).executeUpdate();
    }

    public List<StatementViews.Line> lines(UUID statementId) {
        return Row.all(em.createNativeQuery("""
                select line_no, kind, for_month, code, quantity, price, rate, amount, shadow, detail
                  from statement_line where statement_id = :id order by line_no""", Tuple.class)
                .setParameter("id", statementId)).stream()
                .map(r -> new StatementViews.Line(r.integer("line_no"), r.text("kind"), r.integer("for_month"),
                        r.text("code"), r.decimal("quantity"), r.decimal("price"), r.decimal("rate"), r.decimal("amount"),
                        r.flag("shadow"), r.text("detail")))
                .toList();
    }

    /** Activity issued so far by month and code (activity and adjustment lines of issued statements). */
    public Map<Integer, Map<String, BigDecimal>> issuedActivity(UUID contractId) {
        Map<Integer, Map<String, BigDecimal>> issued = new HashMap<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select l.for_month, l.code, sum(l.amount) as amount
                  from statement_line l join statement s on s.id = l.statement_id
                 where s.contract_id = :c and s.status = 'ISSUED' and l.kind in ('ACTIVITY', 'ADJUSTMENT')
                 group by l.for_month, l.code""", Tuple.class).setParameter("c", contractId))) {
            issued.computeIfAbsent(r.integer("for_month"), k -> new HashMap<>()).put(r.text("code"), r.decimal("amount"));
        }
        return issued;
    }

    /** The personal budget lines issued so far, by the month they are for and code. */
    public Map<Integer, Map<String, BigDecimal>> issuedBudgets(UUID contractId) {
        Map<Integer, Map<String, BigDecimal>> issued = new HashMap<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select l.for_month, l.code, sum(l.amount) as amount
                  from statement_line l join statement s on s.id = l.statement_id
                 where s.contract_id = :c and s.status = 'ISSUED' and l.kind = 'PERSONAL_BUDGET'
                 group by l.for_month, l.code""", Tuple.class).setParameter("c", contractId))) {
            issued.computeIfAbsent(r.integer("for_month"), k -> new HashMap<>()).put(r.text("code"), r.decimal("amount"));
        }
        return issued;
    }

    /** The fixed instalments issued so far. */
    public BigDecimal issuedFixed(UUID contractId) {
        Object sum = em.createNativeQuery("""
                select coalesce(sum(l.amount), 0) from statement_line l join statement s on s.id = l.statement_id
                 where s.contract_id = :c and s.status = 'ISSUED' and l.kind = 'FIXED'""")
                .setParameter("c", contractId).getSingleResult();
        return (BigDecimal) sum;
    }

    /** The quality accrued so far: the quality-earned lines issued. */
    public BigDecimal issuedQualityEarned(UUID contractId) {
        return (BigDecimal) em.createNativeQuery("""
                select coalesce(sum(l.amount), 0) from statement_line l join statement s on s.id = l.statement_id
                 where s.contract_id = :c and s.status = 'ISSUED' and l.kind = 'QUALITY_EARNED'""")
                .setParameter("c", contractId).getSingleResult();
    }

    /** The verdict last stated for each unit in the contract's issued statements: key to status, paid, code and quantity. */
    public Map<String, String> statedUnits(UUID contractId) {
        Map<String, String> stated = new HashMap<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select distinct on (u.unit_key) u.unit_key,
                       u.status || '|' || u.paid || '|' || u.code || '|' || u.quantity || '|' || coalesce(u.budget_id::text, '') as verdict
                  from statement_unit u join statement s on s.id = u.statement_id
                 where s.contract_id = :c and s.status = 'ISSUED'
                 order by u.unit_key, s.month desc""", Tuple.class).setParameter("c", contractId))) {
            stated.put(r.text("unit_key"), r.text("verdict"));
        }
        return stated;
    }

    /** A page of a statement's units, in key order after {@code after}, optionally of one status. */
    public List<Row> units(UUID statementId, String status, String after, int rows) {
        return Row.all(em.createNativeQuery("""
                select unit_key, month, code, quantity, status, paid, reasons::text as reasons, evidence::text as evidence,
                       local_id, pseudonym, budget_id
                  from statement_unit
                 where statement_id = :id and (cast(:status as text) is null or status = cast(:status as text))
                   and unit_key > :after
                 order by unit_key limit :rows""", Tuple.class)
                .setParameter("id", statementId).setParameter("status", status).setParameter("after", after)
                .setParameter("rows", rows));
    }

    /** The units' counts by rule and status, for the statement's rates. */
    public List<Row> ruleCounts(UUID statementId) {
        return Row.all(em.createNativeQuery("""
                select r ->> 'rule' as rule, count(*) as units
                  from statement_unit u cross join lateral jsonb_array_elements(u.reasons) r
                 where u.statement_id = :id group by 1 order by 1""", Tuple.class).setParameter("id", statementId));
    }

    private static Header header(Row r) {
        return new Header(r.uuid("id"), r.uuid("contract_id"), r.integer("month"), r.integer("contract_version"),
                r.text("status"), r.integer("revision"), r.text("rule_set"), r.text("feed_position"),
                r.instant("data_as_of"), r.uuid("tariff_id"), r.integerOrNull("tariff_version"), r.date("as_of_date"),
                r.instant("computed_at"), r.text("computed_by"), r.decimal("total"), r.decimal("shadow_total"), r.decimal("budget_total"),
                r.integer("units_payable"), r.integer("units_queried"), r.integer("units_rejected"),
                r.text("content_hash"), r.instant("issued_at"), r.text("issued_by"));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
