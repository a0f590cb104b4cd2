package org.openpbr.clustering.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.openpbr.clustering.scheme.Scale;

/** The provider's MHSDS-shaped extracts (MHS801 assessments, MHS802 scale scores, MHS803 episodes). */
@ApplicationScoped
public class MhsdsExport {

    @Inject
    EntityManager em;

    /** The table's rows for the provider and period, read before anything is written. */
    public List<?> rows(String provider, String table, LocalDate start, LocalDate end) {
        return switch (table) {
            case "MHS801" -> em.createNativeQuery("select a.id, p.local_id, p.nhs_number, a.assessed_on, a.reason,"
                    + " a.suggested_code, sc.super_class, sv.scheme, sv.version, a.rule_version, a.team"
                    + " from assessment a join patient p on p.id = a.patient_id"
                    + " join scheme_version sv on sv.id = a.scheme_version_id"
                    + " left join scheme_code sc on sc.scheme_version_id = a.scheme_version_id and sc.code = a.suggested_code"
                    + " where a.provider_code = :provider and a.assessed_on between :from and :to order by a.assessed_on, a.seq")
                    .setParameter("provider", provider).setParameter("from", start).setParameter("to", end).getResultList();
            case "MHS802" -> em.createNativeQuery("select a.id, p.local_id, a.assessed_on, cast(a.ratings as text)"
                    + " from assessment a join patient p on p.id = a.patient_id"
                    + " where a.provider_code = :provider and a.assessed_on between :from and :to order by a.assessed_on, a.seq")
                    .setParameter("provider", provider).setParameter("from", start).setParameter("to", end).getResultList();
            default -> em.createNativeQuery("select e.id, p.local_id, p.nhs_number, e.start_date, e.end_date, e.code,"
                    + " sc.super_class, sv.scheme, sv.version, e.team, e.commissioner_code, e.end_reason"
                    + " from cluster_episode e join patient p on p.id = e.patient_id"
                    + " join scheme_version sv on sv.id = e.scheme_version_id"
                    + " join scheme_code sc on sc.scheme_version_id = e.scheme_version_id and sc.code = e.code"
                    + " where e.provider_code = :provider and e.start_date <= :to and (e.end_date is null or e.end_date >= :from)"
                    + " order by e.start_date, e.seq")
                    .setParameter("provider", provider).setParameter("from", start).setParameter("to", end).getResultList();
        };
    }

    /** The rows as the table's CSV, with its header line. */
    public void write(String table, List<?> rows, OutputStream out) throws IOException {

            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            switch (table) {
                case "MHS801" -> {
                    writer.write("MHS801UniqID,LocalPatientId,NHSNumber,AssToolCompDate,ClustToolAssReason,"
                            + "InitialCluster,SuperClass,Scheme,SchemeVersion,RuleVersion,CareProfTeamLocalId\r\n");
                    for (Object row : rows) {
                        line(writer, (Object[]) row);
                    }
                }
                case "MHS802" -> {
                    writer.write("MHS802UniqID,MHS801UniqID,LocalPatientId,AssToolCompDate,ScaleId,Score\r\n");
                    for (Object row : rows) {
                        Object[] r = (Object[]) row;
                        String[] scores = ((String) r[3]).replace("{", "").replace("}", "").split(",");
                        for (Scale scale : Scale.ALL) {
                            line(writer, new Object[] { r[0] + "-" + scale.id(), r[0], r[1], r[2], scale.id(),
                                    scores[scale.ordinal()].strip() });
                        }
                    }
                }
                default -> {
                    writer.write("MHS803UniqID,LocalPatientId,NHSNumber,StartDateCareClust,EndDateCareClust,"
                            + "AMHCareClustCodeFin,SuperClass,Scheme,SchemeVersion,CareProfTeamLocalId,"
                            + "OrgIDComm,EndReason\r\n");
                    for (Object row : rows) {
                        line(writer, (Object[]) row);
                    }
                }
            }
            writer.flush();
    }

    private static void line(Writer writer, Object[] values) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String text = values[i] == null ? "" : values[i].toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            line.append(text);
        }
        writer.write(line.append("\r\n").toString());
    }
}
