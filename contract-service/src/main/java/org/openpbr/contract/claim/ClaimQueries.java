package org.openpbr.contract.claim;

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

/** All of the claims feature's SQL. */
@ApplicationScoped
public class ClaimQueries {

    private static final int BATCH = 5000;

    /** A claims file as kept. */
    public record File(UUID id, UUID contractId, int period, int lines, String contentHash, String uploadedBy,
            String uploadedOrg, java.time.Instant uploadedAt, java.time.Instant supersededAt) {
    }

    /** One line of a claims file. */
    public record Line(int line, String localId, String code, LocalDate from, LocalDate to) {
    }

    private static final String FILE = """
            select id, contract_id, period, lines, content_hash, uploaded_by, uploaded_org, uploaded_at, superseded_at
              from claim_file""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Whether the contract's statement for the month is issued. */
    public boolean issued(UUID contractId, int month) {
        return !em.createNativeQuery("select 1 from statement where contract_id = :c and month = :m and status = 'ISSUED'")
                .setParameter("c", contractId).setParameter("m", month).getResultList().isEmpty();
    }

    public Optional<File> current(UUID contractId, int period) {
        return Row.first(em.createNativeQuery(FILE + "\n where contract_id = :c and period = :p and superseded_at is null",
                Tuple.class).setParameter("c", contractId).setParameter("p", period)).map(ClaimQueries::file);
    }

    /** Every file of the contract, by period, newest first within it. */
    public List<File> files(UUID contractId) {
        return Row.all(em.createNativeQuery(FILE + "\n where contract_id = :c order by period, uploaded_at desc", Tuple.class)
                .setParameter("c", contractId)).stream().map(ClaimQueries::file).toList();
    }

    /** Keeps a new file as the period's current one; the one before is superseded, not removed. */
    public void insert(File f, List<Line> lines) {
        em.createNativeQuery("update claim_file set superseded_at = now() where contract_id = :c and period = :p and superseded_at is null")
                .setParameter("c", f.contractId()).setParameter("p", f.period()).executeUpdate();
        em.createNativeQuery("""
                insert into claim_file (id, contract_id, period, lines, content_hash, uploaded_by, uploaded_org, uploaded_at)
                values (:id, :c, :p, :lines, :hash, :by, :org, now())""")
                .setParameter("id", f.id()).setParameter("c", f.contractId()).setParameter("p", f.period())
                .setParameter("lines", f.lines()).setParameter("hash", f.contentHash()).setParameter("by", f.uploadedBy())
                .setParameter("org", f.uploadedOrg()).executeUpdate();
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<Map<String, Object>> rows = lines.subList(from, Math.min(lines.size(), from + BATCH)).stream().map(l -> {
                Map<String, Object> row = new HashMap<>();
                row.put("line", l.line());
                row.put("local_id", l.localId());
                row.put("code", l.code());
                row.put("from_date", l.from().toString());
                row.put("to_date", l.to().toString());
                return row;
            }).toList();
            em.createNativeQuery("""
                    insert into claim (file_id, line, local_id, code, from_date, to_date)
                    select :f, r.line, r.local_id, r.code, r.from_date, r.to_date
                      from jsonb_to_recordset(cast(:rows as jsonb)) as r(line int, local_id text, code text, from_date date,
                           to_date date)""").setParameter("f", f.id()).setParameter("rows", write(rows)).executeUpdate();
        }
    }

    /** Whether a claims file for a period up to {@code upTo} was sent after {@code since}. */
    public boolean sentSince(UUID contractId, int upTo, java.time.Instant since) {
        return !em.createNativeQuery("select 1 from claim_file where contract_id = :c and period <= :upTo and uploaded_at > :since")
                .setParameter("c", contractId).setParameter("upTo", upTo).setParameter("since", since).getResultList().isEmpty();
    }

    /** A file's lines, in order. */
    public List<Line> lines(UUID fileId) {
        return Row.all(em.createNativeQuery("select line, local_id, code, from_date, to_date from claim where file_id = :f order by line",
                Tuple.class).setParameter("f", fileId)).stream()
                .map(r -> new Line(r.integer("line"), r.text("local_id"), r.text("code"), r.date("from_date"), r.date("to_date")))
                .toList();
    }

    /** The claims of the current files for periods up to {@code upTo}, as payment validation reads them. */
    public List<PaymentValidation.Claim> claims(UUID contractId, int upTo) {
        return Row.all(em.createNativeQuery("""
                select f.period, c.line, c.local_id, c.code, c.from_date, c.to_date
                  from claim c join claim_file f on f.id = c.file_id
                 where f.contract_id = :c and f.superseded_at is null and f.period <= :upTo
                 order by f.period, c.line""", Tuple.class).setParameter("c", contractId).setParameter("upTo", upTo)).stream()
                .map(r -> new PaymentValidation.Claim("m" + r.integer("period"), r.integer("line"), r.text("local_id"),
                        r.text("code"), r.date("from_date"), r.date("to_date")))
                .toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static File file(Row r) {
        return new File(r.uuid("id"), r.uuid("contract_id"), r.integer("period"), r.integer("lines"), r.text("content_hash"),
                r.text("uploaded_by"), r.text("uploaded_org"), r.instant("uploaded_at"), r.instant("superseded_at"));
    }
}
