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
import jakarta.transaction.Transactional;

import org.openpbr.costing.carepackage.CarePackageQueries.Stored;
import org.openpbr.costing.carepackage.rule.PackageCosting;
import org.openpbr.costing.run.RunQueries;
import org.openpbr.costing.run.RunViews;
import org.openpbr.costing.run.UnitCost;
import org.openpbr.platform.audit.AuditTrail;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.problem.IfMatch;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/** Care packages per code (versioned, append-only) and their cost beside a run's actual cost. */
@ApplicationScoped
public class CarePackageService {



    @Inject
    CarePackageQueries queries;

    @Inject
    AuditTrail audit;

    @Inject
    RunQueries runs;

    /** The code's current package, or 404 when it has none (or it was retired). */
    public Stored current(String provider, String code) {
        Stored found = latest(provider, code);
        if (found == null || found.view() == null) {
            throw ProblemException.notFound("Care package for code " + code);
        }
        return found;
    }

    public Stored version(String provider, String code, int version) {
        return queries.version(provider, code, version).orElseThrow(
                () -> ProblemException.notFound("Care package for code " + code + " version " + version));
    }

    /** Every code's current package, by code. */
    public List<CarePackageViews.Package> list(String provider) {
        return queries.current(provider);
    }

    /**
     * Defines the code's package, as its first version or a new one. Changing an existing package
     * needs the ETag last read (428 without, 412 when another change came first).
     */
    @Transactional
    public Stored define(Caller caller, String code, CarePackageViews.Definition body, String ifMatch) {
        String provider = caller.requireProviderOrg();
        List<PackageCosting.Intervention> interventions = interventions(body);
        Stored before = lockedLatest(provider, code);
        checkPrecondition(before, ifMatch, false);
        int version = before == null ? 1 : before.version() + 1;
        queries.insert(provider, code, version, body.name().strip(), body.weeks(),
                body.note() == null || body.note().isBlank() ? null : body.note().strip(),
                caller.username().orElse(caller.subject()), interventions);
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
        queries.insertRetired(provider, code, version, before.view().name(), before.view().weeks(),
                caller.username().orElse(caller.subject()));
        audit.record(caller, "care-package.retired", "care_package", provider + "/" + code, null,
                Map.of("version", version));
    }

    /** Every current package costed at the run's rates, beside the code's actual cost in the run. */
    public CarePackageViews.Comparisons compare(RunViews.Run run) {
        Map<String, PackageCosting.Rate> staff = new LinkedHashMap<>();
        List<CarePackageViews.StaffRate> staffRates = new ArrayList<>();
        for (CarePackageQueries.StaffMinutes m : queries.staffRates(run.id())) {
            PackageCosting.Rate rate = m.rate();
            staff.put(m.staffGroup(), rate);
            if (rate.perUnit() != null) {
                // the rate comes from the exact cost; the cost is rounded once, here, to be shown
                staffRates.add(new CarePackageViews.StaffRate(m.staffGroup(), rate.cost().setScale(2, RoundingMode.HALF_EVEN),
                        rate.units().setScale(2, RoundingMode.HALF_UP), rate.perUnit()));
            }
        }
        PackageCosting.Rate bedDays = queries.wardRate(run.id());
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
                new CarePackageViews.BedDayRate(bedDays.cost().setScale(2, RoundingMode.HALF_EVEN),
                        bedDays.units().longValue(), bedDays.perUnit()),
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
        return new PackageCosting.Intervention(i.name(), PackageCosting.Setting.valueOf(i.setting().name()), i.staffGroup(),
                i.minutes(), i.times(), i.everyWeeks(), i.durationWeeks(), i.groupSize(), i.core());
    }

    /** The package's interventions with their defaults filled in; the request passed its annotations. */
    private static List<PackageCosting.Intervention> interventions(CarePackageViews.Definition body) {
        return body.interventions().stream().map(i -> new PackageCosting.Intervention(i.name().strip(),
                PackageCosting.Setting.valueOf(i.setting().name()),
                i.staffGroup() == null ? null : i.staffGroup().strip(), i.minutes(),
                i.times() == null ? 1 : i.times(), i.everyWeeks() == null ? 1 : i.everyWeeks(),
                i.durationWeeks() == null ? body.weeks() : i.durationWeeks(),
                i.groupSize() == null ? 1 : i.groupSize(), i.core() == null || i.core())).toList();
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

    /** The code's latest version (a retired one has a null view), or null when it never had one. */
    private Stored latest(String provider, String code) {
        return queries.latest(provider, code).orElse(null);
    }

    /** As {@link #latest}, after taking the code's lock, so that two changes are never both based on one version. */
    private Stored lockedLatest(String provider, String code) {
        queries.lock(provider, code);
        return latest(provider, code);
    }
}
