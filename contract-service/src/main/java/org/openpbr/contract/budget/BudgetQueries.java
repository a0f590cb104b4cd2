package org.openpbr.contract.budget;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/** All of the personal budget feature's SQL. */
@ApplicationScoped
public class BudgetQueries {

    /** A budget as held, with the person as both parties know them where clustering's episodes link the two. */
    public record Holder(UUID id, UUID contractId, String code, String localId, String pseudonym, LocalDate from,
            LocalDate to, String note, String recordedBy, String recordedOrg, java.time.Instant recordedAt, String endedBy,
            java.time.Instant endedAt) {
    }

    // The other identity of the person, from any episode of theirs at the contract's provider for its commissioner.
    private static final String HOLDER = """
            select b.id, b.contract_id, b.code, b.from_date, b.to_date, b.note, b.recorded_by, b.recorded_org, b.recorded_at,
                   b.ended_by, b.ended_at,
                   coalesce(b.local_id, (select e.local_id from fed_episode e where e.provider_code = k.provider_code
                        and e.commissioner_code = k.commissioner_code and e.pseudonym = b.pseudonym limit 1)) as local_id,
                   coalesce(b.pseudonym, (select e.pseudonym from fed_episode e where e.provider_code = k.provider_code
                        and e.commissioner_code = k.commissioner_code and e.local_id = b.local_id limit 1)) as pseudonym
              from personal_budget b join contract k on k.id = b.contract_id""";

    @Inject
    EntityManager em;

    public void insert(Holder h) {
        em.createNativeQuery("""
                insert into personal_budget (id, contract_id, code, local_id, pseudonym, from_date, to_date, note,
                                             recorded_by, recorded_org, recorded_at)
                values (:id, :c, :code, :local, :pseudonym, :from, :to, :note, :by, :org, now())""")
                .setParameter("id", h.id()).setParameter("c", h.contractId()).setParameter("code", h.code())
                .setParameter("local", h.localId()).setParameter("pseudonym", h.pseudonym()).setParameter("from", h.from())
                .setParameter("to", h.to()).setParameter("note", h.note()).setParameter("by", h.recordedBy())
                .setParameter("org", h.recordedOrg()).executeUpdate();
    }

    public void end(UUID id, LocalDate to, String by) {
        em.createNativeQuery("update personal_budget set to_date = :to, ended_by = :by, ended_at = now() where id = :id")
                .setParameter("id", id).setParameter("to", to).setParameter("by", by).executeUpdate();
    }

    /** The contract's budgets, oldest first. */
    public List<Holder> holders(UUID contractId) {
        return Row.all(em.createNativeQuery(HOLDER + "\n where b.contract_id = :c order by b.recorded_at, b.id", Tuple.class)
                .setParameter("c", contractId)).stream().map(BudgetQueries::holder).toList();
    }

    public Optional<Holder> holder(UUID contractId, UUID id) {
        return Row.first(em.createNativeQuery(HOLDER + "\n where b.contract_id = :c and b.id = :id", Tuple.class)
                .setParameter("c", contractId).setParameter("id", id)).map(BudgetQueries::holder);
    }

    /** Budgets of the person for the code that overlap the months given, other than {@code except}. */
    public List<Holder> overlapping(UUID contractId, String code, String localId, String pseudonym, LocalDate from,
            LocalDate to, UUID except) {
        return holders(contractId).stream().filter(h -> h.code().equals(code) && !h.id().equals(except)
                && (same(h.localId(), localId) || same(h.pseudonym(), pseudonym))
                && !h.from().isAfter(to) && !h.to().isBefore(from)).toList();
    }

    /** Paid units each month that each of the contract's budgets held, each unit as issued statements last stated it. */
    public List<Row> periods(UUID contractId) {
        return Row.all(em.createNativeQuery("""
                select budget_id, month, sum(quantity) as units
                  from (select v.month, v.quantity, v.paid, v.budget_id from unit_verdict v where v.contract_id = :c) latest
                 where budget_id is not null and paid
                 group by budget_id, month order by budget_id, month""", Tuple.class).setParameter("c", contractId));
    }

    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }

    private static Holder holder(Row r) {
        return new Holder(r.uuid("id"), r.uuid("contract_id"), r.text("code"), r.text("local_id"), r.text("pseudonym"),
                r.date("from_date"), r.date("to_date"), r.text("note"), r.text("recorded_by"), r.text("recorded_org"),
                r.instant("recorded_at"), r.text("ended_by"), r.instant("ended_at"));
    }
}
