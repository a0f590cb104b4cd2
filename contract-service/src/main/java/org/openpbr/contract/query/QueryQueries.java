package org.openpbr.contract.query;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.contract.query.rule.QueryFlow;
import org.openpbr.platform.persistence.Row;

/** All of the query feature's SQL. */
@ApplicationScoped
public class QueryQueries {

    /** A query as stored. */
    public record Stored(UUID id, long seq, UUID contractId, int month, String unitKey, int unitMonth, String code,
            String rule, String reason, QueryFlow.Status status, int revision, Instant raisedAt, String raisedBy,
            Instant updatedAt) {
    }

    /** A unit of a statement that a query may be raised on. */
    public record StatedUnit(String key, int month, String code) {
    }

    private static final String QUERY = """
            select id, seq, contract_id, month, unit_key, unit_month, code, rule, reason, status, revision, raised_at,
                   raised_by, updated_at from unit_query""";

    @Inject
    EntityManager em;

    /** The units of a contract's statement for a month: these keys, or those a rule flagged. */
    public List<StatedUnit> statedUnits(UUID contractId, int month, List<String> keys, String rule) {
        return Row.all(em.createNativeQuery("""
                select u.unit_key, u.month, u.code
                  from statement_unit u join statement s on s.id = u.statement_id
                 where s.contract_id = :c and s.month = :m
                   and (cast(:rule as text) is null
                        or exists (select 1 from jsonb_array_elements(u.reasons) r where r ->> 'rule' = cast(:rule as text)))
                   and (cast(:rule as text) is not null or u.unit_key = any(cast(:keys as text[])))
                 order by u.unit_key""", Tuple.class)
                .setParameter("c", contractId).setParameter("m", month).setParameter("rule", rule)
                .setParameter("keys", keys == null ? "{}" : "{" + String.join(",", keys.stream()
                        .map(k -> "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}"))
                .stream().map(r -> new StatedUnit(r.text("unit_key"), r.integer("month"), r.text("code"))).toList();
    }

    /** The unit keys that already have a query in progress or accepted. */
    public Set<String> queried(UUID contractId) {
        Set<String> keys = new HashSet<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select unit_key from unit_query where contract_id = :c and status in ('RAISED', 'CONTESTED', 'ACCEPTED')""",
                Tuple.class).setParameter("c", contractId))) {
            keys.add(r.text("unit_key"));
        }
        return keys;
    }

    /** The units whose query the provider accepted: reversed in the next statement. */
    public Set<String> accepted(UUID contractId) {
        Set<String> keys = new HashSet<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select unit_key from unit_query where contract_id = :c and status = 'ACCEPTED'""", Tuple.class)
                .setParameter("c", contractId))) {
            keys.add(r.text("unit_key"));
        }
        return keys;
    }

    public void insert(Stored q, String byOrg, String note) {
        em.createNativeQuery("""
                insert into unit_query (id, contract_id, month, unit_key, unit_month, code, rule, reason, status, revision,
                                        raised_at, raised_by, updated_at)
                values (:id, :c, :m, :key, :um, :code, :rule, :reason, 'RAISED', 1, now(), :by, now())""")
                .setParameter("id", q.id()).setParameter("c", q.contractId()).setParameter("m", q.month())
                .setParameter("key", q.unitKey()).setParameter("um", q.unitMonth()).setParameter("code", q.code())
                .setParameter("rule", q.rule()).setParameter("reason", q.reason()).setParameter("by", q.raisedBy())
                .executeUpdate();
        step(q.id(), 1, QueryFlow.Status.RAISED, q.raisedBy(), byOrg, note);
    }

    public void move(UUID id, QueryFlow.Status to, int stepNo, String by, String byOrg, String note) {
        em.createNativeQuery("""
                update unit_query set status = :to, revision = revision + 1, updated_at = now() where id = :id""")
                .setParameter("to", to.name()).setParameter("id", id).executeUpdate();
        step(id, stepNo, to, by, byOrg, note);
    }

    private void step(UUID id, int stepNo, QueryFlow.Status action, String by, String byOrg, String note) {
        em.createNativeQuery("""
                insert into unit_query_step (query_id, step_no, action, by_name, by_org, at, note)
                values (:id, :n, :action, :by, :org, now(), :note)""")
                .setParameter("id", id).setParameter("n", stepNo).setParameter("action", action.name())
                .setParameter("by", by).setParameter("org", byOrg).setParameter("note", note).executeUpdate();
    }

    public Optional<Stored> locked(UUID contractId, UUID id) {
        return Row.first(em.createNativeQuery(QUERY + " where contract_id = :c and id = :id for update", Tuple.class)
                .setParameter("c", contractId).setParameter("id", id)).map(QueryQueries::stored);
    }

    public Optional<Stored> find(UUID contractId, UUID id) {
        return Row.first(em.createNativeQuery(QUERY + " where contract_id = :c and id = :id", Tuple.class)
                .setParameter("c", contractId).setParameter("id", id)).map(QueryQueries::stored);
    }

    /** The contract's queries with these ids, in the order they were raised. */
    public List<Stored> byIds(UUID contractId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Row.all(em.createNativeQuery(QUERY + " where contract_id = :c and id in (:ids) order by seq", Tuple.class)
                .setParameter("c", contractId).setParameter("ids", ids)).stream().map(QueryQueries::stored).toList();
    }

    /** A page of the contract's queries, oldest first, optionally only those still open (raised or contested). */
    public List<Stored> page(UUID contractId, boolean open, long after, int rows) {
        return Row.all(em.createNativeQuery(QUERY + """

                 where contract_id = :c and seq > :after and (not :open or status in ('RAISED', 'CONTESTED'))
                 order by seq limit :rows""", Tuple.class).setParameter("c", contractId).setParameter("after", after)
                .setParameter("open", open).setParameter("rows", rows)).stream().map(QueryQueries::stored).toList();
    }

    public List<Row> steps(UUID id) {
        return Row.all(em.createNativeQuery("""
                select step_no, action, by_name, by_org, at, note from unit_query_step where query_id = :id order by step_no""",
                Tuple.class).setParameter("id", id));
    }

    private static Stored stored(Row r) {
        return new Stored(r.uuid("id"), r.whole("seq"), r.uuid("contract_id"), r.integer("month"), r.text("unit_key"),
                r.integer("unit_month"), r.text("code"), r.text("rule"), r.text("reason"),
                QueryFlow.Status.valueOf(r.text("status")), r.integer("revision"), r.instant("raised_at"),
                r.text("raised_by"), r.instant("updated_at"));
    }
}
