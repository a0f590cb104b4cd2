package org.openpbr.costing.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.costing.run.rule.CostVariance;
import org.openpbr.platform.disclosure.SmallNumbers;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;

/** Variance and outliers of a run's episode costs, for a provider or one commissioner's population. */
@ApplicationScoped
public class VarianceService {


    /** How the trimMultiplier query parameter is described wherever it is taken. */
    public static final String TRIM_MULTIPLIER = "k in the trim point: upper quartile + k x interquartile range of cost per cluster day.";

    @Inject
    RunQueries runs;

    public static final String TRIM_RULE = "must be a number from 0 to 10";

    /** The trim multiplier from a query parameter that passed its check (a decimal from 0 to 10), 1.5 when absent. */
    public static BigDecimal trimMultiplier(String value) {
        return value == null ? CostVariance.DEFAULT_TRIM_MULTIPLIER : new BigDecimal(value.strip());
    }

    /** The run's episodes (only those of one commissioner's population when {@code commissioner} is set). */
    public List<CostVariance.Episode> episodes(UUID runId, String commissioner) {
        return runs.episodeCosts(runId, commissioner);
    }

    /** A provider's own run: every code shown exactly. */
    public VarianceViews.Run variance(RunViews.Run run, BigDecimal k) {
        return view(run.id(), run.methodVersion(), CostVariance.of(episodes(run.id(), null), k), null);
    }

    /**
     * The run's variance by code; with a small-number rule (commissioners' views), a code of 1-4
     * episodes is withheld whole and shown episode counts follow the rule's rounding.
     */
    public static VarianceViews.Run view(UUID runId, String methodVersion, CostVariance.Result result,
            SmallNumbers disclosure) {
        return new VarianceViews.Run(runId, methodVersion, VarianceViews.MEASURE, VarianceViews.QUANTILES,
                result.trimMultiplier(), result.etaSquaredCostPerDay(), result.etaSquaredEpisodeCost(),
                result.codes().stream().map(c -> code(c, disclosure)).toList());
    }

    static VarianceViews.Code code(CostVariance.CodeVariance c, SmallNumbers disclosure) {
        if (disclosure != null && SmallNumbers.withheld(c.episodes())) {
            return new VarianceViews.Code(c.code(), null, true, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
        }
        UnitCost perDay = UnitCost.of(c.totalCost(), c.clusterDays());
        UnitCost trimmed = UnitCost.of(c.totalCost().subtract(c.outlierCost()), c.clusterDays() - c.outlierDays());
        return new VarianceViews.Code(c.code(), disclosure == null ? c.episodes() : disclosure.shown(c.episodes()), false, c.zeroCostEpisodes(), c.totalCost(),
                c.clusterDays(), perDay == null ? null : perDay.perUnit(), c.mean(), c.median(), c.p10(), c.p25(), c.p75(),
                c.p90(), c.min(), c.max(), c.standardDeviation(), c.coefficientOfVariation(), c.p90p10Fold(),
                c.trimPoint(), c.outliers().size(), c.outlierCost(), trimmed == null ? null : trimmed.perUnit());
    }

    /** The run's outliers by the trim multiplier, as the episode ids unit costs leave out. */
    public RunViews.OutliersExcluded outliers(RunViews.Run run, BigDecimal k) {
        List<CostVariance.Episode> outliers = CostVariance.of(episodes(run.id(), null), k).outliers();
        Set<Long> ids = outliers.stream().map(CostVariance.Episode::id).collect(Collectors.toSet());
        return new RunViews.OutliersExcluded(k, ids.size(),
                outliers.stream().map(CostVariance.Episode::cost).reduce(BigDecimal.ZERO, BigDecimal::add), ids);
    }

    /** One page of the run's outliers, costliest per day first; the cursor is the position in that order. */
    public VarianceViews.OutlierPage outlierPage(RunViews.Run run, BigDecimal k, PageRequest request, UriInfo uri) {
        CostVariance.Result result = CostVariance.of(episodes(run.id(), null), k);
        Map<String, BigDecimal> trimPoints = new HashMap<>();
        result.codes().forEach(c -> trimPoints.put(c.code(), c.trimPoint()));
        List<CostVariance.Episode> all = result.outliers();
        int from = (int) Math.min(request.afterSequence(), all.size());
        Page<Integer> positions = Page.of(IntStream.range(from, Math.min(from + request.fetchSize(), all.size())).boxed()
                .toList(), request, position -> position + 1L, uri);
        List<CostVariance.Episode> page = positions.items().stream().map(all::get).toList();
        Map<Long, RunQueries.EpisodeRef> details = new HashMap<>();
        runs.episodeRefs(run.id(), page.stream().map(CostVariance.Episode::id).toList())
                .forEach(ref -> details.put(ref.episodeId(), ref));
        List<VarianceViews.Outlier> items = page.stream().map(e -> new VarianceViews.Outlier(
                details.get(e.id()).ref(), details.get(e.id()).patientId(), e.code(), e.clusterDays(), e.cost(),
                e.cost().divide(BigDecimal.valueOf(e.clusterDays()), 2, RoundingMode.HALF_UP), trimPoints.get(e.code())))
                .toList();
        return new VarianceViews.OutlierPage(k, all.size(), items, positions.next());
    }
}
