package org.openpbr.clustering.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.platform.problem.Faults;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.problem.ProblemException;

/**
 * Mental Health Services Data Set shaped extracts of a provider's clustering for a period:
 * MHS801 (cluster tool assessments), MHS802 (one row per scale score) and MHS803 (care clusters).
 * Column names follow the data set's items in spirit; this is not a certified submission file.
 */
@Path("/v1/exports/mhsds")
@Tag(name = "Exports", description = "MHSDS-shaped CSV extracts for your organisation")
@RolesAllowed({ Roles.CLINICAL_LEAD, Roles.ANALYST })
public class MhsdsExportResource {

    static final String CSV = "text/csv";
    static final int MAX_PERIOD_DAYS = 731;

    @Inject
    EntityManager em;

    @Inject
    CallerContext callers;

    @GET
    @Path("/{table}")
    @Produces(CSV)
    @Operation(operationId = "exportMhsds", summary = "MHS801, MHS802 or MHS803 as CSV for your organisation and a period",
            description = "MHS801: assessments in the period (date, reason, initial (tool-suggested) cluster and its super-class). MHS802: their 18 scale scores, one row each. MHS803: care cluster episodes overlapping the period with start, end and final code. Your own records only; NHS numbers appear because the file is your submission.")
    @APIResponse(responseCode = "200", description = "The CSV file", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response export(
            @Parameter(description = "MHS801, MHS802 or MHS803.", schema = @Schema(type = SchemaType.STRING, enumeration = { "MHS801", "MHS802", "MHS803" })) @PathParam("table") String table,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        String provider = callers.current().requireProviderOrg();
        if (!List.of("MHS801", "MHS802", "MHS803").contains(table)) {
            throw ProblemException.notFound("Table " + table);
        }
        Faults faults = new Faults();
        Faults.DateRange period = faults.range(from, to, MAX_PERIOD_DAYS);
        LocalDate start = period.from();
        LocalDate end = period.to();
        faults.throwIfAny();
        List<?> rows = switch (table) {
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
        StreamingOutput body = out -> {
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
        };
        return Response.ok(body, CSV).header("Content-Disposition",
                "attachment; filename=\"" + provider + "-" + table + "-" + start + "-" + end + ".csv\"").build();
    }

    private static void line(Writer writer, Object[] values) throws java.io.IOException {
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
