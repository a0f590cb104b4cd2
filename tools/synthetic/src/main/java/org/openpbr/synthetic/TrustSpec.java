package org.openpbr.synthetic;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What synthetic trust to make. The same spec and grid always give the same trust.
 *
 * @param seed             the random seed
 * @param providerCode     the trust's ODS code
 * @param commissioners    responsible commissioners' ODS codes, drawn for each care spell
 * @param teams            team codes; each has a few raters. People are seen by the team their code
 *                         is routed to, otherwise by one of the teams no code is routed to
 * @param patients         how many people
 * @param from             first day of activity
 * @param to               last day of activity (never after today, so no date is in the future)
 * @param overrideShare    share of allocations where the clinician overrides the suggestion
 * @param secondRaterShare share of initial assessments repeated by a second rater within 7 days
 * @param dischargeShare   chance, at each review, that the person is discharged instead
 * @param teamOf           code to the team that sees it (for example 10 to early intervention);
 *                         the key {@value #OLDER_ADULTS} names the team for people 65 and over
 * @param varianceShare    share of people whose clinician allocates the variance code at first
 *                         clustering (needs no cluster describes), overriding the suggestion
 */
public record TrustSpec(long seed, String providerCode, List<String> commissioners, List<String> teams, int patients,
        LocalDate from, LocalDate to, double overrideShare, double secondRaterShare, double dischargeShare,
        Map<String, String> teamOf, double varianceShare) {

    /** The {@code teamOf} key for the team that sees people aged 65 and over. */
    public static final String OLDER_ADULTS = "65+";

    public TrustSpec {
        commissioners = List.copyOf(commissioners);
        teams = List.copyOf(teams);
        teamOf = Map.copyOf(teamOf);
        if (patients < 0 || commissioners.isEmpty() || teams.isEmpty() || to.isBefore(from)
                || !teams.containsAll(teamOf.values()) || teams.stream().allMatch(teamOf::containsValue)) {
            throw new IllegalArgumentException("not a usable trust spec");
        }
    }

    /** A trust whose people are seen by any of its teams, whatever their code, with no variance allocations. */
    public TrustSpec(long seed, String providerCode, List<String> commissioners, List<String> teams, int patients,
            LocalDate from, LocalDate to, double overrideShare, double secondRaterShare, double dischargeShare) {
        this(seed, providerCode, commissioners, teams, patients, from, to, overrideShare, secondRaterShare,
                dischargeShare, Map.of(), 0);
    }

    /**
     * A demo-sized trust ending today: RX1, commissioners 15N and 14L, two community teams, a crisis
     * team, early intervention and older people's mental health, each seeing the codes it would.
     */
    public static TrustSpec demo(int patients, LocalDate today) {
        return new TrustSpec(20120401L, "RX1", List.of("15N", "15N", "15N", "14L"),
                List.of("CMHT-NORTH", "CMHT-SOUTH", "CRISIS-HTT", "EIP", "OPMH"), patients, today.minusYears(2), today,
                0.12, 0.05, 0.25, Map.of("10", "EIP", "14", "CRISIS-HTT", "15", "CRISIS-HTT", "18", "OPMH", "19", "OPMH",
                        "20", "OPMH", "21", "OPMH", OLDER_ADULTS, "OPMH"), 0.05);
    }
}
