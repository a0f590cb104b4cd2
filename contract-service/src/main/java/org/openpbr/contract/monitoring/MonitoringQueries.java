package org.openpbr.contract.monitoring;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/**
 * All of the monitoring feature's SQL. It reads what statements stated: each unit as the latest
 * statement that stated it judged it, and the lines statements paid.
 */
@ApplicationScoped
public class MonitoringQueries {

    /** The statements a report reads: the issued ones, and the current draft too when asked. */
    private static final String INCLUDED = "(s.status = 'ISSUED' or cast(:draft as boolean))";

    @Inject
    EntityManager em;

    /** The last month (1-12) a statement included in the report is for; 0 when none. */
    public int throughMonth(UUID contractId, boolean draft) {
        Object month = em.createNativeQuery("select coalesce(max(least(s.month, 12)), 0) from statement s where s.contract_id = :c and "
                + INCLUDED).setParameter("c", contractId).setParameter("draft", draft).getSingleResult();
        return ((Number) month).intValue();
    }

    /** Paid units by month and code, each unit as it was last stated. */
    public Map<Integer, Map<String, BigDecimal>> paidUnits(UUID contractId, boolean draft) {
        Map<Integer, Map<String, BigDecimal>> paid = new HashMap<>();
        for (Row r : Row.all(em.createNativeQuery("""
                select month, code, sum(quantity) as units
                  from (select distinct on (u.unit_key) u.month, u.code, u.quantity, u.paid
                          from (select statement_id, unit_key, month, code, quantity, paid from statement_unit
                                union all
                                -- a withdrawn unit is no longer the contract's: paid nothing from then on
                                select statement_id, unit_key, month, code, quantity, false from statement_withdrawn_unit) u
                          join statement s on s.id = u.statement_id
                         where s.contract_id = :c and\s""" + INCLUDED + """

                         order by u.unit_key, s.month desc) latest
                 where paid and month <= 12
                 group by month, code""", Tuple.class).setParameter("c", contractId).setParameter("draft", draft))) {
            paid.computeIfAbsent(r.integer("month"), k -> new HashMap<>()).put(r.text("code"), r.decimal("units"));
        }
        return paid;
    }

    /** The paid (not shadow) non-activity lines, summed by statement month and kind. */
    public List<Row> paidLines(UUID contractId, boolean draft) {
        return Row.all(em.createNativeQuery("""
                select s.month, l.kind, sum(l.amount) as amount
                  from statement_line l join statement s on s.id = l.statement_id
                 where s.contract_id = :c and not l.shadow and l.kind not in ('ACTIVITY', 'ADJUSTMENT') and\s""" + INCLUDED + """

                 group by s.month, l.kind order by s.month, l.kind""", Tuple.class)
                .setParameter("c", contractId).setParameter("draft", draft));
    }

    /**
     * Payment validation's rates over the given contracts: each unit as it was last stated, counted
     * by contract and team (team null: all the contract's teams), by verdict and by rule.
     */
    public List<Row> rates(List<UUID> contracts, boolean draft) {
        if (contracts.isEmpty()) {
            return List.of();
        }
        return Row.all(em.createNativeQuery("""
                with latest as (
                    select distinct on (s.contract_id, u.unit_key) s.contract_id, u.unit_key, u.status, u.reasons,
                           u.episode_id
                      from (select statement_id, unit_key, status, reasons, evidence ->> 'episodeId' as episode_id
                              from statement_unit
                            union all
                            -- a withdrawn unit is no longer the contract's, and is not counted
                            select statement_id, unit_key, 'WITHDRAWN', '[]'::jsonb, null from statement_withdrawn_unit) u
                      join statement s on s.id = u.statement_id
                     where s.contract_id = any(cast(:contracts as uuid[])) and\s""" + INCLUDED + """

                     order by s.contract_id, u.unit_key, s.month desc),
                judged as (
                    select l.contract_id, l.unit_key, coalesce(e.team, '(no episode)') as team, l.status, l.reasons
                      from latest l left join fed_episode e on e.id = cast(l.episode_id as uuid)
                     where l.status <> 'WITHDRAWN')
                select contract_id, team, null as rule, count(*) as units,
                       count(*) filter (where status = 'PAYABLE') as payable,
                       count(*) filter (where status = 'QUERIED') as queried,
                       count(*) filter (where status = 'REJECTED') as rejected
                  from judged group by grouping sets ((contract_id), (contract_id, team))
                union all
                select contract_id, team, r ->> 'rule' as rule, count(distinct j.unit_key) as units, null, null, null
                  from judged j cross join lateral jsonb_array_elements(j.reasons) r
                 group by grouping sets ((contract_id, r ->> 'rule'), (contract_id, team, r ->> 'rule'))
                 order by 1, 2 nulls first, 3 nulls first""", Tuple.class)
                .setParameter("contracts", "{" + String.join(",", contracts.stream().map(UUID::toString).toList()) + "}")
                .setParameter("draft", draft));
    }
}
