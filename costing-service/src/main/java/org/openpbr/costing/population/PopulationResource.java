package org.openpbr.costing.population;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openpbr.costing.CostingConfig;
import org.openpbr.costing.variance.CostVariance;
import org.openpbr.costing.variance.VarianceService;
import org.openpbr.costing.variance.VarianceViews;
import org.openpbr.platform.caller.CallerContext;
import org.openpbr.platform.caller.Roles;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.problem.Faults;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What commissioners see of costing: their own population (the episodes they are the responsible
 * commissioner for) across every provider's latest run of a period; aggregates with small numbers
 * withheld, and outliers under a pseudonym. Never a local patient id, never another
 * commissioner's population.
 */
@Path("/v1/population")
@Tag(name = "Population (commissioners)", description = "Cluster costs and variance of a commissioner's population across providers, aggregated and pseudonymised")
public class PopulationResource {

    @Schema(name = "PopulationRun", description = "The run a provider's figures come from: its latest run of the period.")
    public record RunRef(@Schema(required = true) String providerCode, @Schema(required = true) UUID runId,
            @Schema(required = true) String methodVersion, @Schema(required = true) Instant finishedAt) {
    }

    @Schema(name = "ProviderVariance")
    public record ProviderVariance(@Schema(required = true) String providerCode,
            @Schema(required = true) List<VarianceViews.Code> codes) {
    }

    @Schema(name = "PopulationCosts", description = "A commissioner's population: cost and variance by code, over all its providers and per provider. A code with 1-4 episodes is withheld (suppressed).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Costs(@Schema(required = true) String commissionerCode, @Schema(required = true) LocalDate from,
            @Schema(required = true) LocalDate to, @Schema(required = true) List<RunRef> runs,
            @Schema(required = true) String measure, @Schema(required = true) BigDecimal trimMultiplier,
            @Schema(description = "Share of the variance of cost per cluster day the codes explain, over all providers; absent when withheld.") BigDecimal etaSquaredCostPerDay,
            @Schema(required = true, description = "All providers together.") List<VarianceViews.Code> codes,
            @Schema(required = true) List<ProviderVariance> providers) {
    }

    @Schema(name = "PopulationOutlier", description = "A high-cost outlier episode of the population, under a pseudonym.")
    public record Outlier(@Schema(required = true, description = "Stable for this commissioner, provider and person; never a local id.") String pseudonym,
            @Schema(required = true) String providerCode, @Schema(required = true) String code,
            @Schema(required = true) int clusterDays, @Schema(required = true) BigDecimal cost,
            @Schema(required = true) BigDecimal costPerClusterDay, @Schema(required = true) BigDecimal trimPoint) {
    }

    @Schema(name = "PopulationOutliers")
    public record Outliers(@Schema(required = true) String commissionerCode, @Schema(required = true) BigDecimal trimMultiplier,
            @Schema(required = true, description = "At most 1,000, costliest per cluster day first.") List<Outlier> items,
            @Schema(required = true) int total) {
    }

    private record Population(Faults.DateRange period, List<RunRef> runs, Map<Long, String> providerOf, Map<Long, String> patientOf,
            List<CostVariance.Episode> episodes) {
    }

    @Inject
    CallerContext callers;

    @Inject
    EntityManager em;

    @Inject
    VarianceService variance;

    @Inject
    CostingConfig config;

    @GET
    @Path("costs")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.FINANCE })
    @Operation(operationId = "getPopulationCosts", summary = "Your population's cluster costs and variance (commissioners)",
            description = "For the period from..to (matched to each provider's costing period with exactly those dates), each provider's latest run, restricted to the episodes you are the responsible commissioner for: "
                    + "per code, cost, cluster days, cost per cluster day, spread and outliers, over all providers and per provider. Codes with 1-4 episodes are withheld.")
    @APIResponse(responseCode = "200", description = "Your population's costs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Costs.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Costs costs(@Parameter(required = true, description = "First day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, description = "Last day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") String trimMultiplier) {
        String commissioner = callers.current().requireCommissionerOrg();
        BigDecimal k = VarianceService.trimMultiplier(trimMultiplier);
        Population population = population(commissioner, from, to);
        CostVariance.Result all = CostVariance.of(population.episodes(), k);
        List<ProviderVariance> providers = new ArrayList<>();
        for (RunRef run : population.runs()) {
            List<CostVariance.Episode> theirs = population.episodes().stream()
                    .filter(e -> run.providerCode().equals(population.providerOf().get(e.id()))).toList();
            providers.add(new ProviderVariance(run.providerCode(), VarianceService.view(run.runId(), run.methodVersion(),
                    CostVariance.of(theirs, k), true).codes()));
        }
        boolean anyWithheld = all.codes().stream().anyMatch(c -> c.episodes() < VarianceService.SMALL_NUMBER_LIMIT);
        return new Costs(commissioner, population.period().from(), population.period().to(), population.runs(), VarianceViews.MEASURE, k,
                anyWithheld ? null : all.etaSquaredCostPerDay(),
                VarianceService.view(null, null, all, true).codes(), providers);
    }

    @GET
    @Path("outliers")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.FINANCE })
    @Operation(operationId = "listPopulationOutliers", summary = "Your population's high-cost outlier episodes, pseudonymised (commissioners)",
            description = "Episodes above their code's trim point over all your providers (codes with 1-4 episodes are left out), with a stable pseudonym instead of any identifier.")
    @APIResponse(responseCode = "200", description = "Outliers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Outliers.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Outliers outliers(@Parameter(required = true, description = "First day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, description = "Last day of the period", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = VarianceService.TRIM_MULTIPLIER, schema = @Schema(type = SchemaType.NUMBER, defaultValue = "1.5", minimum = "0", maximum = "10")) @QueryParam("trimMultiplier") String trimMultiplier) {
        String commissioner = callers.current().requireCommissionerOrg();
        BigDecimal k = VarianceService.trimMultiplier(trimMultiplier);
        Population population = population(commissioner, from, to);
        CostVariance.Result all = CostVariance.of(population.episodes(), k);
        Map<String, BigDecimal> trimPoints = new HashMap<>();
        Set<String> shown = all.codes().stream().filter(c -> c.episodes() >= VarianceService.SMALL_NUMBER_LIMIT)
                .peek(c -> trimPoints.put(c.code(), c.trimPoint())).map(CostVariance.CodeVariance::code)
                .collect(Collectors.toSet());
        List<Outlier> items = all.outliers().stream().filter(e -> shown.contains(e.code()))
                .map(e -> new Outlier(pseudonym(commissioner, population.providerOf().get(e.id()), population.patientOf().get(e.id())),
                        population.providerOf().get(e.id()), e.code(), e.clusterDays(), e.cost(),
                        e.cost().divide(BigDecimal.valueOf(e.clusterDays()), 2, RoundingMode.HALF_UP), trimPoints.get(e.code())))
                .toList();
        return new Outliers(commissioner, k, items.subList(0, Math.min(items.size(), 1000)), items.size());
    }

    /** The latest run of each provider for the period from..to that has episodes of this commissioner's population. */
    private Population population(String commissioner, String fromText, String toText) {
        Faults faults = new Faults();
        Faults.DateRange period = faults.range(fromText, toText, 366);
        faults.throwIfAny();
        LocalDate from = period.from();
        LocalDate to = period.to();
        @SuppressWarnings("unchecked")
        List<Object[]> runs = em.createNativeQuery("select id, provider_code, method_version, finished_at from ("
                + " select distinct on (r.provider_code) r.id, r.provider_code, r.method_version, r.finished_at"
                + " from costing_run r join costing_period p on p.id = r.period_id"
                + " where p.start_date = :from and p.end_date = :to order by r.provider_code, r.started_at desc) latest"
                + " where exists (select 1 from run_episode e where e.run_id = latest.id and e.commissioner_code = :c)"
                + " order by provider_code").setParameter("from", from).setParameter("to", to)
                .setParameter("c", commissioner).getResultList();
        List<RunRef> refs = new ArrayList<>();
        Map<Long, String> providerOf = new HashMap<>();
        Map<Long, String> patientOf = new HashMap<>();
        List<CostVariance.Episode> episodes = new ArrayList<>();
        for (Object[] r : runs) {
            RunRef ref = new RunRef((String) r[1], (UUID) r[0], (String) r[2], NativeRows.instant(r[3]));
            refs.add(ref);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select episode_id, code, admitted_cost + non_admitted_cost,"
                    + " cluster_days, patient_id from run_episode where run_id = :id and commissioner_code = :c")
                    .setParameter("id", ref.runId()).setParameter("c", commissioner).getResultList();
            for (Object[] e : rows) {
                long id = ((Number) e[0]).longValue();
                episodes.add(new CostVariance.Episode(id, (String) e[1], (BigDecimal) e[2], ((Number) e[3]).intValue()));
                providerOf.put(id, ref.providerCode());
                patientOf.put(id, (String) e[4]);
            }
        }
        return new Population(period, refs, providerOf, patientOf, episodes);
    }

    /** HMAC-SHA256 of commissioner, provider and local id under the service's key: stable, and not reversible. */
    private String pseudonym(String commissioner, String provider, String patientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.pseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((commissioner + "\n" + provider + "\n" + patientId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

}
