package org.openpbr.contract.statement;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.openpbr.contract.validation.rule.PaymentValidation;
import org.openpbr.platform.persistence.Row;
import org.postgresql.PGConnection;

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
            String issuedBy, Long caseloadIntake, List<String> pv05Providers) {
    }

    /** A stored unit, with both ways of naming the person (each party sees its own). */
    public record StoredUnit(PaymentValidation.Unit unit, String localId, String pseudonym, UUID budgetId) {

        /** Whether the unit's verdict is the one last stated (status, paid, code, quantity and budget); false if never stated. */
        public boolean sameVerdict(Verdict stated) {
            return stated != null && unit.status().name().equals(stated.status()) && unit.paid() == stated.paid()
                    && unit.code().equals(stated.code()) && unit.quantity().compareTo(stated.quantity()) == 0
                    && java.util.Objects.equals(budgetId, stated.budgetId());
        }
    }

    /** A unit as issued statements last stated it. */
    public record Verdict(String key, String person, String episodeId, int month, String code, BigDecimal quantity,
            String status, boolean paid, UUID budgetId) {
    }

    /** An episode with the allocation that started it (null when none is held). */
    public record Fed(PaymentValidation.Episode episode, PaymentValidation.Allocation allocation) {
    }

    private static final String EPISODE = """
            select e.id, e.pseudonym, e.local_id, e.commissioner_code, e.team, e.code, e.start_date, e.end_date, e.review_due,
                   e.allocation_id, a.id as held_allocation, a.assessment_id, a.chosen_code, a.suggested_code,
                   a.follows_suggestion, a.chosen_meets_red_rules, a.assessed_on, a.scheme_version, a.allocated_on,
                   (a.recorded_at at time zone 'UTC')::date as recorded_on
              from fed_episode e left join fed_allocation a on a.id = e.allocation_id
            """;

    private static final String HEADER = """
            select id, contract_id, month, contract_version, status, revision, rule_set, feed_position, data_as_of,
                   tariff_id, tariff_version, as_of_date, computed_at, computed_by, total, shadow_total, budget_total, units_payable,
                   units_queried, units_rejected, content_hash, issued_at, issued_by, caseload_intake, pv05_providers
              from statement""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The provider's episodes for the commissioner (null: for any commissioner) that overlap the year, with who the person is. */
    public List<Fed> episodes(String provider, String commissioner, LocalDate from, LocalDate to) {
        return jdbc(c -> episodes(c, EPISODE + """
                 where e.provider_code = ? and (cast(? as text) is null or e.commissioner_code = cast(? as text))
                   and e.start_date <= ? and (e.end_date is null or e.end_date >= ?)""", provider, commissioner, commissioner,
                to, from));
    }

    /**
     * The episodes with a unit in the month {@code monthStart}-{@code monthEnd} (as of {@code asOf}):
     * for a cluster episode, those starting in it or running on past their review date into it; for
     * days and person-months, every episode open in it.
     */
    public List<Fed> monthEpisodes(String provider, String commissioner,
            PaymentValidation.UnitKind unit, LocalDate monthStart, LocalDate monthEnd, LocalDate asOf) {
        LocalDate until = asOf.isBefore(monthEnd) ? asOf : monthEnd;
        if (unit == PaymentValidation.UnitKind.CLUSTER_EPISODE) {
            return jdbc(c -> episodes(c, EPISODE + """
                     where e.provider_code = ? and e.commissioner_code = ?
                       and (e.start_date between ? and ?
                            or (e.review_due <= ? and (e.end_date is null or e.end_date >= ?)
                                and e.review_due <= coalesce(e.end_date, ?)))""",
                    provider, commissioner, monthStart, until, until, monthStart, until));
        }
        return jdbc(c -> episodes(c, EPISODE + """
                 where e.provider_code = ? and e.commissioner_code = ? and e.start_date <= ?
                   and (e.end_date is null or e.end_date >= ?)""", provider, commissioner, until, monthStart));
    }

    /**
     * The provider's episodes whose units may have changed since the statement that saw intake
     * {@code intake}: changed since (for any commissioner, so that units of an episode moved away
     * are withdrawn), or whose allocation changed since, or of the people and episodes named.
     */
    public List<Fed> changedEpisodes(String provider, String commissioner, long intake, Set<String> people,
            Set<String> episodeIds) {
        return jdbc(c -> episodes(c, EPISODE + """
                 where e.id in (select id from fed_episode where provider_code = ? and intake > ?
                                union
                                select id from fed_episode where commissioner_code = ? and pseudonym = any(?)
                                union
                                select id from fed_episode where id = any(?)
                                union
                                select id from fed_episode
                                 where allocation_id in (select id from fed_allocation where intake > ?))
                   and (e.intake > ? or e.commissioner_code = ?) and e.provider_code = ?""",
                provider, intake, commissioner, c.createArrayOf("text", people.toArray()),
                c.createArrayOf("uuid", episodeIds.stream().map(UUID::fromString).toArray()), intake, intake, commissioner,
                provider));
    }

    /** The people (pseudonyms) of the provider's episodes for the commissioner with one of these local ids. */
    public Set<String> pseudonymsOf(String provider, String commissioner, Set<String> localIds) {
        if (localIds.isEmpty()) {
            return Set.of();
        }
        return jdbc(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select distinct pseudonym from fed_episode
                     where provider_code = ? and commissioner_code = ? and local_id = any(?)""")) {
                bind(s, provider, commissioner, c.createArrayOf("text", localIds.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Other providers' episodes of these people (linked by the cross-provider pseudonym) for the same
     * commissioner in the year, at the partners given (the providers with an agreed contract with
     * the commissioner for the year): the PV05 candidates.
     */
    public List<PaymentValidation.Elsewhere> elsewhere(String provider, String commissioner, List<String> partners,
            Set<String> people, LocalDate from, LocalDate to) {
        Object[] linked = people.stream().filter(p -> p.startsWith("P-")).toArray();
        if (partners.isEmpty() || linked.length == 0) {
            return List.of();
        }
        return jdbc(c -> {
            List<PaymentValidation.Elsewhere> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select o.provider_code, o.pseudonym, o.start_date, o.end_date
                      from fed_episode o
                     where o.commissioner_code = ? and o.pseudonym = any(?) and o.provider_code <> ?
                       and o.provider_code = any(?) and o.start_date <= ? and (o.end_date is null or o.end_date >= ?)""")) {
                bind(s, commissioner, c.createArrayOf("text", linked), provider, c.createArrayOf("text", partners.toArray()),
                        to, from);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new PaymentValidation.Elsewhere(r.getString("provider_code"), r.getString("pseudonym"),
                                r.getObject("start_date", LocalDate.class), r.getObject("end_date", LocalDate.class)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * This provider's people (pseudonyms) for whom PV05 may have something new since a statement that
     * saw intake {@code since}, counted units up to {@code before} and compared against the partners
     * {@code before}: another provider's episode of theirs arrived or changed since, started after
     * that day (up to {@code to}), or is at a partner new since.
     */
    public Set<String> newlyElsewhere(String provider, String commissioner, List<String> partners,
            List<String> partnersBefore, long since, LocalDate before, LocalDate from, LocalDate to) {
        if (partners.isEmpty()) {
            return Set.of();
        }
        List<String> added = partners.stream().filter(p -> !partnersBefore.contains(p)).toList();
        return jdbc(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select distinct o.pseudonym
                      from (select pseudonym, provider_code, start_date, end_date from fed_episode
                             where intake > ? and commissioner_code = ?
                            union all
                            select pseudonym, provider_code, start_date, end_date from fed_episode
                             where commissioner_code = ? and provider_code = any(?) and start_date > ? and start_date <= ?
                            union all
                            select pseudonym, provider_code, start_date, end_date from fed_episode
                             where commissioner_code = ? and provider_code = any(?)) o
                     where o.provider_code <> ? and o.provider_code = any(?) and o.pseudonym like 'P-%'
                       and o.start_date <= ? and (o.end_date is null or o.end_date >= ?)
                       and exists (select 1 from fed_episode e
                                    where e.commissioner_code = ? and e.pseudonym = o.pseudonym and e.provider_code = ?)""")) {
                java.sql.Array all = c.createArrayOf("text", partners.toArray());
                bind(s, since, commissioner, commissioner, all, before, to, commissioner,
                        c.createArrayOf("text", added.toArray()), provider, all, to, from, commissioner, provider);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** The providers with an agreed contract with the commissioner for the year, other than this one (PV05's partners). */
    public List<String> partners(String provider, String commissioner, String financialYear) {
        return Row.all(em.createNativeQuery("""
                select distinct k.provider_code from contract k join contract_version v on v.contract_id = k.id
                 where k.commissioner_code = :c and k.provider_code <> :p and k.financial_year = :year
                   and v.status = 'AGREED' order by 1""", Tuple.class)
                .setParameter("c", commissioner).setParameter("p", provider).setParameter("year", financialYear))
                .stream().map(r -> r.text("provider_code")).toList();
    }

    /**
     * The caseload intake the statement judges, read with a share lock: no feed page lands until
     * the statement's transaction ends, so every row it reads has an intake at most this one.
     */
    public long lockIntake() {
        return ((Number) em.createNativeQuery("select intake from caseload_intake for share").getSingleResult()).longValue();
    }

    /** The contract's units as issued statements last stated them, of the episodes or people given (null: all). */
    public List<Verdict> verdicts(UUID contractId, Set<String> episodeIds, Set<String> people) {
        if (episodeIds == null) {
            return jdbc(c -> verdicts(c, "", contractId));
        }
        return jdbc(c -> verdicts(c, " and (episode_id = any(?) or person = any(?))", contractId,
                c.createArrayOf("text", episodeIds.toArray()), c.createArrayOf("text", people.toArray())));
    }

    /** The units of the keys given, as issued statements last stated them. */
    public List<Verdict> verdictsOf(UUID contractId, Set<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc(c -> verdicts(c, " and unit_key = any(?)", contractId, c.createArrayOf("text", keys.toArray())));
    }

    private static List<Verdict> verdicts(Connection c, String where, Object... values) throws SQLException {
        List<Verdict> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select unit_key, person, episode_id, month, code, quantity, status, paid, budget_id
                  from unit_verdict where contract_id = ?""" + where)) {
            bind(s, values);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Verdict(r.getString("unit_key"), r.getString("person"), r.getString("episode_id"),
                            r.getInt("month"), r.getString("code"), r.getBigDecimal("quantity"), r.getString("status"),
                            r.getBoolean("paid"), r.getObject("budget_id", UUID.class)));
                }
            }
        }
        return out;
    }

    /** Paid units by month and code as issued statements last stated them: all, and those a personal budget held. */
    public List<Row> verdictTotals(UUID contractId) {
        return Row.all(em.createNativeQuery("""
                select month, code, sum(quantity) as paid, coalesce(sum(quantity) filter (where budget_id is not null), 0) as held
                  from unit_verdict where contract_id = :c and paid group by month, code""", Tuple.class)
                .setParameter("c", contractId));
    }

    /**
     * Makes an issued statement's units the contract's last stated verdicts: its stated units replace
     * theirs, and the units it withdrew are no longer the contract's.
     */
    public void applyVerdicts(UUID statementId, UUID contractId) {
        em.createNativeQuery("""
                insert into unit_verdict (contract_id, unit_key, person, episode_id, month, code, quantity, status, paid,
                                          budget_id)
                select :c, unit_key, coalesce(pseudonym, 'L:' || coalesce(local_id, '')), evidence ->> 'episodeId', month,
                       code, quantity, status, paid, budget_id
                  from statement_unit where statement_id = :s
                on conflict (contract_id, unit_key) do update set person = excluded.person,
                       episode_id = excluded.episode_id, month = excluded.month, code = excluded.code,
                       quantity = excluded.quantity, status = excluded.status, paid = excluded.paid,
                       budget_id = excluded.budget_id""")
                .setParameter("c", contractId).setParameter("s", statementId).executeUpdate();
        em.createNativeQuery("""
                delete from unit_verdict v using statement_withdrawn_unit w
                 where w.statement_id = :s and v.contract_id = :c and v.unit_key = w.unit_key""")
                .setParameter("c", contractId).setParameter("s", statementId).executeUpdate();
    }

    /** How many units a statement withdrew. */
    public int withdrawnCount(UUID statementId) {
        return ((Number) em.createNativeQuery("select count(*) from statement_withdrawn_unit where statement_id = :id")
                .setParameter("id", statementId).getSingleResult()).intValue();
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

    /** Writes a draft (a new one, or over the old draft of the month), its lines, its units and the units it withdraws. */
    public void saveDraft(Header h, List<StatementViews.Line> lines, List<StoredUnit> units, List<Verdict> withdrawn) {
        em.createNativeQuery("delete from statement_line where statement_id = :id").setParameter("id", h.id()).executeUpdate();
        em.createNativeQuery("delete from statement_unit where statement_id = :id").setParameter("id", h.id()).executeUpdate();
        em.createNativeQuery("delete from statement_withdrawn_unit where statement_id = :id").setParameter("id", h.id())
                .executeUpdate();
        em.createNativeQuery("""
                insert into statement (id, contract_id, month, contract_version, status, revision, rule_set, feed_position,
                                       data_as_of, tariff_id, tariff_version, as_of_date, computed_at, computed_by, total,
                                       shadow_total, budget_total, units_payable, units_queried, units_rejected,
                                       caseload_intake, pv05_providers)
                values (:id, :contract, :month, :version, 'DRAFT', 1, :rules, :position, :dataAsOf, :tariff,
                        :tariffVersion, :asOf, now(), :by, :total, :shadow, :budgets, :payable, :queried, :rejected,
                        :intake, cast(cast(:partners as text) as text[]))
                on conflict (contract_id, month) do update set contract_version = excluded.contract_version,
                       revision = statement.revision + 1, rule_set = excluded.rule_set,
                       feed_position = excluded.feed_position, data_as_of = excluded.data_as_of,
                       tariff_id = excluded.tariff_id, tariff_version = excluded.tariff_version,
                       as_of_date = excluded.as_of_date, computed_at = now(), computed_by = excluded.computed_by,
                       total = excluded.total, shadow_total = excluded.shadow_total, budget_total = excluded.budget_total,
                       units_payable = excluded.units_payable, units_queried = excluded.units_queried,
                       units_rejected = excluded.units_rejected, caseload_intake = excluded.caseload_intake,
                       pv05_providers = excluded.pv05_providers""")
                .setParameter("id", h.id()).setParameter("contract", h.contractId()).setParameter("month", h.month())
                .setParameter("version", h.contractVersion()).setParameter("rules", h.ruleSet())
                .setParameter("position", h.feedPosition()).setParameter("dataAsOf", h.dataAsOf())
                .setParameter("tariff", h.tariffId()).setParameter("tariffVersion", h.tariffVersion())
                .setParameter("asOf", h.asOfDate()).setParameter("by", h.computedBy()).setParameter("total", h.total())
                .setParameter("shadow", h.shadowTotal()).setParameter("budgets", h.budgetTotal()).setParameter("payable", h.payable())
                .setParameter("queried", h.queried()).setParameter("rejected", h.rejected())
                .setParameter("intake", h.caseloadIntake())
                .setParameter("partners", h.pv05Providers() == null ? null : "{" + String.join(",", h.pv05Providers()) + "}")
                .executeUpdate();
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
        copyUnits(h.id(), units);
        if (!withdrawn.isEmpty()) {
            em.createNativeQuery("""
                    insert into statement_withdrawn_unit (statement_id, unit_key, month, code, quantity, paid)
                    select :id, r.unit_key, r.month, r.code, r.quantity, r.paid
                      from jsonb_to_recordset(cast(:rows as jsonb)) as r(unit_key text, month int, code text,
                           quantity numeric, paid boolean)""")
                    .setParameter("id", h.id()).setParameter("rows", write(withdrawn.stream().map(v -> Map.of("unit_key",
                            v.key(), "month", v.month(), "code", v.code(), "quantity", v.quantity(), "paid", v.paid()))
                            .toList())).executeUpdate();
        }
    }

    /** The statement's units by COPY: one round trip, however many. */
    private void copyUnits(UUID statementId, List<StoredUnit> units) {
        if (units.isEmpty()) {
            return;
        }
        jdbc(c -> {
            StringBuilder csv = new StringBuilder(units.size() * 400);
            for (StoredUnit s : units) {
                PaymentValidation.Unit u = s.unit();
                csv.append(statementId).append(',');
                field(csv, u.key()).append(',').append(u.month()).append(',');
                field(csv, u.code()).append(',').append(u.quantity().toPlainString()).append(',')
                        .append(u.status().name()).append(',').append(u.paid()).append(',');
                field(csv, write(u.reasons().stream().map(r -> Map.of("rule", r.rule().name(), "version", r.version(),
                        "detail", r.detail())).toList())).append(',');
                field(csv, write(u.evidence())).append(',');
                field(csv, s.localId()).append(',');
                field(csv, s.pseudonym()).append(',');
                csv.append(s.budgetId() == null ? "" : s.budgetId().toString()).append('\n');
            }
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        copy statement_unit (statement_id, unit_key, month, code, quantity, status, paid, reasons, evidence,
                                             local_id, pseudonym, budget_id) from stdin with (format csv)""",
                        new java.io.StringReader(csv.toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    /** A CSV field, quoted (an absent value is left empty, which COPY reads as null). */
    private static StringBuilder field(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        return csv.append('"').append(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\"")).append('"');
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
                r.text("content_hash"), r.instant("issued_at"), r.text("issued_by"), r.wholeOrNull("caseload_intake"),
                providers(r.value("pv05_providers")));
    }

    private static List<String> providers(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return value instanceof java.sql.Array a ? List.of((String[]) a.getArray()) : List.of((String[]) value);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work on the transaction's own JDBC connection: rows read by column, without the ORM's tuples. */
    private <T> T jdbc(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof java.sql.Array a) {
                s.setArray(i + 1, a);
            } else {
                s.setObject(i + 1, values[i]);
            }
        }
    }

    private static List<Fed> episodes(Connection c, String sql, Object... values) throws SQLException {
        List<Fed> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String allocation = r.getString("held_allocation");
                    Object red = r.getObject("chosen_meets_red_rules");
                    out.add(new Fed(new PaymentValidation.Episode(r.getString("id"), r.getString("pseudonym"),
                            r.getString("local_id"), r.getString("commissioner_code"), r.getString("team"), r.getString("code"),
                            r.getObject("start_date", LocalDate.class), r.getObject("end_date", LocalDate.class),
                            r.getObject("review_due", LocalDate.class), r.getString("allocation_id")),
                            allocation == null ? null : new PaymentValidation.Allocation(allocation, r.getString("assessment_id"),
                                    r.getString("chosen_code"), r.getString("suggested_code"), r.getBoolean("follows_suggestion"),
                                    red == null ? null : (Boolean) red, r.getObject("assessed_on", LocalDate.class),
                                    r.getString("scheme_version"), r.getObject("allocated_on", LocalDate.class),
                                    r.getObject("recorded_on", LocalDate.class))));
                }
            }
        }
        return out;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
