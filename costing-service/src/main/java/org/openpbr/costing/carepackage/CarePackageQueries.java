package org.openpbr.costing.carepackage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.costing.carepackage.rule.PackageCosting;
import org.openpbr.platform.persistence.Row;

/** The care package feature's SQL: versions of a code's package, their interventions, and a run's rates. */
@ApplicationScoped
public class CarePackageQueries {

    private static final String PACKAGE = """
            select id, code, version, retired, name, weeks, note, created_at, created_by
              from care_package""";

    private static final String INTERVENTIONS = """
            select name, setting, staff_group, minutes, times, every_weeks, duration_weeks, group_size, core
              from care_package_intervention where package_id = :id order by position""";

    private static final String INSERT_PACKAGE = """
            insert into care_package (provider_code, code, version, name, weeks, note, created_by)
            values (:p, :code, :v, :name, :weeks, :note, :by) returning id""";

    private static final String INSERT_INTERVENTION = """
            insert into care_package_intervention (package_id, position, name, setting, staff_group, minutes, times,
                                                   every_weeks, duration_weeks, group_size, core)
            values (:id, :pos, :name, :setting, :staff, cast(:minutes as integer), :times, :every, :duration, :group,
                    :core)""";

    private static final String INSERT_RETIRED = """
            insert into care_package (provider_code, code, version, retired, name, weeks, created_by)
            values (:p, :code, :v, true, :name, :weeks, :by)""";

    private static final String STAFF_RATES = """
            select staff_group, sum(cost) as cost, sum(minutes) as minutes
              from run_breakdown where run_id = :id and not admitted
             group by staff_group order by staff_group""";

    private static final String WARD_RATE = """
            select coalesce(sum(cost), 0) as cost, coalesce(sum(bed_days), 0) as bed_days
              from run_breakdown where run_id = :id and admitted""";

    /** A stored version and its ETag; a retired version has no view. */
    public record Stored(int version, CarePackageViews.Package view, String etag) {
    }

    /** A staff group's community cost and minutes in a run. */
    public record StaffMinutes(String staffGroup, PackageCosting.Rate rate) {
    }

    @Inject
    EntityManager em;

    /** The code's latest version, retired or not. */
    public Optional<Stored> latest(String provider, String code) {
        return Row.first(em.createNativeQuery(PACKAGE + " where provider_code = :p and code = :code order by version desc",
                Tuple.class).setParameter("p", provider).setParameter("code", code)).map(this::stored);
    }

    public Optional<Stored> version(String provider, String code, int version) {
        return Row.first(em.createNativeQuery(PACKAGE + " where provider_code = :p and code = :code and version = :v"
                + " and not retired", Tuple.class).setParameter("p", provider).setParameter("code", code)
                .setParameter("v", version)).map(this::stored);
    }

    /** Every code's current version that is not retired, by code. */
    public List<CarePackageViews.Package> current(String provider) {
        return Row.all(em.createNativeQuery(PACKAGE + " where id in (select distinct on (code) id from care_package"
                + " where provider_code = :p order by code, version desc) and not retired order by code", Tuple.class)
                .setParameter("p", provider))
                .stream().map(r -> stored(r).view()).toList();
    }

    /** Serialises changes to one code's package within the transaction. */
    public void lock(String provider, String code) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "care_package/" + provider + "/" + code).getSingleResult();
    }

    public void insert(String provider, String code, int version, String name, int weeks, String note, String by,
            List<PackageCosting.Intervention> interventions) {
        long id = ((Number) em.createNativeQuery(INSERT_PACKAGE).setParameter("p", provider).setParameter("code", code)
                .setParameter("v", version).setParameter("name", name).setParameter("weeks", weeks)
                .setParameter("note", note).setParameter("by", by).getSingleResult()).longValue();
        int position = 0;
        for (PackageCosting.Intervention i : interventions) {
            em.createNativeQuery(INSERT_INTERVENTION).setParameter("id", id).setParameter("pos", ++position)
                    .setParameter("name", i.name()).setParameter("setting", i.setting().name())
                    .setParameter("staff", i.staffGroup())
                    .setParameter("minutes", i.minutes() == null ? null : i.minutes().toString())
                    .setParameter("times", i.times()).setParameter("every", i.everyWeeks())
                    .setParameter("duration", i.durationWeeks()).setParameter("group", i.groupSize())
                    .setParameter("core", i.core()).executeUpdate();
        }
    }

    public void insertRetired(String provider, String code, int version, String name, int weeks, String by) {
        em.createNativeQuery(INSERT_RETIRED).setParameter("p", provider).setParameter("code", code)
                .setParameter("v", version).setParameter("name", name).setParameter("weeks", weeks)
                .setParameter("by", by).executeUpdate();
    }

    /** Community cost and minutes by staff group in the run. */
    public List<StaffMinutes> staffRates(UUID runId) {
        return Row.all(em.createNativeQuery(STAFF_RATES, Tuple.class).setParameter("id", runId)).stream()
                .map(r -> new StaffMinutes(r.text("staff_group"),
                        new PackageCosting.Rate(r.decimal("cost"), r.decimal("minutes")))).toList();
    }

    /** Ward cost over occupied bed days in the run. */
    public PackageCosting.Rate wardRate(UUID runId) {
        Row r = Row.first(em.createNativeQuery(WARD_RATE, Tuple.class).setParameter("id", runId)).orElseThrow();
        return new PackageCosting.Rate(r.decimal("cost"), new BigDecimal(r.value("bed_days").toString()));
    }

    private Stored stored(Row r) {
        long id = r.whole("id");
        int version = r.integer("version");
        String etag = "\"package-" + r.text("code") + "-v" + version + "\"";
        if (r.flag("retired")) {
            return new Stored(version, null, etag);
        }
        List<CarePackageViews.Intervention> interventions = Row.all(em.createNativeQuery(INTERVENTIONS, Tuple.class)
                .setParameter("id", id)).stream().map(i -> new CarePackageViews.Intervention(i.text("name"),
                        CarePackageViews.Setting.valueOf(i.text("setting")), i.text("staff_group"),
                        i.integerOrNull("minutes"), i.integer("times"), i.integer("every_weeks"),
                        i.integer("duration_weeks"), i.integer("group_size"), i.flag("core"))).toList();
        return new Stored(version, new CarePackageViews.Package(r.text("code"), version, r.text("name"),
                r.integer("weeks"), r.text("note"), interventions, r.instant("created_at"), r.text("created_by")), etag);
    }
}
