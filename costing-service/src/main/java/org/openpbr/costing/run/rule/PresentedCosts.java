package org.openpbr.costing.run.rule;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Costing method v1's figures, computed exactly and rounded once, top-down, for presentation.
 *
 * <p>Exact: support centres' cost goes to the patient-facing centres with a positive direct cost in
 * proportion to it; each centre's exact cost goes over its activity weight, so an episode's cost at
 * a centre is the centre's cost x the episode's weight there / the centre's weight. Nothing is
 * rounded in between.
 *
 * <p>Presented, each level with {@link PresentedShares} against the level above as presented:
 * <ol>
 * <li>the ledger (the costed total, exact in pennies) into each code's admitted and non-admitted
 * cost, not clustered and unallocated, with the run's residual;</li>
 * <li>each code and setting into its episodes, with that code and setting's residual.</li>
 * </ol>
 * Cost centres are a second view of the same money: the support total into the centres' shares
 * (with the apportionment residual), then each centre's presented total into allocated, not
 * clustered and unallocated (with the centre's residual). Every presented figure is strictly
 * within a penny of its exact amount, and each level plus its residual adds up to the one above.
 * All amounts are in pennies.
 */
public final class PresentedCosts {

    private PresentedCosts() {
    }

    /** A cost centre's ledger and activity: its direct cost and the sum of its activity weights. */
    public record Centre(int id, boolean support, boolean admitted, BigInteger direct, BigInteger weight) {
    }

    /** An episode's activity weight at one centre. */
    public record EpisodeWeight(long episodeId, String code, int centreId, BigInteger weight) {
    }

    /** A centre as presented, with the exact cost of one unit of its activity weight. */
    public record CentreFigures(int id, BigInteger apportioned, BigInteger total, BigInteger allocated,
            BigInteger notClustered, BigInteger unallocated, BigInteger residual, String unallocatedReason,
            Fraction ratePerWeight) {
    }

    /** A code's two settings as presented, each with what its episodes could not take. */
    public record CodeFigures(String code, BigInteger admitted, BigInteger nonAdmitted, BigInteger admittedResidual,
            BigInteger nonAdmittedResidual) {
    }

    /** An episode's presented cost in each setting. */
    public record EpisodeFigures(BigInteger admitted, BigInteger nonAdmitted) {
    }

    public record Figures(BigInteger costed, BigInteger allocated, BigInteger notClustered, BigInteger unallocated,
            BigInteger residual, BigInteger apportionmentResidual, List<CentreFigures> centres,
            List<CodeFigures> codes, Map<Long, EpisodeFigures> episodes) {
    }

    public static final String NO_ACTIVITY = "NO_ACTIVITY";
    public static final String NO_PATIENT_FACING_COST = "NO_PATIENT_FACING_COST";

    /**
     * @param centres      every centre with ledger lines or activity in the period
     * @param episodes     every episode's weight at each centre where it has activity
     * @param notClustered activity weight of people with no covering episode, by centre
     */
    public static Figures of(List<Centre> centres, List<EpisodeWeight> episodes, Map<Integer, BigInteger> notClustered) {
        BigInteger costed = BigInteger.ZERO;
        BigInteger support = BigInteger.ZERO;
        BigInteger base = BigInteger.ZERO;
        List<Centre> targets = new ArrayList<>();
        for (Centre centre : centres) {
            costed = costed.add(centre.direct());
            if (centre.support()) {
                support = support.add(centre.direct());
            } else if (centre.direct().signum() > 0) {
                base = base.add(centre.direct());
                targets.add(centre);
            }
        }

        // Support apportioned exactly, then presented against the support total.
        Map<Integer, Fraction> exactShare = new HashMap<>();
        Map<Integer, BigInteger> presentedShare = new HashMap<>();
        BigInteger apportionmentResidual = BigInteger.ZERO;
        if (!targets.isEmpty()) {
            List<Fraction> shares = new ArrayList<>();
            for (Centre target : targets) {
                shares.add(Fraction.of(support.multiply(target.direct()), base));
            }
            PresentedShares.Rounded rounded = PresentedShares.round(support, shares, Fraction.of(support, BigInteger.ONE));
            for (int i = 0; i < targets.size(); i++) {
                exactShare.put(targets.get(i).id(), shares.get(i));
                presentedShare.put(targets.get(i).id(), rounded.pennies().get(i));
            }
            apportionmentResidual = rounded.residual();
        }

        // Each centre's exact cost, and what one unit of its activity weight costs.
        Map<Integer, Fraction> rate = new HashMap<>();
        Map<Integer, Fraction> exactTotal = new LinkedHashMap<>();
        Fraction unallocatedExact = Fraction.ZERO;
        List<CentreFigures> centreFigures = new ArrayList<>();
        Map<Integer, Centre> byId = new HashMap<>();
        for (Centre centre : centres) {
            byId.put(centre.id(), centre);
            Fraction total;
            BigInteger apportioned;
            if (centre.support()) {
                boolean givenAway = !targets.isEmpty();
                total = givenAway ? Fraction.ZERO : whole(centre.direct());
                apportioned = givenAway ? centre.direct().negate() : BigInteger.ZERO;
            } else {
                total = whole(centre.direct()).add(exactShare.getOrDefault(centre.id(), Fraction.ZERO));
                apportioned = presentedShare.getOrDefault(centre.id(), BigInteger.ZERO);
            }
            exactTotal.put(centre.id(), total);
            BigInteger presentedTotal = centre.direct().add(apportioned);
            BigInteger zero = BigInteger.ZERO;
            if (total.signum() != 0 && (centre.support() || centre.weight().signum() == 0)) {
                unallocatedExact = unallocatedExact.add(total);
                centreFigures.add(new CentreFigures(centre.id(), apportioned, presentedTotal, zero, zero, presentedTotal,
                        zero, centre.support() ? NO_PATIENT_FACING_COST : NO_ACTIVITY, null));
            } else if (centre.weight().signum() > 0) {
                Fraction perWeight = centre.support() ? Fraction.ZERO : total.multiply(Fraction.of(BigInteger.ONE,
                        centre.weight()));
                rate.put(centre.id(), perWeight);
                BigInteger unclustered = notClustered.getOrDefault(centre.id(), zero);
                Fraction notClusteredExact = perWeight.multiply(whole(unclustered));
                Fraction allocatedExact = perWeight.multiply(whole(centre.weight().subtract(unclustered)));
                PresentedShares.Rounded split = PresentedShares.round(presentedTotal,
                        List.of(allocatedExact, notClusteredExact), total);
                centreFigures.add(new CentreFigures(centre.id(), apportioned, presentedTotal, split.pennies().get(0),
                        split.pennies().get(1), zero, split.residual(), null, perWeight));
            } else {
                centreFigures.add(new CentreFigures(centre.id(), apportioned, presentedTotal, zero, zero, zero, zero, null,
                        null));
            }
        }

        // Exact cost per episode and setting, and per code and setting (summed by centre first, so
        // that each code's exact cost takes one product per centre rather than one sum per episode).
        Map<Long, Fraction[]> episodeExact = new LinkedHashMap<>();
        Map<Long, String> episodeCode = new HashMap<>();
        Map<String, Map<Integer, BigInteger>> codeWeight = new TreeMap<>();
        for (EpisodeWeight w : episodes) {
            Fraction perWeight = rate.get(w.centreId());
            if (perWeight == null) {
                continue;
            }
            int setting = byId.get(w.centreId()).admitted() ? 0 : 1;
            Fraction[] exact = episodeExact.computeIfAbsent(w.episodeId(), k -> new Fraction[] { Fraction.ZERO,
                    Fraction.ZERO });
            exact[setting] = exact[setting].add(perWeight.multiply(whole(w.weight())));
            episodeCode.put(w.episodeId(), w.code());
            codeWeight.computeIfAbsent(w.code(), k -> new TreeMap<>()).merge(w.centreId(), w.weight(), BigInteger::add);
        }
        Map<String, Fraction[]> codeExact = new TreeMap<>();
        codeWeight.forEach((code, weights) -> {
            Fraction[] exact = { Fraction.ZERO, Fraction.ZERO };
            weights.forEach((centre, weight) -> {
                int setting = byId.get(centre).admitted() ? 0 : 1;
                exact[setting] = exact[setting].add(rate.get(centre).multiply(whole(weight)));
            });
            codeExact.put(code, exact);
        });
        Fraction notClusteredExact = Fraction.ZERO;
        for (Map.Entry<Integer, BigInteger> entry : notClustered.entrySet()) {
            Fraction perWeight = rate.get(entry.getKey());
            if (perWeight != null) {
                notClusteredExact = notClusteredExact.add(perWeight.multiply(whole(entry.getValue())));
            }
        }

        // Level 1: the ledger into code x setting, not clustered and unallocated.
        List<Fraction> level1 = new ArrayList<>();
        List<String> codes = new ArrayList<>(codeExact.keySet());
        for (String code : codes) {
            level1.add(codeExact.get(code)[0]);
            level1.add(codeExact.get(code)[1]);
        }
        level1.add(notClusteredExact);
        level1.add(unallocatedExact);
        // Summed again here, to prove the exact shares account for the whole ledger.
        PresentedShares.Rounded top = PresentedShares.round(costed, level1);
        int n = level1.size();
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 0; i < n - 2; i++) {
            allocated = allocated.add(top.pennies().get(i));
        }

        // Level 2: each code and setting into its episodes.
        Map<String, List<Long>> episodesOfCode = new TreeMap<>();
        episodeCode.forEach((episode, code) -> episodesOfCode.computeIfAbsent(code, k -> new ArrayList<>()).add(episode));
        Map<Long, BigInteger[]> episodePennies = new LinkedHashMap<>();
        List<CodeFigures> codeFigures = new ArrayList<>();
        for (int c = 0; c < codes.size(); c++) {
            String code = codes.get(c);
            List<Long> ids = episodesOfCode.get(code);
            BigInteger[] residual = new BigInteger[2];
            for (int setting = 0; setting < 2; setting++) {
                List<Fraction> exact = new ArrayList<>(ids.size());
                for (long id : ids) {
                    exact.add(episodeExact.get(id)[setting]);
                }
                PresentedShares.Rounded rounded = PresentedShares.round(top.pennies().get(2 * c + setting), exact,
                        codeExact.get(code)[setting]);
                for (int i = 0; i < ids.size(); i++) {
                    episodePennies.computeIfAbsent(ids.get(i), k -> new BigInteger[2])[setting] = rounded.pennies().get(i);
                }
                residual[setting] = rounded.residual();
            }
            codeFigures.add(new CodeFigures(code, top.pennies().get(2 * c), top.pennies().get(2 * c + 1), residual[0],
                    residual[1]));
        }
        Map<Long, EpisodeFigures> episodeFigures = new LinkedHashMap<>();
        episodePennies.forEach((id, p) -> episodeFigures.put(id, new EpisodeFigures(p[0], p[1])));
        return new Figures(costed, allocated, top.pennies().get(n - 2), top.pennies().get(n - 1), top.residual(),
                apportionmentResidual, centreFigures, codeFigures, episodeFigures);
    }

    private static Fraction whole(BigInteger value) {
        return Fraction.of(value, BigInteger.ONE);
    }
}
