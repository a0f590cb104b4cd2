package org.openpbr.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * What synthetic trust to make. The same spec and grid always give the same trust.
 *
 * @param seed             the random seed
 * @param providerCode     the trust's ODS code
 * @param commissioners    responsible commissioners' ODS codes, drawn for each care spell
 * @param teams            team codes; each has a few raters
 * @param patients         how many people
 * @param from             first day of activity
 * @param to               last day of activity (never after today, so no date is in the future)
 * @param overrideShare    share of allocations where the clinician overrides the suggestion
 * @param secondRaterShare share of initial assessments repeated by a second rater within 7 days
 * @param dischargeShare   chance, at each review, that the person is discharged instead
 */
public record TrustSpec(long seed, String providerCode, List<String> commissioners, List<String> teams, int patients,
        LocalDate from, LocalDate to, double overrideShare, double secondRaterShare, double dischargeShare) {

    public TrustSpec {
        commissioners = List.copyOf(commissioners);
        teams = List.copyOf(teams);
        if (patients < 0 || commissioners.isEmpty() || teams.isEmpty() || to.isBefore(from)) {
            throw new IllegalArgumentException("not a usable trust spec");
        }
    }

    /** A demo-sized trust ending today: RX1, commissioners 15N and 14L, five teams. */
    public static TrustSpec demo(int patients, LocalDate today) {
        return new TrustSpec(20120401L, "RX1", List.of("15N", "15N", "15N", "14L"),
                List.of("CMHT-NORTH", "CMHT-SOUTH", "CRISIS-HTT", "EIP", "OPMH"), patients, today.minusYears(2), today,
                0.12, 0.05, 0.25);
    }
}
