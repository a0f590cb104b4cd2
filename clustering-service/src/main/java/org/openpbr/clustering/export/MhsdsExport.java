package org.openpbr.clustering.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.clustering.scheme.Scale;
import org.openpbr.platform.persistence.Row;
import org.openpbr.platform.validation.DateRanges;

/**
 * The provider's MHSDS-shaped extracts (MHS801 assessments, MHS802 scale scores, MHS803 episodes).
 * Each MHSDS column is named beside the SQL column it is read from.
 */
@ApplicationScoped
public class MhsdsExport {

    /** MHSDS column, then the SQL column it comes from, in the table's order. */
    private static final List<Map.Entry<String, String>> MHS801_COLUMNS = List.of(
            Map.entry("MHS801UniqID", "id"), Map.entry("LocalPatientId", "local_id"),
            Map.entry("NHSNumber", "nhs_number"), Map.entry("AssToolCompDate", "assessed_on"),
            Map.entry("ClustToolAssReason", "reason"), Map.entry("InitialCluster", "suggested_code"),
            Map.entry("SuperClass", "super_class"), Map.entry("Scheme", "scheme"),
            Map.entry("SchemeVersion", "version"), Map.entry("RuleVersion", "rule_version"),
            Map.entry("CareProfTeamLocalId", "team"));

    private static final List<Map.Entry<String, String>> MHS803_COLUMNS = List.of(
            Map.entry("MHS803UniqID", "id"), Map.entry("LocalPatientId", "local_id"),
            Map.entry("NHSNumber", "nhs_number"), Map.entry("StartDateCareClust", "start_date"),
            Map.entry("EndDateCareClust", "end_date"), Map.entry("AMHCareClustCodeFin", "code"),
            Map.entry("SuperClass", "super_class"), Map.entry("Scheme", "scheme"),
            Map.entry("SchemeVersion", "version"), Map.entry("CareProfTeamLocalId", "team"),
            Map.entry("OrgIDComm", "commissioner_code"), Map.entry("EndReason", "end_reason"));

    @Inject
    MhsdsQueries queries;

    /** The table's rows for the provider and a period of at most two years, read before anything is written. */
    public List<Row> rows(String provider, String table, LocalDate start, LocalDate end) {
        DateRanges.require(start, end, MhsdsExportResource.MAX_PERIOD_DAYS);
        return queries.rows(provider, table, start, end);
    }

    /** The rows as the table's CSV, with its header line. */
    public void write(String table, List<Row> rows, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        switch (table) {
            case "MHS801" -> table(writer, MHS801_COLUMNS, rows);
            case "MHS802" -> {
                writer.write("MHS802UniqID,MHS801UniqID,LocalPatientId,AssToolCompDate,ScaleId,Score\r\n");
                for (Row row : rows) {
                    String[] scores = row.text("ratings").replace("{", "").replace("}", "").split(",");
                    for (Scale scale : Scale.ALL) {
                        line(writer, List.of(row.value("id") + "-" + scale.id(), row.value("id"),
                                row.value("local_id"), row.value("assessed_on"), scale.id(),
                                scores[scale.ordinal()].strip()));
                    }
                }
            }
            default -> table(writer, MHS803_COLUMNS, rows);
        }
        writer.flush();
    }

    private static void table(Writer writer, List<Map.Entry<String, String>> columns, List<Row> rows)
            throws IOException {
        writer.write(String.join(",", columns.stream().map(Map.Entry::getKey).toList()) + "\r\n");
        for (Row row : rows) {
            line(writer, columns.stream().map(c -> row.value(c.getValue())).toList());
        }
    }

    private static void line(Writer writer, List<?> values) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values.get(i);
            String text = value == null ? "" : value.toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            line.append(text);
        }
        writer.write(line.append("\r\n").toString());
    }
}
