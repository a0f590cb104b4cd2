package org.openpbr.costing.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import org.openpbr.costing.run.RunViews;
import org.openpbr.costing.tariff.rule.TariffPricing;
import org.openpbr.platform.persistence.NativeRows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** All of the tariff feature's SQL; rows are read by column name. */
@ApplicationScoped
public class TariffQueries {

    public static final String PRICING_METHOD = "pbr-mh-tariff-1";
    /** The component that is the support cost centres' apportioned overhead. */
    public static final String SUPPORT = "Support overhead";

    /** A tariff and its ETag. */
    public record Stored(TariffViews.Tariff view, String etag) {

        public TariffStatus status() {
            return TariffStatus.valueOf(view.status());
        }
    }

    private static final String TARIFF = """
            select t.id, t.provider_code, t.name, t.version, t.status, t.revision, t.run_id, t.unit,
                   t.commissioner_code, t.valid_from, t.valid_to, t.contract_value, t.efficiency_percent, t.target,
                   t.include_social_care, t.activity_source, t.top_ups::text as top_ups, t.average_unit_cost,
                   t.planned_value, t.rounding_residual, t.created_at, t.created_by, t.updated_at, t.updated_by,
                   t.agreed_at, t.agreed_by, t.agreement_note, p.code as period_code, p.start_date as period_start,
                   p.end_date as period_end, r.method_version, r.include_social_care as run_social_care
              from tariff t join costing_run r on r.id = t.run_id join costing_period p on p.id = r.period_id
             where t.id = :id""";

    private static final String PRICES = """
            select code, unit_cost, rri, planned_units, flagged_units::text as flagged_units, priced_units, exact_price,
                   price, top_up_prices::text as top_up_prices, planned_value, components::text as components
              from tariff_price where tariff_id = :id order by code""";

    private static final String INSERT = """
            insert into tariff (id, provider_code, name, version, status, revision, run_id, unit, commissioner_code,
                                valid_from, valid_to, contract_value, efficiency_percent, include_social_care,
                                activity_source, top_ups, average_unit_cost, target, planned_value, rounding_residual,
                                created_at, created_by, updated_at, updated_by)
            values (:id, :p, :name, :version, :status, 1, :run, :unit, :comm, :from, :to, :value, :eff, :social, :source,
                    cast(:topups as jsonb), :avg, :target, :planned, :residual, now(), :by, now(), :by)""";

    private static final String UPDATE = """
            update tariff set revision = revision + 1, run_id = :run, unit = :unit, commissioner_code = :comm,
                   valid_from = :from, valid_to = :to, contract_value = :value, efficiency_percent = :eff,
                   include_social_care = :social, activity_source = :source, top_ups = cast(:topups as jsonb),
                   average_unit_cost = :avg, target = :target, planned_value = :planned, rounding_residual = :residual,
                   updated_at = now(), updated_by = :by
             where id = :id""";

    private static final String INSERT_PRICE = """
            insert into tariff_price (tariff_id, code, unit_cost, rri, planned_units, flagged_units, priced_units,
                                      exact_price, price, top_up_prices, planned_value, components)
            values (:id, :code, :cost, :rri, :units, cast(:flagged as jsonb), :priced, :exact, :price,
                    cast(:topups as jsonb), :value, cast(:components as jsonb))""";

    private static final String APPLICABLE = """
            select id from tariff
             where status = :agreed and provider_code = :p and (commissioner_code = :c or commissioner_code is null)
               and valid_from <= :on and valid_to >= :on
             order by commissioner_code is null, agreed_at desc, version desc limit 1""";

    private static final String COMPONENTS = """
            select a.code, case when a.admitted then 'Ward stay' else a.staff_group end as component,
                   sum(a.cost) as cost, sum(case when c.total = 0 then 0 else a.cost * c.apportioned / c.total end) as overhead
              from run_breakdown a
              join run_centre c on c.run_id = a.run_id and c.cost_centre_id = a.cost_centre_id
             where a.run_id = :id and a.code is not null group by 1, 2 order by 1, 2""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    public Optional<Stored> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(TARIFF, Tuple.class).setParameter("id", id).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(stored(rows.get(0)));
    }

    /** Locks the provider's tariff for a change; false when the provider has no such tariff. */
    public boolean lockOwn(UUID id, String provider) {
        return !em.createNativeQuery("select id from tariff where id = :id and provider_code = :p for update")
                .setParameter("id", id).setParameter("p", provider).getResultList().isEmpty();
    }

    /** Serialises proposals under one name, so two drafts of it cannot be made at once. */
    public void lockName(String provider, String name) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "tariff/" + provider + "/" + name).getSingleResult();
    }

    public boolean hasDraft(String provider, String name) {
        return ((Number) em.createNativeQuery("select count(*) from tariff where provider_code = :p and name = :n"
                + " and status = :draft").setParameter("p", provider).setParameter("n", name)
                .setParameter("draft", TariffStatus.DRAFT.name()).getSingleResult()).intValue() > 0;
    }

    public int nextVersion(String provider, String name) {
        return ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from tariff"
                + " where provider_code = :p and name = :n").setParameter("p", provider).setParameter("n", name)
                .getSingleResult()).intValue();
    }

    public void insertDraft(UUID id, String provider, String name, int version, String by, TariffCalculation.Computed c) {
        bind(em.createNativeQuery(INSERT).setParameter("id", id).setParameter("p", provider).setParameter("name", name)
                .setParameter("version", version).setParameter("status", TariffStatus.DRAFT.name()).setParameter("by", by), c)
                .executeUpdate();
        insertPrices(id, c);
    }

    public void revise(UUID id, String by, TariffCalculation.Computed c) {
        em.createNativeQuery("delete from tariff_price where tariff_id = :id").setParameter("id", id).executeUpdate();
        bind(em.createNativeQuery(UPDATE).setParameter("id", id).setParameter("by", by), c).executeUpdate();
        insertPrices(id, c);
    }

    public void agree(UUID id, String by, String note) {
        em.createNativeQuery("update tariff set status = :agreed, agreed_at = now(), agreed_by = :by,"
                + " agreement_note = :note where id = :id").setParameter("id", id)
                .setParameter("agreed", TariffStatus.AGREED.name()).setParameter("by", by).setParameter("note", note)
                .executeUpdate();
    }

    public void delete(UUID id) {
        em.createNativeQuery("delete from tariff where id = :id").setParameter("id", id).executeUpdate();
    }

    /**
     * A provider's tariffs, or those a commissioner may see (scoped to it, or agreed trust-wide),
     * latest change first, at most 100; optionally of one status.
     */
    public List<TariffViews.Summary> list(String org, boolean commissioner, TariffStatus status) {
        String where = commissioner ? "(commissioner_code = :org or (commissioner_code is null and status = :agreed))"
                : "provider_code = :org";
        Query query = em.createNativeQuery("select id, provider_code, name, version, status, unit, commissioner_code,"
                + " valid_from, valid_to, target, updated_at, agreed_at from tariff where " + where
                + (status == null ? "" : " and status = :status") + " order by updated_at desc, id limit 100", Tuple.class)
                .setParameter("org", org);
        if (commissioner) {
            query.setParameter("agreed", TariffStatus.AGREED.name());
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(r -> new TariffViews.Summary(r.get("id", UUID.class), r.get("provider_code", String.class),
                r.get("name", String.class), r.get("version", Number.class).intValue(), r.get("status", String.class),
                r.get("unit", String.class), r.get("commissioner_code") == null ? "TRUST" : "COMMISSIONER",
                r.get("commissioner_code", String.class), NativeRows.date(r.get("valid_from")),
                NativeRows.date(r.get("valid_to")), display(r.get("target", BigDecimal.class)),
                NativeRows.instant(r.get("updated_at")), NativeRows.instant(r.get("agreed_at")))).toList();
    }

    /** The agreed tariff pricing the provider's activity for the commissioner on the date: scoped first, then trust-wide. */
    public Optional<UUID> applicable(String provider, String commissioner, LocalDate on) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(APPLICABLE).setParameter("agreed", TariffStatus.AGREED.name())
                .setParameter("p", provider).setParameter("c", commissioner).setParameter("on", on).getResultList();
        return ids.stream().findFirst();
    }

    /**
     * Each code's cost by component: community care by staff group and ward stays, less the support
     * overhead they carry (their centre's apportioned share), which is a component of its own.
     */
    public Map<String, Map<String, BigDecimal>> components(RunViews.Run run) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(COMPONENTS, Tuple.class).setParameter("id", run.id()).getResultList();
        Map<String, Map<String, BigDecimal>> result = new HashMap<>();
        for (Tuple r : rows) {
            Map<String, BigDecimal> code = result.computeIfAbsent(r.get("code", String.class), k -> new LinkedHashMap<>());
            BigDecimal cost = r.get("cost", BigDecimal.class);
            BigDecimal overhead = r.get("overhead", BigDecimal.class);
            code.merge(r.get("component", String.class), cost.subtract(overhead), BigDecimal::add);
            code.merge(SUPPORT, overhead, BigDecimal::add);
        }
        return result;
    }

    private Query bind(Query query, TariffCalculation.Computed c) {
        return query.setParameter("run", c.run().id()).setParameter("unit", c.unit())
                .setParameter("comm", c.proposal().commissionerCode()).setParameter("from", c.proposal().validFrom())
                .setParameter("to", c.proposal().validTo()).setParameter("value", c.proposal().contractValue())
                .setParameter("eff", c.efficiency()).setParameter("social", c.includeSocialCare())
                .setParameter("source", c.activitySource()).setParameter("topups", write(c.topUps()))
                .setParameter("avg", c.priced().averageUnitCost()).setParameter("target", c.priced().target())
                .setParameter("planned", c.priced().plannedValue()).setParameter("residual", c.priced().roundingResidual());
    }

    private void insertPrices(UUID id, TariffCalculation.Computed c) {
        for (TariffPricing.CodePrice p : c.priced().codes()) {
            em.createNativeQuery(INSERT_PRICE).setParameter("id", id).setParameter("code", p.code())
                    .setParameter("cost", p.unitCost()).setParameter("rri", p.rri()).setParameter("units", p.plannedUnits())
                    .setParameter("flagged", write(c.flagged().getOrDefault(p.code(), Map.of())))
                    .setParameter("priced", p.pricedUnits()).setParameter("exact", p.exactPrice())
                    .setParameter("price", p.price()).setParameter("topups", write(p.topUpPrices()))
                    .setParameter("value", p.plannedValue()).setParameter("components", write(p.components().stream()
                            .map(x -> new TariffViews.Component(x.name(), x.amount())).toList()))
                    .executeUpdate();
        }
    }

    private Stored stored(Tuple t) {
        UUID id = t.get("id", UUID.class);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(PRICES, Tuple.class).setParameter("id", id).getResultList();
        List<TariffViews.Price> prices = rows.stream().map(p -> new TariffViews.Price(p.get("code", String.class),
                round(p.get("unit_cost", BigDecimal.class), 4), round(p.get("rri", BigDecimal.class), 4),
                p.get("planned_units", BigDecimal.class), amounts(p.get("flagged_units", String.class)),
                display(p.get("priced_units", BigDecimal.class)), round(p.get("exact_price", BigDecimal.class), 6),
                p.get("price", BigDecimal.class), amounts(p.get("top_up_prices", String.class)),
                display(p.get("planned_value", BigDecimal.class)),
                read(p.get("components", String.class), new TypeReference<List<TariffViews.Component>>() {
                }))).toList();
        TariffStatus status = TariffStatus.valueOf(t.get("status", String.class));
        int revision = t.get("revision", Number.class).intValue();
        String commissioner = t.get("commissioner_code", String.class);
        TariffViews.Tariff view = new TariffViews.Tariff(id, t.get("provider_code", String.class), t.get("name", String.class),
                t.get("version", Number.class).intValue(), status.name(), revision, PRICING_METHOD,
                new TariffViews.RunRef(t.get("run_id", UUID.class), new RunViews.PeriodRef(t.get("period_code", String.class),
                        NativeRows.date(t.get("period_start")), NativeRows.date(t.get("period_end"))),
                        t.get("method_version", String.class), t.get("run_social_care", Boolean.class)),
                t.get("unit", String.class), commissioner == null ? "TRUST" : "COMMISSIONER", commissioner,
                NativeRows.date(t.get("valid_from")), NativeRows.date(t.get("valid_to")),
                t.get("contract_value", BigDecimal.class), display(t.get("efficiency_percent", BigDecimal.class)),
                display(t.get("target", BigDecimal.class)), t.get("include_social_care", Boolean.class),
                t.get("activity_source", String.class),
                amounts(t.get("top_ups", String.class)).entrySet().stream()
                        .map(e -> new TariffViews.TopUp(e.getKey(), e.getValue())).toList(),
                round(t.get("average_unit_cost", BigDecimal.class), 4), display(t.get("planned_value", BigDecimal.class)),
                display(t.get("rounding_residual", BigDecimal.class)), prices,
                NativeRows.instant(t.get("created_at")), t.get("created_by", String.class),
                NativeRows.instant(t.get("updated_at")), t.get("updated_by", String.class),
                NativeRows.instant(t.get("agreed_at")), t.get("agreed_by", String.class),
                t.get("agreement_note", String.class));
        String etag = status == TariffStatus.AGREED ? "\"tariff-" + id + "-agreed\"" : "\"tariff-" + id + "-r" + revision + "\"";
        return new Stored(view, etag);
    }

    private static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP);
    }

    /** Exact values as they are, at least to the penny and without trailing zeros beyond it. */
    static BigDecimal display(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? value.setScale(2) : stripped;
    }

    private Map<String, BigDecimal> amounts(String text) {
        return read(text, new TypeReference<LinkedHashMap<String, BigDecimal>>() {
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tariff values are plain JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tariff JSON is unreadable", e);
        }
    }
}
