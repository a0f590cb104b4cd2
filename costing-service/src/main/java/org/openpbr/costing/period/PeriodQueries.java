package org.openpbr.costing.period;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/** The period feature's SQL through JPA; the bulk loads' statements are in {@link LoadQueries}. */
@ApplicationScoped
public class PeriodQueries {

    private static final String LEDGER = """
            select max(upload_id) as upload_id, count(*) as lines, coalesce(sum(amount), 0) as total,
                   coalesce(sum(amount) filter (where social_care), 0) as social_care
              from ledger_line where period_id = :p""";

    private static final String ACTIVITY = """
            select kind, sum(row_count) as row_count from upload
             where period_id = :p and withdrawn_at is null group by kind""";

    /** The period's ledger: its upload, lines and totals (lines 0 when none is loaded). */
    public record Ledger(Long uploadId, long lines, BigDecimal total, BigDecimal socialCare) {
    }

    /** Rows loaded of one kind of upload. */
    public record Loaded(String kind, long rows) {
    }

    @Inject
    EntityManager em;

    public Ledger ledger(long periodId) {
        Row r = Row.first(em.createNativeQuery(LEDGER, Tuple.class).setParameter("p", periodId)).orElseThrow();
        return new Ledger(r.wholeOrNull("upload_id"), r.whole("lines"), r.decimal("total"), r.decimal("social_care"));
    }

    /** A page of the period's ledger lines, in the order of their file. */
    public List<LedgerLines.Line> ledgerLines(long periodId, long afterLine, int rows) {
        return Row.all(em.createNativeQuery("""
                select l.line_no, c.code, c.name, l.expense_type, l.social_care, l.amount
                  from ledger_line l join cost_centre c on c.id = l.cost_centre_id
                 where l.period_id = :p and l.line_no > :after order by l.line_no limit :rows""", Tuple.class)
                .setParameter("p", periodId).setParameter("after", afterLine).setParameter("rows", rows)).stream()
                .map(r -> new LedgerLines.Line(r.integer("line_no"), r.text("code"), r.text("name"),
                        r.text("expense_type"), r.flag("social_care"), r.decimal("amount"))).toList();
    }

    public List<Loaded> loaded(long periodId) {
        return Row.all(em.createNativeQuery(ACTIVITY, Tuple.class).setParameter("p", periodId)).stream()
                .map(r -> new Loaded(r.text("kind"), r.whole("row_count"))).toList();
    }
}
