package org.openpbr.contract.quality;

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

/** All of the quality feature's SQL. */
@ApplicationScoped
public class QualityQueries {

    @Inject
    EntityManager em;

    public void enter(UUID contractId, String measureId, BigDecimal achieved, String evidence, String by) {
        em.createNativeQuery("""
                insert into quality_achievement (contract_id, measure_id, achieved, evidence, entered_by, entered_at)
                values (:c, :m, :a, :e, :by, now())""")
                .setParameter("c", contractId).setParameter("m", measureId).setParameter("a", achieved)
                .setParameter("e", evidence).setParameter("by", by).executeUpdate();
    }

    /** Every entry, oldest first. */
    public List<Row> entries(UUID contractId) {
        return Row.all(em.createNativeQuery("""
                select seq, measure_id, achieved, evidence, entered_by, entered_at
                  from quality_achievement where contract_id = :c order by seq""", Tuple.class).setParameter("c", contractId));
    }

    /** The latest achievement of each measure. */
    public Map<String, BigDecimal> latest(UUID contractId) {
        Map<String, BigDecimal> latest = new HashMap<>();
        for (Row r : entries(contractId)) {
            latest.put(r.text("measure_id"), r.decimal("achieved"));
        }
        return latest;
    }
}
