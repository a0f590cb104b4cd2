package org.openpbr.contract.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** All of the contract feature's SQL; rows are read by column name. */
@ApplicationScoped
public class ContractQueries {

    /** A contract's fixed facts. */
    public record ContractRow(UUID id, long seq, String reference, String commissionerCode, String providerCode,
            String financialYear, LocalDate yearStart) {

        public LocalDate yearEnd() {
            return yearStart.plusYears(1).minusDays(1);
        }
    }

    /** One version as stored. */
    public record VersionRow(UUID id, UUID contractId, int version, ContractStatus status, int revision, String scheme,
            List<String> schemeVersions, List<String> teams, boolean shadow, ContractTerms.Terms terms, String reason,
            ContractViews.Signature created, ContractViews.Signature updated, ContractViews.Signature offered,
            ContractViews.Signature agreed) {

        public String etag() {
            return "\"contract-" + contractId + "-v" + version + "-r" + revision + "\"";
        }
    }

    /** A commissioner-set plan's signature. */
    public record PlanSetting(ContractViews.Signature set, String reason) {
    }

    private static final String CONTRACT = """
            select id, seq, reference, commissioner_code, provider_code, financial_year, year_start from contract""";

    private static final String VERSION = """
            select id, contract_id, version, status, revision, scheme, scheme_versions::text as scheme_versions,
                   teams::text as teams, shadow, terms::text as terms, reason, created_at, created_by, updated_at,
                   updated_by, offered_at, offered_by, offered_by_org, agreed_at, agreed_by, agreed_by_org
              from contract_version""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    public void insertContract(ContractRow c, String by) {
        em.createNativeQuery("""
                insert into contract (id, reference, commissioner_code, provider_code, financial_year, year_start,
                                      created_at, created_by)
                values (:id, :reference, :commissioner, :provider, :year, :start, now(), :by)""")
                .setParameter("id", c.id()).setParameter("reference", c.reference())
                .setParameter("commissioner", c.commissionerCode()).setParameter("provider", c.providerCode())
                .setParameter("year", c.financialYear()).setParameter("start", c.yearStart()).setParameter("by", by)
                .executeUpdate();
    }

    /** Serialises creation for a pair of parties, so two drafts cannot take the same reference. */
    public void lockParties(String commissioner, String provider) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('contract:' || :c || ':' || :p))")
                .setParameter("c", commissioner).setParameter("p", provider).getSingleResult();
    }

    public boolean referenceTaken(String commissioner, String provider, String reference) {
        return !em.createNativeQuery("""
                select 1 from contract where commissioner_code = :c and provider_code = :p and reference = :r""")
                .setParameter("c", commissioner).setParameter("p", provider).setParameter("r", reference)
                .getResultList().isEmpty();
    }

    public Optional<ContractRow> contract(UUID id) {
        return Row.first(em.createNativeQuery(CONTRACT + " where id = :id", Tuple.class).setParameter("id", id))
                .map(ContractQueries::contract);
    }

    /** Locks the contract for a change to its versions. */
    public Optional<ContractRow> lockContract(UUID id) {
        return Row.first(em.createNativeQuery(CONTRACT + " where id = :id for update", Tuple.class)
                .setParameter("id", id)).map(ContractQueries::contract);
    }

    /** The contracts an organisation is party to, in creation order, after a list position. */
    public List<ContractRow> contractsOf(String org, String financialYear, long afterSeq, int rows) {
        Query query = em.createNativeQuery(CONTRACT + "\n" + """
                 where (commissioner_code = :org or provider_code = :org)
                   and (cast(:year as text) is null or financial_year = cast(:year as text)) and seq > :after
                 order by seq limit :rows""", Tuple.class);
        return Row.all(query.setParameter("org", org).setParameter("year", financialYear).setParameter("after", afterSeq)
                .setParameter("rows", rows)).stream().map(ContractQueries::contract).toList();
    }

    public void insertVersion(VersionRow v) {
        em.createNativeQuery("""
                insert into contract_version (id, contract_id, version, status, revision, scheme, scheme_versions, teams,
                                              shadow, terms, reason, created_at, created_by, updated_at, updated_by)
                values (:id, :contract, :version, 'DRAFT', 1, :scheme, cast(:versions as jsonb), cast(:teams as jsonb),
                        :shadow, cast(:terms as jsonb), :reason, now(), :by, now(), :by)""")
                .setParameter("id", v.id()).setParameter("contract", v.contractId()).setParameter("version", v.version())
                .setParameter("scheme", v.scheme()).setParameter("versions", write(v.schemeVersions()))
                .setParameter("teams", v.teams() == null ? null : write(v.teams())).setParameter("shadow", v.shadow())
                .setParameter("terms", write(v.terms())).setParameter("reason", v.reason())
                .setParameter("by", v.created().by()).executeUpdate();
    }

    /** Replaces a draft's content; its revision moves on. */
    public void updateDraft(VersionRow v, String by) {
        em.createNativeQuery("""
                update contract_version set scheme = :scheme, scheme_versions = cast(:versions as jsonb),
                       teams = cast(:teams as jsonb), shadow = :shadow, terms = cast(:terms as jsonb), reason = :reason,
                       revision = revision + 1, updated_at = now(), updated_by = :by
                 where id = :id and status = 'DRAFT'""")
                .setParameter("id", v.id()).setParameter("scheme", v.scheme())
                .setParameter("versions", write(v.schemeVersions()))
                .setParameter("teams", v.teams() == null ? null : write(v.teams())).setParameter("shadow", v.shadow())
                .setParameter("terms", write(v.terms())).setParameter("reason", v.reason()).setParameter("by", by)
                .executeUpdate();
    }

    public void offer(UUID versionId, String by, String org) {
        em.createNativeQuery("""
                update contract_version set status = 'OFFERED', revision = revision + 1, updated_at = now(),
                       updated_by = :by, offered_at = now(), offered_by = :by, offered_by_org = :org
                 where id = :id and status = 'DRAFT'""")
                .setParameter("id", versionId).setParameter("by", by).setParameter("org", org).executeUpdate();
    }

    /** Back to a draft: the offer is withdrawn (by the party that made it) or declined (by the other). */
    public void returnToDraft(UUID versionId, String by) {
        em.createNativeQuery("""
                update contract_version set status = 'DRAFT', revision = revision + 1, updated_at = now(),
                       updated_by = :by, offered_at = null, offered_by = null, offered_by_org = null
                 where id = :id and status = 'OFFERED'""")
                .setParameter("id", versionId).setParameter("by", by).executeUpdate();
    }

    public void agree(UUID versionId, String by, String org) {
        em.createNativeQuery("""
                update contract_version set status = 'AGREED', revision = revision + 1, updated_at = now(),
                       updated_by = :by, agreed_at = now(), agreed_by = :by, agreed_by_org = :org
                 where id = :id and status = 'OFFERED'""")
                .setParameter("id", versionId).setParameter("by", by).setParameter("org", org).executeUpdate();
    }

    public List<VersionRow> versions(UUID contractId) {
        return Row.all(em.createNativeQuery(VERSION + " where contract_id = :c order by version", Tuple.class)
                .setParameter("c", contractId)).stream().map(this::version).toList();
    }

    public Optional<VersionRow> version(UUID contractId, int version) {
        return Row.first(em.createNativeQuery(VERSION + " where contract_id = :c and version = :v", Tuple.class)
                .setParameter("c", contractId).setParameter("v", version)).map(this::version);
    }

    public void replacePrices(UUID versionId, List<ContractViews.Price> prices) {
        em.createNativeQuery("delete from contract_price where contract_version_id = :id").setParameter("id", versionId)
                .executeUpdate();
        for (ContractViews.Price p : prices) {
            em.createNativeQuery("""
                    insert into contract_price (contract_version_id, code, price, rri, components)
                    values (:id, :code, :price, :rri, cast(:components as jsonb))""")
                    .setParameter("id", versionId).setParameter("code", p.code()).setParameter("price", p.price())
                    .setParameter("rri", p.rri()).setParameter("components", write(p.components())).executeUpdate();
        }
    }

    public List<ContractViews.Price> prices(UUID versionId) {
        return Row.all(em.createNativeQuery("""
                select code, price, rri, components::text as components from contract_price
                 where contract_version_id = :id order by code""", Tuple.class).setParameter("id", versionId)).stream()
                .map(r -> new ContractViews.Price(r.text("code"), r.decimal("price"), r.decimal("rri"),
                        read(r.text("components"), new TypeReference<List<ContractTerms.PriceComponent>>() {
                        })))
                .toList();
    }

    /** Replaces a draft's agreed-basis plan. */
    public void replacePlan(UUID versionId, List<ContractViews.PlanEntry> plan) {
        em.createNativeQuery("delete from plan_line where contract_version_id = :id").setParameter("id", versionId)
                .executeUpdate();
        insertPlan(versionId, plan, "AGREED");
    }

    /** Records a plan the commissioner set on an agreed version. */
    public void setPlan(UUID versionId, List<ContractViews.PlanEntry> plan, String by, String reason) {
        em.createNativeQuery("""
                insert into plan_setting (contract_version_id, set_at, set_by, reason) values (:id, now(), :by, :reason)""")
                .setParameter("id", versionId).setParameter("by", by).setParameter("reason", reason).executeUpdate();
        insertPlan(versionId, plan, "SET");
    }

    private void insertPlan(UUID versionId, List<ContractViews.PlanEntry> plan, String basis) {
        for (ContractViews.PlanEntry entry : plan) {
            em.createNativeQuery("""
                    insert into plan_line (contract_version_id, month, code, units, basis)
                    values (:id, :month, :code, :units, :basis)""")
                    .setParameter("id", versionId).setParameter("month", entry.month()).setParameter("code", entry.code())
                    .setParameter("units", entry.units()).setParameter("basis", basis).executeUpdate();
        }
    }

    /** The plan lines and their basis (AGREED or SET), in month and code order. */
    public List<Row> planLines(UUID versionId) {
        return Row.all(em.createNativeQuery("""
                select month, code, units, basis from plan_line where contract_version_id = :id order by month, code""",
                Tuple.class).setParameter("id", versionId));
    }

    public Optional<PlanSetting> planSetting(UUID versionId) {
        return Row.first(em.createNativeQuery("""
                select set_at, set_by, reason from plan_setting where contract_version_id = :id""", Tuple.class)
                .setParameter("id", versionId)).map(r -> new PlanSetting(
                        new ContractViews.Signature(r.text("set_by"), null, r.instant("set_at")), r.text("reason")));
    }

    private static ContractRow contract(Row r) {
        return new ContractRow(r.uuid("id"), r.whole("seq"), r.text("reference"), r.text("commissioner_code"), r.text("provider_code"),
                r.text("financial_year"), r.date("year_start"));
    }

    private VersionRow version(Row r) {
        String teams = r.text("teams");
        return new VersionRow(r.uuid("id"), r.uuid("contract_id"), r.integer("version"),
                ContractStatus.valueOf(r.text("status")), r.integer("revision"), r.text("scheme"),
                read(r.text("scheme_versions"), new TypeReference<List<String>>() {
                }), teams == null ? null : read(teams, new TypeReference<List<String>>() {
                }), r.flag("shadow"), read(r.text("terms"), new TypeReference<ContractTerms.Terms>() {
                }), r.text("reason"), signature(r, "created", false), signature(r, "updated", false),
                signature(r, "offered", true), signature(r, "agreed", true));
    }

    private static ContractViews.Signature signature(Row r, String step, boolean withOrg) {
        Instant at = r.instant(step + "_at");
        if (at == null) {
            return null;
        }
        return new ContractViews.Signature(r.text(step + "_by"), withOrg ? r.text(step + "_by_org") : null, at);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contract JSON is unreadable", e);
        }
    }
}
