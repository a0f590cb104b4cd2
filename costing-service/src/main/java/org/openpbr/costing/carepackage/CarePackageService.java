package org.openpbr.costing.carepackage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.openpbr.costing.carepackage.rule.PackageCosting;
import org.openpbr.costing.run.RunReader;
import org.openpbr.costing.run.RunViews;
import org.openpbr.costing.run.UnitCost;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.problem.Faults;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/** Care packages per code (versioned, append-only) and their cost beside a run's actual cost. */
@ApplicationScoped
public class CarePackageService {

    public static final int MAX_INTERVENTIONS = 50;

    /** A stored version and its ETag. */
    public record Stored(int version, CarePackageViews.Package view, String etag) {
    }

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    RunReader runs;

    /** The code's current package, or 404 when it has none (or it was retired). */
    public Stored current(String provider, String code) {
        Stored found = latest(provider, code);
        if (found == null || found.view() == null) {
            throw ProblemException.notFound("Care package for code " + code);
        }
        return found;
    }

    public Stored version(String provider, String code, int version) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PACKAGE_COLUMNS
                + " where provider_code = :p and code = :code and version = :v and not retired")
                .setParameter("p", provider).setParameter("code", code).setParameter("v", version).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Care package for code " + code + " version " + version);
        }
        return stored(rows.get(0));
    }

    /** Every code's current package, by code. */
    public List<CarePackageViews.Package> list(String provider) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PACKAGE_COLUMNS + " where id in (select distinct on (code) id"
                + " from care_package where provider_code = :p order by code, version desc) and not retired order by code")
                .setParameter("p", provider).getResultList();
        return rows.stream().map(r -> stored(r).view()).toList();
    }

    /**
     * Defines the code's package, as its first version or a new one. Changing an existing package
     * needs the ETag last read (428 without, 412 when another change came first).
     */
    @Transactional
    public Stored define(Caller caller, String code, CarePackageViews.Definition body, String ifMatch) {
        String provider = caller.requireProviderOrg();
        List<PackageCosting.Intervention> interventions = validate(code, body);
        Stored before = lockedLatest(provider, code);
        checkPrecondition(before, ifMatch, false);
        int version = before == null ? 1 : before.version() + 1;
        long id = ((Number) em.createNativeQuery("insert into care_package (provider_code, code, version, name, weeks,"
                + " note, created_by) values (:p, :code, :v, :name, :weeks, :note, :by) returning id")
                .setParameter("p", provider).setParameter("code", code).setParameter("v", version)
                .setParameter("name", body.name().strip()).setParameter("weeks", body.weeks())
                .setParameter("note", body.note() == null || body.note().isBlank() ? null : body.note().strip())
                .setParameter("by", caller.username().orElse(caller.subject())).getSingleResult()).longValue();
        int position = 0;
        for (PackageCosting.Intervention i : interventions) {
            em.createNativeQuery("insert into care_package_intervention (package_id, position, name, setting,"
                    + " staff_group, minutes, times, every_weeks, duration_weeks, group_size, core)"
                    + " values (:id, :pos, :name, :setting, :staff, cast(:minutes as integer), :times, :every,"
                    + " :duration, :group, :core)")
                    .setParameter("id", id).setParameter("pos", ++position).setParameter("name", i.name())
                    .setParameter("setting", i.setting().name()).setParameter("staff", i.staffGroup())
                    .setParameter("minutes", i.minutes() == null ? null : i.minutes().toString())
                    .setParameter("times", i.times()).setParameter("every", i.everyWeeks())
                    .setParameter("duration", i.durationWeeks()).setParameter("group", i.groupSize())
                    .setParameter("core", i.core()).executeUpdate();
        }
        audit.record(caller, "care-package.defined", "care_package", provider + "/" + code, null,
                Map.of("version", version, "weeks", body.weeks(), "interventions", interventions.size()));
        return latest(provider, code);
    }

    /** Retires the code's package: a new version with no interventions, so the history stays. */
    @Transactional
    public void retire(Caller caller, String code, String ifMatch) {
        String provider = caller.requireProviderOrg();
        Stored before = lockedLatest(provider, code);
        if (before == null || before.view() == null) {
            throw ProblemException.notFound("Care package for code " + code);
        }
        checkPrecondition(before, ifMatch, true);
        int version = before.version() + 1;
        em.createNativeQuery("insert into care_package (provider_code, code, version, retired, name, weeks, created_by)"
                + " values (:p, :code, :v, true, :name, :weeks, :by)").setParameter("p", provider)
                .setParameter("code", code).setParameter("v", version).setParameter("name", before.view().name())
                .setParameter("weeks", before.view().weeks())
                .setParameter("by", caller.username().orElse(caller.subject())).executeUpdate();
        audit.record(caller, "care-package.retired", "care_package", provider + "/" + code, null,
                Map.of("version", version));
    }

    /** Every current package costed at the run's rates, beside the code's actual cost in the run. */
    public CarePackageViews.Comparisons compare(RunViews.Run run) {
        Map<String, PackageCosting.Rate> staff = new LinkedHashMap<>();
        List<CarePackageViews.StaffRate> staffRates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select staff_group, sum(cost), sum(minutes) from run_allocation"
                + " where run_id = :id and not admitted group by staff_group order by staff_group")
                .setParameter("id", run.id()).getResultList();
        for (Object[] r : rows) {
            PackageCosting.Rate rate = new PackageCosting.Rate((BigDecimal) r[1], (BigDecimal) r[2]);
            staff.put((String) r[0], rate);
            if (rate.perUnit() != null) {
                staffRates.add(new CarePackageViews.StaffRate((String) r[0], rate.cost(),
                        rate.units().setScale(2, RoundingMode.HALF_UP), rate.perUnit()));
            }
        }
        Object[] ward = (Object[]) em.createNativeQuery("select coalesce(sum(cost), 0), coalesce(sum(bed_days), 0)"
                + " from run_allocation where run_id = :id and admitted").setParameter("id", run.id()).getSingleResult();
        PackageCosting.Rate bedDays = new PackageCosting.Rate(((BigDecimal) ward[0]).setScale(2),
                new BigDecimal(ward[1].toString()));
        PackageCosting.Rates rates = new PackageCosting.Rates(staff, bedDays);

        Map<String, RunViews.CodeCost> actual = new HashMap<>();
        runs.codes(run, null).codes().forEach(c -> actual.put(c.code(), c));
        TreeSet<String> withoutPackage = new TreeSet<>(actual.keySet());
        List<CarePackageViews.Comparison> packages = new ArrayList<>();
        for (CarePackageViews.Package p : list(run.providerCode())) {
            withoutPackage.remove(p.code());
            packages.add(comparison(p, PackageCosting.cost(p.interventions().stream().map(CarePackageService::domain)
                    .toList(), rates), actual.get(p.code())));
        }
        return new CarePackageViews.Comparisons(run.id(), run.methodVersion(), staffRates,
                new CarePackageViews.BedDayRate(bedDays.cost(), bedDays.units().longValue(), bedDays.perUnit()),
                packages, List.copyOf(withoutPackage));
    }

    private static CarePackageViews.Comparison comparison(CarePackageViews.Package p, PackageCosting.Costed costed,
            RunViews.CodeCost code) {
        long days = p.weeks() * 7L;
        CarePackageViews.Actual actual = null;
        BigDecimal fromFull = null;
        BigDecimal fromCore = null;
        BigDecimal ratio = null;
        if (code != null && code.clusterDays() > 0) {
            BigDecimal over = UnitCost.over(code.totalCost(), code.clusterDays(), days);
            actual = new CarePackageViews.Actual(code.episodes(), code.clusterDays(), code.totalCost(),
                    code.costPerClusterDay(), code.costPerEpisode(), code.costPerReviewPeriod(), over,
                    UnitCost.over(code.nonAdmitted().cost(), code.clusterDays(), days),
                    UnitCost.over(code.admitted().cost(), code.clusterDays(), days));
            if (costed.complete()) {
                fromFull = over.subtract(costed.full());
                fromCore = over.subtract(costed.core());
                ratio = costed.full().signum() == 0 ? null : over.divide(costed.full(), 4, RoundingMode.HALF_UP);
            }
        }
        return new CarePackageViews.Comparison(p.code(), p.version(), p.name(), p.weeks(),
                costed.interventions().stream().map(c -> new CarePackageViews.CostedIntervention(
                        c.intervention().name(), c.intervention().setting().name(), c.intervention().staffGroup(),
                        c.intervention().core(), c.occurrences(), c.units(), c.rate(), c.cost())).toList(),
                costed.core(), costed.optional(), costed.full(), costed.community(), costed.ward(), costed.complete(),
                costed.missingRates(), actual, fromFull, fromCore, ratio);
    }

    private static PackageCosting.Intervention domain(CarePackageViews.Intervention i) {
        return new PackageCosting.Intervention(i.name(), PackageCosting.Setting.valueOf(i.setting()), i.staffGroup(),
                i.minutes(), i.times(), i.everyWeeks(), i.durationWeeks(), i.groupSize(), i.core());
    }

    private static List<PackageCosting.Intervention> validate(String code, CarePackageViews.Definition body) {
        Faults faults = new Faults();
        if (code == null || !code.matches("[0-9A-Za-z]{1,10}")) {
            faults.add("code", "must be 1-10 letters or digits, e.g. 04");
        }
        if (body == null) {
            throw ProblemException.invalid(List.of(new org.openpbr.platform.problem.FieldError("body", "is required")));
        }
        if (faults.present("name", body.name()) && (body.name().isBlank() || body.name().length() > 200)) {
            faults.add("name", "must be 1-200 characters");
        }
        if (body.note() != null && body.note().length() > 2000) {
            faults.add("note", "must be at most 2000 characters");
        }
        int weeks = 0;
        if (faults.present("weeks", body.weeks())) {
            weeks = body.weeks();
            if (weeks < 1 || weeks > 104) {
                faults.add("weeks", "must be 1-104");
            }
        }
        List<PackageCosting.Intervention> result = new ArrayList<>();
        if (faults.present("interventions", body.interventions())) {
            if (body.interventions().isEmpty() || body.interventions().size() > MAX_INTERVENTIONS) {
                faults.add("interventions", "must hold 1-" + MAX_INTERVENTIONS + " interventions");
            }
            for (int n = 0; n < Math.min(body.interventions().size(), MAX_INTERVENTIONS); n++) {
                PackageCosting.Intervention i = intervention(faults, "interventions[" + n + "].",
                        body.interventions().get(n), weeks);
                if (i != null) {
                    result.add(i);
                }
            }
        }
        faults.throwIfAny();
        return result;
    }

    private static PackageCosting.Intervention intervention(Faults faults, String at, CarePackageViews.Intervention i,
            int weeks) {
        if (i == null) {
            faults.add(at.substring(0, at.length() - 1), "must not be null");
            return null;
        }
        int before = faults.errors().size();
        if (faults.present(at + "name", i.name()) && (i.name().isBlank() || i.name().length() > 200)) {
            faults.add(at + "name", "must be 1-200 characters");
        }
        PackageCosting.Setting setting = null;
        if (faults.present(at + "setting", i.setting())) {
            try {
                setting = PackageCosting.Setting.valueOf(i.setting());
            } catch (IllegalArgumentException e) {
                faults.add(at + "setting", "must be COMMUNITY or WARD");
            }
        }
        int groupSize = i.groupSize() == null ? 1 : i.groupSize();
        if (setting == PackageCosting.Setting.COMMUNITY) {
            if (faults.present(at + "staffGroup", i.staffGroup())
                    && (i.staffGroup().isBlank() || i.staffGroup().length() > 64)) {
                faults.add(at + "staffGroup", "must be 1-64 characters, spelt as in your activity files");
            }
            if (faults.present(at + "minutes", i.minutes()) && (i.minutes() < 1 || i.minutes() > 1440)) {
                faults.add(at + "minutes", "must be 1-1440");
            }
            if (groupSize < 1 || groupSize > 60) {
                faults.add(at + "groupSize", "must be 1-60");
            }
        } else if (setting == PackageCosting.Setting.WARD) {
            if (i.staffGroup() != null) {
                faults.add(at + "staffGroup", "must be absent for a ward stay (it is costed per occupied bed day)");
            }
            if (i.minutes() != null) {
                faults.add(at + "minutes", "must be absent for a ward stay (times counts nights)");
            }
            if (groupSize != 1) {
                faults.add(at + "groupSize", "must be absent for a ward stay");
            }
        }
        int times = i.times() == null ? 1 : i.times();
        if (times < 1 || times > 366) {
            faults.add(at + "times", "must be 1-366");
        }
        int every = i.everyWeeks() == null ? 1 : i.everyWeeks();
        if (every < 1 || every > 104) {
            faults.add(at + "everyWeeks", "must be 1-104");
        }
        int duration = i.durationWeeks() == null ? weeks : i.durationWeeks();
        if (weeks > 0 && (duration < 1 || duration > weeks)) {
            faults.add(at + "durationWeeks", "must be 1 to the package's " + weeks + " weeks");
        }
        if (faults.errors().size() > before || setting == null || weeks < 1 || weeks > 104) {
            return null;
        }
        return new PackageCosting.Intervention(i.name().strip(), setting,
                i.staffGroup() == null ? null : i.staffGroup().strip(), i.minutes(), times, every, duration, groupSize,
                i.core() == null || i.core());
    }

    private static void checkPrecondition(Stored before, String ifMatch, boolean required) {
        boolean exists = before != null && before.view() != null;
        if (exists || required) {
            IfMatch.requirePresent(ifMatch,
                    "The code already has a care package: send its ETag in If-Match (GET it to read it)");
        } else if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        if (!exists) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The code has no care package for If-Match to match; send the first version without If-Match");
        }
        if (ifMatch.strip().equals("*")) {
            return; // any current version
        }
        IfMatch.requireMatch(ifMatch, before.etag(), "The care package has changed since you read it (now version "
                + before.view().version() + "); GET it again and retry");
    }

    private static final String PACKAGE_COLUMNS = "select id, code, version, retired, name, weeks, note, created_at,"
            + " created_by from care_package";

    /** The code's latest version (a retired one has a null view), or null when it never had one. */
    private Stored latest(String provider, String code) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PACKAGE_COLUMNS
                + " where provider_code = :p and code = :code order by version desc limit 1")
                .setParameter("p", provider).setParameter("code", code).getResultList();
        return rows.isEmpty() ? null : stored(rows.get(0));
    }

    /** As {@link #latest}, after taking the code's lock, so that two changes are never both based on one version. */
    private Stored lockedLatest(String provider, String code) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "care_package/" + provider + "/" + code).getSingleResult();
        return latest(provider, code);
    }

    private Stored stored(Object[] r) {
        long id = ((Number) r[0]).longValue();
        int version = ((Number) r[2]).intValue();
        String etag = "\"package-" + r[1] + "-v" + version + "\"";
        if ((Boolean) r[3]) {
            return new Stored(version, null, etag);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, setting, staff_group, minutes, times, every_weeks,"
                + " duration_weeks, group_size, core from care_package_intervention where package_id = :id"
                + " order by position").setParameter("id", id).getResultList();
        List<CarePackageViews.Intervention> interventions = rows.stream().map(i -> new CarePackageViews.Intervention(
                (String) i[0], (String) i[1], (String) i[2], i[3] == null ? null : ((Number) i[3]).intValue(),
                ((Number) i[4]).intValue(), ((Number) i[5]).intValue(), ((Number) i[6]).intValue(),
                ((Number) i[7]).intValue(), (Boolean) i[8])).toList();
        return new Stored(version, new CarePackageViews.Package((String) r[1], version, (String) r[4], ((Number) r[5]).intValue(),
                (String) r[6], interventions, NativeRows.instant(r[7]), (String) r[8]), etag);
    }

}
