package org.openpbr.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.openpbr.synthetic.TrustEvent.Allocation;
import org.openpbr.synthetic.TrustEvent.Assessed;
import org.openpbr.synthetic.TrustEvent.SpellOpened;

/**
 * A synthetic trust's costing inputs, consistent with its people and cluster episodes: cost
 * centres, a ledger, care contacts, occupied bed days and group sessions for one costing period,
 * as the CSV files costing-service loads. Activity falls on the days of the person's episodes (with
 * the episode's team as the community centre), except for assessment contacts in the days before a
 * person's first episode, which costing reports as not clustered, as real data has them. The ledger
 * is written last, from what the activity used, so that costs per minute and per bed day are
 * plausible. Rows are written as they are drawn: memory does not grow with the number of rows.
 * Plain Java; the same inputs and seed always give the same files.
 */
public final class SyntheticCosting {

    /** A cluster episode as costing takes it (the episode upload's columns). */
    public record Episode(String ref, String localId, String code, LocalDate start, LocalDate end, LocalDate reviewDue,
            String commissionerCode, String team) {
    }

    /**
     * What to generate.
     *
     * @param seed            the random seed
     * @param from            the costing period's first day
     * @param to              its last day
     * @param wards           inpatient wards (WARD-01...)
     * @param supportCentres  support (overhead) centres (SUP-01...)
     * @param contactsPerWeek mean community contacts per person and week of an episode, before the
     *                        code's intensity; it sets the number of rows
     */
    public record Spec(long seed, LocalDate from, LocalDate to, int wards, int supportCentres, double contactsPerWeek) {
    }

    /** Where the files go. */
    public record Files(Writer centres, Writer ledger, Writer contacts, Writer bedDays, Writer groupSessions,
            Writer episodes) {
    }

    /** How many rows each file got. */
    public record Counts(long centres, long ledgerLines, long contacts, long bedDays, long groupSessions, long episodes) {

        public long activityRows() {
            return contacts + bedDays + groupSessions;
        }
    }

    static final String[] STAFF = { "Nurse", "Nurse", "Nurse", "Psychiatrist", "Psychologist", "Social worker",
            "Support worker", "Support worker", "Occupational therapist" };
    /** Pounds per minute of each staff group, for the ledger. */
    static final Map<String, BigDecimal> STAFF_COST = Map.of("Nurse", new BigDecimal("0.79"),
            "Psychiatrist", new BigDecimal("2.00"), "Psychologist", new BigDecimal("1.08"),
            "Social worker", new BigDecimal("0.71"), "Support worker", new BigDecimal("0.46"),
            "Occupational therapist", new BigDecimal("0.75"));
    /**
     * Ward nursing pay per occupied night. With medical pay (a fifth of it) and support cost
     * apportioned (about 18 % of direct cost), an admitted cluster day costs about £320-360, as the
     * 2011/12 reference costs found (£319-366).
     */
    static final int WARD_NURSING_PER_NIGHT = 250;

    private final Spec spec;
    private final Random random;
    private final Map<String, Long> minutesByCentreAndStaff = new LinkedHashMap<>();
    private final Map<String, Long> nightsByWard = new LinkedHashMap<>();

    private SyntheticCosting(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
    }

    /**
     * The cluster episodes of the trust's events: each allocated assessment starts an episode of the
     * allocated code (the override's code, or else the code the ratings were drawn from, which is
     * what the suggestion is meant to find); the next allocation or a discharge ends it.
     */
    public static List<Episode> episodes(List<TrustEvent> events, Map<String, java.time.Period> reviewPeriods,
            String providerCode) {
        Map<String, String> commissioner = new HashMap<>();
        Map<String, Open> open = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        int[] next = { 0 };
        for (TrustEvent event : events) {
            if (event instanceof SpellOpened s) {
                commissioner.put(s.spellKey(), s.commissionerCode());
            } else if (event instanceof Assessed a) {
                boolean allocated = a.allocation() != Allocation.NONE;
                boolean discharge = a.reason().equals("DISCHARGE");
                if (!allocated && !discharge) {
                    continue;
                }
                Open current = open.remove(a.spellKey());
                Episode closed = current == null ? null : current.close(a.date().minusDays(allocated ? 1 : 0));
                if (closed != null) {
                    episodes.add(closed);
                }
                if (allocated) {
                    String code = a.allocation() == Allocation.OVERRIDE ? a.overrideCode() : a.intendedCode();
                    java.time.Period review = reviewPeriods.getOrDefault(code, java.time.Period.ofMonths(6));
                    open.put(a.spellKey(), new Open(providerCode + "-EP" + String.format("%07d", ++next[0]), a.localId(),
                            code, a.date(), a.date().plus(review), commissioner.get(a.spellKey()), a.team()));
                }
            }
        }
        open.values().forEach(o -> episodes.add(o.close(null)));
        episodes.sort(java.util.Comparator.comparing(Episode::localId).thenComparing(Episode::start));
        return episodes;
    }

    private record Open(String ref, String localId, String code, LocalDate start, LocalDate reviewDue,
            String commissioner, String team) {

        /** Null when a re-clustering on the day it started replaced it before it covered a day. */
        Episode close(LocalDate end) {
            return end != null && end.isBefore(start) ? null
                    : new Episode(ref, localId, code, start, end, reviewDue, commissioner, team);
        }
    }

    /** Writes the files for the episodes (which must not overlap for one person) and the spec. */
    public static Counts write(Spec spec, List<Episode> episodes, Files files) {
        try {
            return new SyntheticCosting(spec).writeAll(episodes, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Counts writeAll(List<Episode> episodes, Files files) throws IOException {
        List<String> teams = episodes.stream().map(Episode::team).distinct().sorted().toList();
        long centres = writeCentres(files.centres(), teams);
        files.episodes().write("episode_id,patient_id,code,start_date,end_date,review_due,commissioner_code,team\n");
        files.contacts().write("contact_id,patient_id,contact_date,cost_centre,staff_group,minutes\n");
        files.bedDays().write("patient_id,bed_date,ward\n");
        long contacts = 0;
        long nights = 0;
        String previousPerson = null;
        Map<String, List<Episode>> byTeam = new HashMap<>();
        StringBuilder line = new StringBuilder(128);
        for (Episode e : episodes) {
            line.setLength(0);
            line.append(e.ref()).append(',').append(e.localId()).append(',').append(e.code()).append(',')
                    .append(e.start()).append(',').append(e.end() == null ? "" : e.end().toString()).append(',')
                    .append(e.reviewDue()).append(',').append(e.commissionerCode()).append(',').append(e.team()).append('\n');
            files.episodes().write(line.toString());
            LocalDate first = max(e.start(), spec.from());
            LocalDate last = e.end() == null ? spec.to() : min(e.end(), spec.to());
            boolean firstEpisode = !e.localId().equals(previousPerson);
            previousPerson = e.localId();
            if (firstEpisode) {
                // assessment contacts before the person was first clustered: not clustered in costing
                for (int k = 0; k < 1 + random.nextInt(2); k++) {
                    LocalDate day = e.start().minusDays(1 + random.nextInt(14));
                    if (!day.isBefore(spec.from()) && !day.isAfter(spec.to())) {
                        contacts += contact(files.contacts(), line, contacts, e.localId(), day, e.team(), 60);
                    }
                }
            }
            if (last.isBefore(first)) {
                continue;
            }
            byTeam.computeIfAbsent(e.team(), t -> new ArrayList<>()).add(e);
            long days = ChronoUnit.DAYS.between(first, last) + 1;
            double expected = days / 7.0 * spec.contactsPerWeek() * intensity(e.code());
            long n = Math.round(expected * (0.5 + random.nextDouble()));
            for (long k = 0; k < n; k++) {
                LocalDate day = first.plusDays((long) (random.nextDouble() * days));
                contacts += contact(files.contacts(), line, contacts, e.localId(), day, e.team(), 10 + random.nextInt(80));
            }
            if (random.nextDouble() < admissionChance(e.code()) && spec.wards() > 0) {
                // one admission inside the episode: one bed a night, never overlapping the person's others
                String ward = String.format("WARD-%02d", 1 + random.nextInt(spec.wards()));
                long stay = Math.min(days, 3 + random.nextInt(45));
                LocalDate admitted = first.plusDays((long) (random.nextDouble() * (days - stay + 1)));
                for (long d = 0; d < stay; d++) {
                    line.setLength(0);
                    line.append(e.localId()).append(',').append(admitted.plusDays(d)).append(',').append(ward).append('\n');
                    files.bedDays().write(line.toString());
                }
                nights += stay;
                nightsByWard.merge(ward, stay, Long::sum);
            }
        }
        long sessions = writeGroupSessions(files.groupSessions(), byTeam);
        long ledger = writeLedger(files.ledger(), teams);
        return new Counts(centres, ledger, contacts, nights, sessions, episodes.size());
    }

    private int contact(Writer out, StringBuilder line, long written, String person, LocalDate day, String team,
            int minutes) throws IOException {
        String staff = STAFF[random.nextInt(STAFF.length)];
        line.setLength(0);
        line.append('C').append(written + 1).append(',').append(person).append(',').append(day).append(',').append(team)
                .append(',').append(staff).append(',').append(minutes).append('\n');
        out.write(line.toString());
        minutesByCentreAndStaff.merge(team + "|" + staff, (long) minutes, Long::sum);
        return 1;
    }

    /** Weekly groups in each team, attended by 3-8 of the team's people whose episodes cover the day. */
    private long writeGroupSessions(Writer out, Map<String, List<Episode>> byTeam) throws IOException {
        out.write("session_id,session_date,cost_centre,staff_group,minutes,attendees\n");
        long written = 0;
        StringBuilder line = new StringBuilder(256);
        for (Map.Entry<String, List<Episode>> team : new java.util.TreeMap<>(byTeam).entrySet()) {
            List<Episode> people = team.getValue();
            int groups = Math.max(1, people.size() / 150);
            for (LocalDate day = spec.from(); !day.isAfter(spec.to()); day = day.plusDays(7)) {
                for (int g = 0; g < groups; g++) {
                    List<String> attendees = new ArrayList<>();
                    int wanted = 3 + random.nextInt(6);
                    for (int tries = 0; tries < 40 && attendees.size() < wanted; tries++) {
                        Episode e = people.get(random.nextInt(people.size()));
                        if (!day.isBefore(e.start()) && (e.end() == null || !day.isAfter(e.end()))
                                && !attendees.contains(e.localId())) {
                            attendees.add(e.localId());
                        }
                    }
                    if (attendees.isEmpty()) {
                        continue;
                    }
                    String staff = random.nextBoolean() ? "Psychologist" : "Occupational therapist";
                    int minutes = 60 + 30 * random.nextInt(3);
                    line.setLength(0);
                    line.append('G').append(++written).append(',').append(day).append(',').append(team.getKey())
                            .append(',').append(staff).append(',').append(minutes).append(',')
                            .append(String.join(";", attendees)).append('\n');
                    out.write(line.toString());
                    minutesByCentreAndStaff.merge(team.getKey() + "|" + staff, (long) minutes, Long::sum);
                }
            }
        }
        return written;
    }

    private long writeCentres(Writer out, List<String> teams) throws IOException {
        out.write("code,name,type\n");
        for (String team : teams) {
            out.write(team + ",Community team " + team + ",COMMUNITY_TEAM\n");
        }
        for (int w = 1; w <= spec.wards(); w++) {
            out.write(String.format("WARD-%02d,Inpatient ward %d,INPATIENT_WARD%n", w, w));
        }
        for (int s = 1; s <= spec.supportCentres(); s++) {
            out.write(String.format("SUP-%02d,Support service %d,SUPPORT%n", s, s));
        }
        return teams.size() + (long) spec.wards() + spec.supportCentres();
    }

    /**
     * A trial balance from what the activity used: each team's pay by staff group (social workers'
     * flagged social care), non-pay and a small income credit; each ward's cost per night; support
     * centres together about 18 % of the direct cost.
     */
    private long writeLedger(Writer out, List<String> teams) throws IOException {
        out.write("cost_centre,expense_type,amount,social_care\n");
        long lines = 0;
        BigDecimal direct = BigDecimal.ZERO;
        for (String team : teams) {
            BigDecimal teamTotal = BigDecimal.ZERO;
            for (String staff : STAFF_COST.keySet().stream().sorted().toList()) {
                long minutes = minutesByCentreAndStaff.getOrDefault(team + "|" + staff, 0L);
                if (minutes == 0) {
                    continue;
                }
                BigDecimal pay = pounds(BigDecimal.valueOf(minutes).multiply(STAFF_COST.get(staff)).multiply(spread(90, 20)));
                out.write(team + "," + staff + " pay," + pay.toPlainString() + "," + (staff.equals("Social worker") ? "Y" : "N") + "\n");
                teamTotal = teamTotal.add(pay);
                lines++;
            }
            BigDecimal nonPay = pounds(teamTotal.multiply(new BigDecimal("0.12")));
            BigDecimal income = pounds(teamTotal.multiply(new BigDecimal("-0.01")));
            out.write(team + ",Non-pay," + nonPay.toPlainString() + ",N\n");
            out.write(team + ",Income," + income.toPlainString() + ",N\n");
            direct = direct.add(teamTotal).add(nonPay).add(income);
            lines += 2;
        }
        for (int w = 1; w <= spec.wards(); w++) {
            String ward = String.format("WARD-%02d", w);
            long nights = nightsByWard.getOrDefault(ward, 0L);
            // a ward with no stays in the period still has staff: its cost is unallocated in costing
            BigDecimal pay = pounds(BigDecimal.valueOf(Math.max(nights, 30) * WARD_NURSING_PER_NIGHT).multiply(spread(94, 12)));
            BigDecimal medical = pounds(pay.multiply(new BigDecimal("0.2")));
            out.write(ward + ",Nursing pay," + pay.toPlainString() + ",N\n");
            out.write(ward + ",Medical pay," + medical.toPlainString() + ",N\n");
            direct = direct.add(pay).add(medical);
            lines += 2;
        }
        BigDecimal perCentre = direct.multiply(new BigDecimal("0.18")).divide(BigDecimal.valueOf(spec.supportCentres()),
                2, RoundingMode.HALF_UP);
        for (int s = 1; s <= spec.supportCentres(); s++) {
            BigDecimal share = pounds(perCentre.multiply(spread(80, 40)));
            out.write(String.format("SUP-%02d,Overhead,%s,N%n", s, share.toPlainString()));
            lines++;
        }
        return lines;
    }

    /** A random factor from low % to low + width %, in whole percent. */
    private BigDecimal spread(int low, int width) {
        return BigDecimal.valueOf(low + random.nextInt(width + 1), 2);
    }

    private static BigDecimal pounds(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** How much community care a code gets, relative to the average. */
    static double intensity(String code) {
        return switch (code) {
            case "01", "02" -> 0.7;
            case "03", "11", "18" -> 0.8;
            case "04", "07", "16", "19" -> 1.0;
            case "05", "06", "08", "12", "17", "20" -> 1.3;
            case "10", "13", "21" -> 1.6;
            case "14", "15" -> 1.6;
            default -> 1.0;
        };
    }

    /** The chance that an episode of the code includes an admission. */
    static double admissionChance(String code) {
        return switch (code) {
            case "14", "15" -> 0.6;
            case "13", "17", "21" -> 0.12;
            case "12", "05", "20" -> 0.05;
            default -> 0.01;
        };
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
