package org.openpbr.costing.carepackage.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bottom-up cost of a care package at a costing run's rates. Pure: no framework, no database.
 *
 * An intervention happens {@code times} every {@code everyWeeks} weeks for {@code durationWeeks}
 * weeks, so times x durationWeeks / everyWeeks occurrences. Community care costs staff minutes at
 * the run's cost per minute of that staff group; a group of n shares each occurrence's minutes, as
 * costing shares a group session among its attendees. A ward stay costs nights at the run's cost
 * per occupied bed day. Each intervention's cost is worked in one exact division and rounded
 * half-up to the penny once, and the package's costs are the sums of its interventions' rounded
 * costs, so what is shown adds up.
 */
public final class PackageCosting {

    public enum Setting {
        COMMUNITY, WARD
    }

    public record Intervention(String name, Setting setting, String staffGroup, Integer minutes, int times,
            int everyWeeks, int durationWeeks, int groupSize, boolean core) {
    }

    /** Cost over units (minutes, or occupied bed days) in a run; the rate is cost / units. */
    public record Rate(BigDecimal cost, BigDecimal units) {

        public BigDecimal perUnit() {
            return units.signum() == 0 ? null : cost.divide(units, 4, RoundingMode.HALF_UP);
        }
    }

    /** A run's rates: cost per minute by staff group (community care) and per occupied bed day. */
    public record Rates(Map<String, Rate> staffMinutes, Rate bedDays) {
    }

    /**
     * One intervention costed. {@code units} are the minutes of staff time that fall to one person
     * (community) or the nights (ward); {@code cost} is null when the run has no rate for it.
     */
    public record CostedIntervention(Intervention intervention, BigDecimal occurrences, BigDecimal units,
            BigDecimal rate, BigDecimal cost) {
    }

    /**
     * The package costed: core and optional interventions, community and ward; {@code complete} is
     * false when some intervention had no rate (its staff group never appears in the run's
     * community activity, or the run has no ward stays), and the sums then leave it out.
     */
    public record Costed(List<CostedIntervention> interventions, BigDecimal core, BigDecimal optional,
            BigDecimal community, BigDecimal ward, boolean complete, List<String> missingRates) {

        public BigDecimal full() {
            return core.add(optional);
        }
    }

    /** The ward's name among missing rates. */
    public static final String WARD_RATE = "occupied bed day";

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private PackageCosting() {
    }

    public static Costed cost(List<Intervention> interventions, Rates rates) {
        List<CostedIntervention> costed = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>();
        BigDecimal core = ZERO;
        BigDecimal optional = ZERO;
        BigDecimal community = ZERO;
        BigDecimal ward = ZERO;
        for (Intervention i : interventions) {
            BigDecimal occurrencesNumerator = BigDecimal.valueOf((long) i.times() * i.durationWeeks());
            BigDecimal occurrences = occurrencesNumerator.divide(BigDecimal.valueOf(i.everyWeeks()), 2, RoundingMode.HALF_UP);
            boolean atWard = i.setting() == Setting.WARD;
            // units = occurrences x minutes / group size (community) or occurrences (ward), kept as a fraction
            BigDecimal unitsNumerator = atWard ? occurrencesNumerator
                    : occurrencesNumerator.multiply(BigDecimal.valueOf(i.minutes()));
            BigDecimal unitsDenominator = BigDecimal.valueOf((long) i.everyWeeks() * (atWard ? 1 : i.groupSize()));
            Rate rate = atWard ? rates.bedDays() : rates.staffMinutes().get(i.staffGroup());
            BigDecimal cost = null;
            if (rate == null || rate.units().signum() == 0) {
                missing.add(atWard ? WARD_RATE : i.staffGroup());
            } else {
                cost = unitsNumerator.multiply(rate.cost()).divide(unitsDenominator.multiply(rate.units()), 2,
                        RoundingMode.HALF_UP);
                if (i.core()) {
                    core = core.add(cost);
                } else {
                    optional = optional.add(cost);
                }
                if (atWard) {
                    ward = ward.add(cost);
                } else {
                    community = community.add(cost);
                }
            }
            costed.add(new CostedIntervention(i, occurrences,
                    unitsNumerator.divide(unitsDenominator, 2, RoundingMode.HALF_UP),
                    rate == null ? null : rate.perUnit(), cost));
        }
        return new Costed(costed, core, optional, community, ward, missing.isEmpty(), List.copyOf(missing));
    }
}
