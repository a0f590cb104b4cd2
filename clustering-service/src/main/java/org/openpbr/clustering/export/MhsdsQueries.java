package org.openpbr.clustering.export;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/** The export feature's SQL: one query per MHSDS table, for one provider and period. */
@ApplicationScoped
public class MhsdsQueries {

    private static final String MHS801 = """
            select a.id, p.local_id, p.nhs_number, a.assessed_on, a.reason, a.suggested_code, sc.super_class,
                   sv.scheme, sv.version, a.rule_version, a.team
              from assessment a
              join patient p on p.id = a.patient_id
              join scheme_version sv on sv.id = a.scheme_version_id
              left join scheme_code sc on sc.scheme_version_id = a.scheme_version_id and sc.code = a.suggested_code
             where a.provider_code = :provider and a.assessed_on between :from and :to
             order by a.assessed_on, a.seq""";

    private static final String MHS802 = """
            select a.id, p.local_id, a.assessed_on, cast(a.ratings as text) as ratings
              from assessment a join patient p on p.id = a.patient_id
             where a.provider_code = :provider and a.assessed_on between :from and :to
             order by a.assessed_on, a.seq""";

    private static final String MHS803 = """
            select e.id, p.local_id, p.nhs_number, e.start_date, e.end_date, e.code, sc.super_class, sv.scheme,
                   sv.version, e.team, e.commissioner_code, e.end_reason
              from cluster_episode e
              join patient p on p.id = e.patient_id
              join scheme_version sv on sv.id = e.scheme_version_id
              join scheme_code sc on sc.scheme_version_id = e.scheme_version_id and sc.code = e.code
             where e.provider_code = :provider and e.start_date <= :to and (e.end_date is null or e.end_date >= :from)
             order by e.start_date, e.seq""";

    @Inject
    EntityManager em;

    /** The table's rows for the provider and period, read before anything is written. */
    public List<Row> rows(String provider, String table, LocalDate start, LocalDate end) {
        String sql = switch (table) {
            case "MHS801" -> MHS801;
            case "MHS802" -> MHS802;
            default -> MHS803;
        };
        return Row.all(em.createNativeQuery(sql, Tuple.class).setParameter("provider", provider)
                .setParameter("from", start).setParameter("to", end));
    }
}
