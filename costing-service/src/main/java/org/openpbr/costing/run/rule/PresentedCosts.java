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
        boolean apportioning = !targets.isEmpty();

        // Support apportioned exactly (support x direct / base), then presented against the support total.
        Map<Integer, BigInteger> presentedShare = new HashMap<>();
        BigInteger apportionmentResidual = BigInteger.ZERO;
        if (apportioning) {
            List<Fraction> shares = new ArrayList<>();
            for (Centre target : targets) {
                shares.add(Fraction.of(support.multiply(target.direct()), base));
            }
            PresentedShares.Rounded rounded = PresentedShares.round(support, shares);
            for (int i = 0; i < targets.size(); i++) {
                presentedShare.put(targets.get(i).id(), rounded.pennies().get(i));
            }
            apportionmentResidual = rounded.residual();
        }

        // One denominator for every exact amount below: the support base times the least common
        // multiple of the centres' activity weights, so each centre's cost per unit of weight is a
        // whole number of 1/D pennies and every sum is an integer sum.
        BigInteger d = apportioning ? base : BigInteger.ONE;
        BigInteger weights = BigInteger.ONE;
        for (Centre centre : centres) {
            if (!centre.support() && centre.weight().signum() > 0) {
                weights = weights.divide(weights.gcd(centre.weight())).multiply(centre.weight());
            }
        }
        d = d.multiply(weights);
        Map<Integer, Centre> byId = new HashMap<>();
        Map<Integer, BigInteger> rate = new HashMap<>();
        BigInteger unallocatedExact = BigInteger.ZERO;
        List<CentreFigures> centreFigures = new ArrayList<>();
        BigInteger zero = BigInteger.ZERO;
        for (Centre centre : centres) {
            byId.put(centre.id(), centre);
            BigInteger total;
            BigInteger apportioned;
            if (centre.support()) {
                total = apportioning ? zero : centre.direct().multiply(d);
                apportioned = apportioning ? centre.direct().negate() : zero;
            } else {
                total = centre.direct().multiply(d);
                if (presentedShare.containsKey(centre.id())) {
                    total = total.add(support.multiply(centre.direct()).multiply(d.divide(base)));
                }
                apportioned = presentedShare.getOrDefault(centre.id(), zero);
            }
            BigInteger presentedTotal = centre.direct().add(apportioned);
            if (total.signum() != 0 && (centre.support() || centre.weight().signum() == 0)) {
                unallocatedExact = unallocatedExact.add(total);
                centreFigures.add(new CentreFigures(centre.id(), apportioned, presentedTotal, zero, zero, presentedTotal,
                        zero, centre.support() ? NO_PATIENT_FACING_COST : NO_ACTIVITY, null));
            } else if (centre.weight().signum() > 0) {
                BigInteger[] perWeight = total.divideAndRemainder(centre.weight());
                if (perWeight[1].signum() != 0) {
                    throw new IllegalStateException("centre " + centre.id() + "'s weight does not divide the denominator");
                }
                rate.put(centre.id(), perWeight[0]);
                BigInteger unclustered = notClustered.getOrDefault(centre.id(), zero);
                PresentedShares.Rounded split = PresentedShares.round(presentedTotal,
                        List.of(perWeight[0].multiply(centre.weight().subtract(unclustered)),
                                perWeight[0].multiply(unclustered)), d);
                centreFigures.add(new CentreFigures(centre.id(), apportioned, presentedTotal, split.pennies().get(0),
                        split.pennies().get(1), zero, split.residual(), null, Fraction.of(perWeight[0], d)));
            } else {
                centreFigures.add(new CentreFigures(centre.id(), apportioned, presentedTotal, zero, zero, zero, zero, null,
                        null));
            }
        }

        // Exact cost per episode and setting (in 1/D pennies), and per code and setting.
        Map<Long, BigInteger[]> episodeExact = new LinkedHashMap<>();
        Map<String, List<Long>> episodesOfCode = new TreeMap<>();
        for (EpisodeWeight w : episodes) {
            BigInteger perWeight = rate.get(w.centreId());
            if (perWeight == null) {
                continue;
            }
            int setting = byId.get(w.centreId()).admitted() ? 0 : 1;
            BigInteger[] exact = episodeExact.get(w.episodeId());
            if (exact == null) {
                exact = new BigInteger[] { zero, zero };
                episodeExact.put(w.episodeId(), exact);
                episodesOfCode.computeIfAbsent(w.code(), k -> new ArrayList<>()).add(w.episodeId());
            }
            exact[setting] = exact[setting].add(perWeight.multiply(w.weight()));
        }
        BigInteger notClusteredExact = zero;
        for (Map.Entry<Integer, BigInteger> entry : notClustered.entrySet()) {
            BigInteger perWeight = rate.get(entry.getKey());
            if (perWeight != null) {
                notClusteredExact = notClusteredExact.add(perWeight.multiply(entry.getValue()));
            }
        }

        // Level 1: the ledger into code x setting, not clustered and unallocated.
        List<String> codes = new ArrayList<>(episodesOfCode.keySet());
        List<BigInteger> level1 = new ArrayList<>();
        for (String code : codes) {
            for (int setting = 0; setting < 2; setting++) {
                BigInteger sum = zero;
                for (long id : episodesOfCode.get(code)) {
                    sum = sum.add(episodeExact.get(id)[setting]);
                }
                level1.add(sum);
            }
        }
        level1.add(notClusteredExact);
        level1.add(unallocatedExact);
        BigInteger all = level1.stream().reduce(zero, BigInteger::add);
        if (!all.equals(costed.multiply(d))) {
            // exact arithmetic: anything but equality is a fault in the method, not rounding
            throw new IllegalStateException("the exact shares add up to " + all + "/" + d + ", not " + costed);
        }
        PresentedShares.Rounded top = PresentedShares.round(costed, level1, d);
        int n = level1.size();
        BigInteger allocated = zero;
        for (int i = 0; i < n - 2; i++) {
            allocated = allocated.add(top.pennies().get(i));
        }

        // Level 2: each code and setting into its episodes.
        // Each code and setting is rounded on its own, so they can be rounded side by side.
        final BigInteger denominator = d;
        List<PresentedShares.Rounded> rounded = java.util.stream.IntStream.range(0, 2 * codes.size()).parallel()
                .mapToObj(k -> {
                    List<Long> ids = episodesOfCode.get(codes.get(k / 2));
                    List<BigInteger> exact = new ArrayList<>(ids.size());
                    for (long id : ids) {
                        exact.add(episodeExact.get(id)[k % 2]);
                    }
                    return PresentedShares.round(top.pennies().get(k), exact, denominator);
                }).toList();
        Map<Long, BigInteger[]> episodePennies = new LinkedHashMap<>();
        List<CodeFigures> codeFigures = new ArrayList<>();
        for (int c = 0; c < codes.size(); c++) {
            List<Long> ids = episodesOfCode.get(codes.get(c));
            for (int setting = 0; setting < 2; setting++) {
                List<BigInteger> pennies = rounded.get(2 * c + setting).pennies();
                for (int i = 0; i < ids.size(); i++) {
                    episodePennies.computeIfAbsent(ids.get(i), k -> new BigInteger[2])[setting] = pennies.get(i);
                }
            }
            codeFigures.add(new CodeFigures(codes.get(c), top.pennies().get(2 * c), top.pennies().get(2 * c + 1),
                    rounded.get(2 * c).residual(), rounded.get(2 * c + 1).residual()));
        }
        Map<Long, EpisodeFigures> episodeFigures = new LinkedHashMap<>();
        episodePennies.forEach((id, p) -> episodeFigures.put(id, new EpisodeFigures(p[0], p[1])));
        return new Figures(costed, allocated, top.pennies().get(n - 2), top.pennies().get(n - 1), top.residual(),
                apportionmentResidual, centreFigures, codeFigures, episodeFigures);
    }

}
