package org.openpbr.clustering.quality;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.clustering.ClusteringConfig;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data quality and cluster profiles: the commissioner's confidence in the currency. */
@Path("/v1")
@Tag(name = "Data quality", description = "Clustering data-quality measures and pseudonymised cluster profiles")
@RolesAllowed({ Roles.CLINICAL_LEAD, Roles.ANALYST, Roles.CONTRACT_MANAGER })
public class QualityResource {

    static final int MAX_PERIOD_DAYS = 731;

    @Inject
    QualityService quality;

    @Inject
    CallerContext callers;

    @Inject
    EntityManager em;

    @Inject
    ClusteringConfig config;

    @GET
    @Path("/quality")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDataQuality", summary = "Clustering data-quality measures for a period",
            description = "For a provider: its own records, by team, clinician or as a whole. For a commissioner: only people for whom it is the responsible commissioner, by provider, with counts of 1-4 suppressed. "
                    + "Measures: people with a cluster at the period end, share within their review period, caseload by code, share in variance (00), override rate and reasons, share of chosen codes meeting their red rules, early clustering (re-clustered or discharged within 14 days of the first allocation), inter-rater agreement (pairs within 7 days).")
    @APIResponse(responseCode = "200", description = "The measures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityViews.Report.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public QualityViews.Report report(
            @Parameter(required = true, description = "First day (YYYY-MM-DD).", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, description = "Last day (YYYY-MM-DD); at most two years after from.", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "PROVIDER, TEAM or CLINICIAN; default TEAM for a provider, PROVIDER for a commissioner.", schema = @Schema(type = SchemaType.STRING, enumeration = { "PROVIDER", "TEAM", "CLINICIAN" })) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Commissioners only: one provider's records.") @QueryParam("provider") String provider) {
        Caller caller = callers.current();
        Faults faults = new Faults();
        Faults.DateRange period = faults.range(from, to, MAX_PERIOD_DAYS);
        LocalDate start = period.from();
        LocalDate end = period.to();
        QualityService.GroupBy by = null;
        if (groupBy != null && !groupBy.isBlank()) {
            try {
                by = QualityService.GroupBy.valueOf(groupBy.strip());
            } catch (IllegalArgumentException e) {
                faults.add("groupBy", "must be PROVIDER, TEAM or CLINICIAN");
            }
        }
        faults.odsCode("provider", provider, false);
        faults.throwIfAny();
        QualityService.Scope scope = scope(caller, provider);
        if (!scope.commissioner() && provider != null && !provider.isBlank()) {
            new Faults().add("provider", "is for commissioners; a provider sees its own records").throwIfAny();
        }
        if (by == null) {
            by = scope.commissioner() ? QualityService.GroupBy.PROVIDER : QualityService.GroupBy.TEAM;
        }
        if (scope.commissioner() && by == QualityService.GroupBy.CLINICIAN) {
            new Faults().add("groupBy", "commissioners see providers and teams, not individual clinicians").throwIfAny();
        }
        return quality.report(scope, start, end, by);
    }

    @Schema(name = "PopulationEpisode", description = "A cluster episode of the commissioner's population, pseudonymised.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PopulationEpisode(
            @Schema(required = true, description = "Stable per commissioner and person (the same across providers when the NHS number is known); never an NHS number or local id.") String pseudonym,
            @Schema(required = true) String providerCode, @Schema(required = true) String code,
            @Schema(required = true) LocalDate startDate, LocalDate endDate, @Schema(required = true) LocalDate reviewDue,
            String endReason) {
    }

    @Schema(name = "PopulationEpisodePage")
    public record PopulationPage(@Schema(required = true) List<PopulationEpisode> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The next page; absent on the last.") URI next) {
    }

    @GET
    @Path("/population/episodes")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.CONTRACT_MANAGER })
    @Operation(operationId = "listPopulationEpisodes", summary = "Your population's cluster episodes, pseudonymised (commissioners)",
            description = "Every cluster episode for which the calling commissioner is the responsible commissioner, in change order, with a stable per-commissioner pseudonym instead of any identifier.")
    @APIResponse(responseCode = "200", description = "A page of episodes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PopulationPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public PopulationPage population(@Parameter(ref = "After") @QueryParam("after") String after,
            @Parameter(ref = "Limit") @QueryParam("limit") String limit, @Context UriInfo uri) {
        String commissioner = callers.current().requireCommissionerOrg();
        PageRequest request = PageRequest.of(after, limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.seq, coalesce('nhs:' || p.nhs_number,"
                + " 'local:' || p.provider_code || '/' || p.local_id), e.provider_code, e.code, e.start_date, e.end_date,"
                + " e.review_due, e.end_reason from cluster_episode e join patient p on p.id = e.patient_id"
                + " where e.commissioner_code = :org and e.seq > :after order by e.seq limit :rows").setParameter("org", commissioner)
                .setParameter("after", request.afterSequence()).setParameter("rows", request.fetchSize()).getResultList();
        Page<Object[]> page = Page.of(rows, request, row -> ((Number) row[0]).longValue(), uri);
        return new PopulationPage(page.items().stream().map(row -> new PopulationEpisode(
                pseudonym(commissioner, (String) row[1]), (String) row[2], (String) row[3], NativeRows.date(row[4]), NativeRows.date(row[5]),
                NativeRows.date(row[6]), (String) row[7])).toList(), page.next());
    }

    private QualityService.Scope scope(Caller caller, String provider) {
        String org = caller.requireOrgCode();
        OrgType type = caller.orgType().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Your token has no recognised org_type"));
        if (type == OrgType.COMMISSIONER) {
            return new QualityService.Scope(org, true, provider == null || provider.isBlank() ? null : provider);
        }
        if (type.isProvider()) {
            return new QualityService.Scope(org, false, null);
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Data quality is for providers and commissioners");
    }

    /**
     * A stable pseudonym for one person as one commissioner sees them: HMAC-SHA256 over the NHS number
     * (so the same person has one pseudonym across providers), or over the provider's local id when
     * the NHS number is unknown; 128 bits, base64url.
     */
    String pseudonym(String commissioner, String person) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.pseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((commissioner + "/" + person).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

}
