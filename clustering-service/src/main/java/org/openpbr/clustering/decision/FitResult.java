package org.openpbr.clustering.decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ProfileFit#evaluate}: every graded code ranked, the suggestion, and on
 * request the per-scale trace that explains any code's place. One result belongs to one request:
 * it sorts its ranking lazily and is not meant to be shared between threads.
 */
public final class FitResult {

    /** What kind of suggestion this is. */
    public enum Outcome {
        /** One code ranks first and meets its red rules. */
        SUGGESTED,
        /** Several codes meet their red rules with identical ranking keys; the first in scheme order is suggested. */
        TIED,
        /** No code meets its red rules: the variance code is suggested, with the nearest codes listed. */
        VARIANCE
    }

    private final ProfileFit rule;
    private final Ratings ratings;
    private final long[] keys;
    /** The best key and how many codes share its ranking key: enough for the suggestion, without sorting. */
    private final long best;
    private final int tiedAtTop;
    private long[] sortedKeys;

    FitResult(ProfileFit rule, Ratings ratings, long[] keys) {
        this.rule = rule;
        this.ratings = ratings;
        this.keys = keys;
        long min = Long.MAX_VALUE;
        for (long key : keys) {
            min = Math.min(min, key);
        }
        int ties = 0;
        for (long key : keys) {
            if (tieKey(key) == tieKey(min)) {
                ties++;
            }
        }
        this.best = min;
        this.tiedAtTop = ties;
    }

    /** The keys in ranking order, sorted on first use. */
    private long[] sorted() {
        if (sortedKeys == null) {
            long[] copy = keys.clone();
            Arrays.sort(copy);
            sortedKeys = copy;
        }
        return sortedKeys;
    }

    public Ratings ratings() {
        return ratings;
    }

    public String ruleVersion() {
        return ProfileFit.RULE_VERSION;
    }

    private boolean topMeetsRedRules() {
        return group(best) == FitGroup.MEETS_RED_RULES;
    }

    private static FitGroup group(long key) {
        return FitGroup.values()[(int) (key >>> ProfileFit.GROUP_SHIFT)];
    }

    private static long tieKey(long key) {
        return key >>> ProfileFit.TIE_SHIFT;
    }

    public Outcome outcome() {
        if (!topMeetsRedRules()) {
            return Outcome.VARIANCE;
        }
        return tiedAtTop > 1 ? Outcome.TIED : Outcome.SUGGESTED;
    }

    /** The suggested code: the best code meeting its red rules, or the variance code when none does. */
    public String suggestedCode() {
        return topMeetsRedRules() ? rule.codeOf(best) : rule.varianceCode();
    }

    /** The codes that share first place with the suggestion (all meeting their red rules); empty without a tie. */
    public List<String> tiedCodes() {
        if (outcome() != Outcome.TIED) {
            return List.of();
        }
        return ranking(tiedAtTop).stream().map(CodeFit::code).toList();
    }

    /**
     * Whether choosing {@code code} follows the suggestion: it is the suggested code or one of those
     * tied with it, so no override reason is needed.
     */
    public boolean agreesWith(String code) {
        return suggestedCode().equals(code) || tiedCodes().contains(code);
    }

    /** When the suggestion is the variance code, the best-ranked codes (and any tied with the last of them). */
    public List<String> nearestCodes() {
        if (outcome() != Outcome.VARIANCE) {
            return List.of();
        }
        long[] sortedKeys = sorted();
        int n = Math.min(ProfileFit.NEAREST, sortedKeys.length);
        while (n < sortedKeys.length && tieKey(sortedKeys[n]) == tieKey(sortedKeys[n - 1])) {
            n++;
        }
        return ranking(n).stream().map(CodeFit::code).toList();
    }

    /** Every graded code, best first. */
    public List<CodeFit> ranking() {
        return ranking(keys.length);
    }

    private List<CodeFit> ranking(int limit) {
        long[] sortedKeys = sorted();
        List<CodeFit> ranking = new ArrayList<>(limit);
        int rank = 1;
        for (int i = 0; i < limit; i++) {
            if (i > 0 && tieKey(sortedKeys[i]) != tieKey(sortedKeys[i - 1])) {
                rank = i + 1;
            }
            boolean tied = (i > 0 && tieKey(sortedKeys[i]) == tieKey(sortedKeys[i - 1]))
                    || (i + 1 < sortedKeys.length && tieKey(sortedKeys[i + 1]) == tieKey(sortedKeys[i]));
            ranking.add(ProfileFit.decode(rule.codes(), sortedKeys[i], rank, tied));
        }
        return ranking;
    }

    /** The fit of one graded code; empty for a code without a grid (such as the variance code). */
    public Optional<CodeFit> fitOf(String code) {
        return ranking().stream().filter(fit -> fit.code().equals(code)).findFirst();
    }

    /** Scale by scale, how the ratings sit in a graded code's grid; empty for a code without one. */
    public Optional<List<ScaleTrace>> trace(String code) {
        int index = rule.indexOf(code);
        return index < 0 ? Optional.empty() : Optional.of(rule.trace(index, ratings));
    }
}
