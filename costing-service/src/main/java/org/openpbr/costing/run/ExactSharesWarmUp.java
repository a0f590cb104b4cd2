package org.openpbr.costing.run;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.openpbr.costing.CostingConfig;
import org.openpbr.costing.run.rule.PresentedCosts;

import io.quarkus.runtime.StartupEvent;

/**
 * Runs the exact shares of method v1 on a made-up trust (40 centres, 20,000 episodes) a few times
 * just after start-up, in a background thread, and throws the figures away. A freshly started JVM
 * interprets that arithmetic until it has compiled it: the first run after a start spent about
 * twice as long in it as later runs (issue 13). Nothing reads the result, and no database is used.
 */
@ApplicationScoped
public class ExactSharesWarmUp {

    private static final Logger LOG = Logger.getLogger(ExactSharesWarmUp.class);

    @Inject
    CostingConfig config;

    void onStart(@Observes StartupEvent event) {
        if (!config.warmUp()) {
            return;
        }
        Thread thread = new Thread(ExactSharesWarmUp::warmUp, "exact-shares-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void warmUp() {
        long started = System.nanoTime();
        Random random = new Random(1);
        List<PresentedCosts.EpisodeWeight> episodes = new ArrayList<>();
        Map<Integer, BigInteger> weights = new HashMap<>();
        String[] codes = { "01", "02", "03", "04", "11", "12", "13", "18", "19", "20" };
        for (long e = 1; e <= 20_000; e++) {
            int centre = 3 + random.nextInt(38);
            BigInteger weight = BigInteger.valueOf(random.nextInt(1_000_000) + 1);
            episodes.add(new PresentedCosts.EpisodeWeight(e, codes[(int) (e % codes.length)], centre, weight));
            weights.merge(centre, weight, BigInteger::add);
        }
        Map<Integer, BigInteger> notClustered = new HashMap<>();
        List<PresentedCosts.Centre> centres = new ArrayList<>();
        for (int id = 1; id <= 40; id++) {
            boolean support = id <= 2;
            BigInteger weight = BigInteger.ZERO;
            if (!support) {
                BigInteger people = BigInteger.valueOf(random.nextInt(5_000) + 1);
                notClustered.put(id, people);
                weight = weights.getOrDefault(id, BigInteger.ZERO).add(people);
            }
            centres.add(new PresentedCosts.Centre(id, support, id > 2 && id <= 10,
                    BigInteger.valueOf(1_000_000 + random.nextInt(90_000_000)), weight));
        }
        for (int round = 0; round < 5; round++) {
            PresentedCosts.of(centres, episodes, notClustered);
        }
        LOG.debugf("exact shares warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
    }
}
