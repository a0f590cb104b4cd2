package org.openpbr.costing.population;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openpbr.costing.run.rule.CostVariance;
import org.openpbr.costing.run.VarianceService;
import org.openpbr.costing.run.VarianceViews;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;
import org.openpbr.platform.validation.DateRanges;
import org.openpbr.platform.disclosure.Pseudonyms;
import org.openpbr.platform.disclosure.SmallNumbers;

/**
 * A commissioner's population (the episodes it is the responsible commissioner for) across every
 * provider's latest run of a period: aggregates under the shared small-number rule, and outliers
 * under the suite's one pseudonym. Never a local patient id, never another commissioner's episode.
 */
@ApplicationScoped
public class PopulationService {

    /** The longest period a population view covers: a (leap) year. */
    static final int MAX_PERIOD_DAYS = 366;

    static final int MAX_OUTLIERS = 1000;

    private record Population(List<PopulationViews.RunRef> runs, Map<Long, String> providerOf,
            Map<Long, String> pseudonymOf, List<CostVariance.Episode> episodes, List<CostVariance.Episode> admitted,
            List<CostVariance.Episode> nonAdmitted) {
    }

    @Inject
    PopulationQueries queries;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    SmallNumbers smallNumbers;

    public PopulationViews.Costs costs(String commissioner, LocalDate from, LocalDate to, BigDecimal k) {
        DateRanges.require(from, to, MAX_PERIOD_DAYS);
        Population population = population(commissioner, from, to);
        CostVariance.Result all = CostVariance.of(population.episodes(), k);
        List<PopulationViews.ProviderVariance> providers = new ArrayList<>();
        for (PopulationViews.RunRef run : population.runs()) {
            List<CostVariance.Episode> theirs = population.episodes().stream()
                    .filter(e -> run.providerCode().equals(population.providerOf().get(e.id()))).toList();
            providers.add(new PopulationViews.ProviderVariance(run.providerCode(), VarianceService.view(run.runId(),
                    run.methodVersion(), CostVariance.of(theirs, k), smallNumbers).codes()));
        }
        boolean anyWithheld = all.codes().stream().anyMatch(c -> SmallNumbers.withheld(c.episodes()));
        return new PopulationViews.Costs(commissioner, from, to, population.runs(), VarianceViews.MEASURE, k,
                anyWithheld ? null : all.etaSquaredCostPerDay(),
                VarianceService.view(null, null, all, smallNumbers).codes(),
                VarianceService.view(null, null, CostVariance.of(population.admitted(), k), smallNumbers).codes(),
                VarianceService.view(null, null, CostVariance.of(population.nonAdmitted(), k), smallNumbers).codes(),
                providers);
    }

    public PopulationViews.Outliers outliers(String commissioner, LocalDate from, LocalDate to, BigDecimal k) {
        DateRanges.require(from, to, MAX_PERIOD_DAYS);
        Population population = population(commissioner, from, to);
        CostVariance.Result all = CostVariance.of(population.episodes(), k);
        Map<String, BigDecimal> trimPoints = new HashMap<>();
        Set<String> shown = all.codes().stream().filter(c -> !SmallNumbers.withheld(c.episodes()))
                .peek(c -> trimPoints.put(c.code(), c.trimPoint())).map(CostVariance.CodeVariance::code)
                .collect(Collectors.toSet());
        List<PopulationViews.Outlier> items = all.outliers().stream().filter(e -> shown.contains(e.code()))
                .map(e -> new PopulationViews.Outlier(population.pseudonymOf().get(e.id()),
                        population.providerOf().get(e.id()), e.code(), e.clusterDays(), e.cost(),
                        e.cost().divide(BigDecimal.valueOf(e.clusterDays()), 2, RoundingMode.HALF_UP), trimPoints.get(e.code())))
                .toList();
        return new PopulationViews.Outliers(commissioner, k, items.subList(0, Math.min(items.size(), MAX_OUTLIERS)),
                items.size());
    }

    /**
     * The latest run of each provider for the period from..to that has episodes of this
     * commissioner's population; a 404 naming the periods that do when none matches. Only the
     * commissioner's own population decides, so the answer says nothing of other organisations.
     */
    private Population population(String commissioner, LocalDate from, LocalDate to) {
        List<PopulationViews.RunRef> refs = queries.latestRuns(commissioner, from, to);
        if (refs.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, noRunDetail(from, to,
                    queries.periodsWithPopulation(commissioner)));
        }
        Map<Long, String> providerOf = new HashMap<>();
        Map<Long, String> pseudonymOf = new HashMap<>();
        List<CostVariance.Episode> episodes = new ArrayList<>();
        List<CostVariance.Episode> admitted = new ArrayList<>();
        List<CostVariance.Episode> nonAdmitted = new ArrayList<>();
        for (PopulationViews.RunRef ref : refs) {
            // The pseudonym came with the episode (clustering's feed, or an upload's NHS numbers); an
            // episode stored before pseudonyms existed is shown provider-local.
            for (PopulationQueries.Episode e : queries.episodes(ref.runId(), commissioner)) {
                episodes.add(new CostVariance.Episode(e.episodeId(), e.code(), e.cost(), e.clusterDays()));
                // Each setting over its own days: ward nights, and the cluster days not in a ward.
                if (e.admittedDays() > 0) {
                    admitted.add(new CostVariance.Episode(e.episodeId(), e.code(), e.admittedCost(), e.admittedDays()));
                }
                if (e.clusterDays() > e.admittedDays()) {
                    nonAdmitted.add(new CostVariance.Episode(e.episodeId(), e.code(), e.nonAdmittedCost(),
                            e.clusterDays() - e.admittedDays()));
                }
                providerOf.put(e.episodeId(), ref.providerCode());
                pseudonymOf.put(e.episodeId(), Optional.ofNullable(e.pseudonym()).orElseGet(() ->
                        pseudonyms.ofLocal(commissioner, ref.providerCode(), e.patientId())));
            }
        }
        return new Population(refs, providerOf, pseudonymOf, episodes, admitted, nonAdmitted);
    }

    /** Why a period matched nothing, and which periods would. */
    static String noRunDetail(LocalDate from, LocalDate to, List<PopulationQueries.Dates> periods) {
        String base = "No provider's costing run covers exactly " + from + " to " + to + " with people you are the"
                + " responsible commissioner for: population views match a provider's costing period by its exact"
                + " dates (a financial year is 1 April to 31 March)";
        if (periods.isEmpty()) {
            return base + ". No costing run holds your population yet.";
        }
        return base + ". Periods with your population: " + String.join(", ", periods.stream()
                .map(d -> "from=" + d.from() + "&to=" + d.to()).toList()) + ".";
    }
}
