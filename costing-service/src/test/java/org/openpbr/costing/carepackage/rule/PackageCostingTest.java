package org.openpbr.costing.carepackage.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpbr.costing.carepackage.rule.PackageCosting.Intervention;
import org.openpbr.costing.carepackage.rule.PackageCosting.Rate;
import org.openpbr.costing.carepackage.rule.PackageCosting.Rates;
import org.openpbr.costing.carepackage.rule.PackageCosting.Setting;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PackageCostingTest {

    /** Nurse 1,000.00 over 2,000 minutes = 0.50 a minute; psychologist 900.00 / 1,200 = 0.75; ward 3,000.00 / 10 nights = 300. */
    private static final Rates RATES = new Rates(Map.of(
            "Nurse", new Rate(new BigDecimal("1000.00"), new BigDecimal("2000")),
            "Psychologist", new Rate(new BigDecimal("900.00"), new BigDecimal("1200"))),
            new Rate(new BigDecimal("3000.00"), new BigDecimal("10")));

    @Test
    void a_26_week_package_costed_by_hand() {
        PackageCosting.Costed costed = PackageCosting.cost(List.of(
                // fortnightly for 26 weeks: 13 x 60 = 780 minutes x 0.50 = 390.00
                new Intervention("Care coordination", Setting.COMMUNITY, "Nurse", 60, 1, 2, 26, 1, true),
                // weekly for 12 weeks in a group of 6: 12 x 90 / 6 = 180 minutes x 0.75 = 135.00
                new Intervention("CBT group", Setting.COMMUNITY, "Psychologist", 90, 1, 1, 12, 6, false),
                // 7 nights once in the 26 weeks: 7 x 300 = 2,100.00
                new Intervention("Crisis admission", Setting.WARD, null, null, 7, 26, 26, 1, false),
                // every 3 weeks for 26 weeks: 26/3 = 8.67 occurrences, 520/3 = 173.33 minutes, x 0.50 = 86.666... = 86.67
                new Intervention("Medication review", Setting.COMMUNITY, "Nurse", 20, 1, 3, 26, 1, true)), RATES);

        assertThat(costed.interventions()).extracting(PackageCosting.CostedIntervention::cost).containsExactly(
                new BigDecimal("390.00"), new BigDecimal("135.00"), new BigDecimal("2100.00"), new BigDecimal("86.67"));
        assertThat(costed.interventions().get(3).occurrences()).isEqualByComparingTo("8.67");
        assertThat(costed.interventions().get(3).units()).isEqualByComparingTo("173.33");
        assertThat(costed.interventions().get(1).units()).isEqualByComparingTo("180");
        assertThat(costed.interventions().get(0).rate()).isEqualByComparingTo("0.5");
        assertThat(costed.core()).isEqualByComparingTo("476.67"); // 390.00 + 86.67
        assertThat(costed.optional()).isEqualByComparingTo("2235.00"); // 135.00 + 2,100.00
        assertThat(costed.full()).isEqualByComparingTo("2711.67");
        assertThat(costed.community()).isEqualByComparingTo("611.67"); // 390.00 + 135.00 + 86.67
        assertThat(costed.ward()).isEqualByComparingTo("2100.00");
        assertThat(costed.complete()).isTrue();
        assertThat(costed.missingRates()).isEmpty();
    }

    @Test
    void an_intervention_without_a_rate_is_named_and_left_out_of_the_sums() {
        Rates noWard = new Rates(RATES.staffMinutes(), new Rate(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO));
        PackageCosting.Costed costed = PackageCosting.cost(List.of(
                new Intervention("Care coordination", Setting.COMMUNITY, "Nurse", 60, 1, 2, 26, 1, true),
                new Intervention("Occupational therapy", Setting.COMMUNITY, "OT", 45, 1, 1, 6, 1, true),
                new Intervention("Respite", Setting.WARD, null, null, 3, 26, 26, 1, false)), noWard);

        assertThat(costed.complete()).isFalse();
        assertThat(costed.missingRates()).containsExactly("OT", PackageCosting.WARD_RATE);
        assertThat(costed.interventions().get(1).cost()).isNull();
        assertThat(costed.interventions().get(2).cost()).isNull();
        assertThat(costed.core()).isEqualByComparingTo("390.00");
        assertThat(costed.optional()).isEqualByComparingTo("0.00");
    }

    @Property(tries = 300)
    void the_sums_agree_and_cost_grows_with_care(@ForAll @IntRange(min = 1, max = 1440) int minutes,
            @ForAll @IntRange(min = 1, max = 20) int times, @ForAll @IntRange(min = 1, max = 52) int every,
            @ForAll @IntRange(min = 1, max = 104) int duration, @ForAll @IntRange(min = 1, max = 60) int group,
            @ForAll @IntRange(min = 1, max = 500_000) int pennies, @ForAll @IntRange(min = 1, max = 100_000) int staffMinutes) {
        Rates rates = new Rates(Map.of("Nurse", new Rate(BigDecimal.valueOf(pennies, 2), BigDecimal.valueOf(staffMinutes))),
                new Rate(BigDecimal.valueOf(pennies, 2), BigDecimal.valueOf(staffMinutes % 300 + 1)));
        Intervention once = new Intervention("A", Setting.COMMUNITY, "Nurse", minutes, times, every, duration, group, true);
        Intervention twice = new Intervention("A", Setting.COMMUNITY, "Nurse", minutes, times * 2, every, duration, group, true);
        Intervention ward = new Intervention("W", Setting.WARD, null, null, times, every, duration, 1, false);
        PackageCosting.Costed costed = PackageCosting.cost(List.of(once, ward), rates);
        BigDecimal single = costed.interventions().get(0).cost();
        BigDecimal doubled = PackageCosting.cost(List.of(twice), rates).interventions().get(0).cost();

        // Every costed pound is in exactly one of core/optional and one of community/ward.
        assertThat(costed.core().add(costed.optional())).isEqualByComparingTo(costed.community().add(costed.ward()));
        assertThat(costed.community()).isEqualByComparingTo(single);
        // Twice the care costs twice as much, give or take the two roundings (a penny at most).
        assertThat(doubled.subtract(single.multiply(BigDecimal.valueOf(2))).abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));
        assertThat(single.signum()).isGreaterThanOrEqualTo(0);
    }
}
