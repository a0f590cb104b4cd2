package org.openpbr.clustering.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.clustering.quality.rule.Agreement;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.disclosure.Pseudonyms;
import org.openpbr.platform.disclosure.SmallNumbers;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.persistence.NativeRows;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * The commissioner's confidence measures, per provider, team or clinician, computed by PostgreSQL
 * over the period. Providers see their own records; commissioners see only people for whom they are
 * the responsible commissioner, with small numbers (1-4) suppressed.
 */
@ApplicationScoped
public class QualityService {

    static final int EARLY_DAYS = 14;
    static final int PAIR_WINDOW_DAYS = 7;

    public enum GroupBy {
        PROVIDER, TEAM, CLINICIAN
    }

    /** Whose records, and how they are shown. */
    public record Scope(String orgCode, boolean commissioner, String providerFilter) {

        String where(String alias) {
            String own = commissioner ? alias + ".commissioner_code = :org" : alias + ".provider_code = :org";
            return providerFilter == null ? own : own + " and " + alias + ".provider_code = :provider";
        }

        void bind(Query query) {
            query.setParameter("org", orgCode);
            if (providerFilter != null) {
                query.setParameter("provider", providerFilter);
            }
        }
    }

    @Inject
    EntityManager em;

    @Inject
    SmallNumbers smallNumbers;

    @Inject
    Pseudonyms pseudonyms;

    /**
     * One page of the commissioner's population episodes in change order, each under the person's
     * pseudonym for that commissioner (never an identifier).
     */
    public QualityViews.PopulationPage population(String commissioner, PageRequest request, UriInfo uri) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select e.seq, p.nhs_number, p.provider_code, p.local_id, e.provider_code as episode_provider, e.code,
                       e.start_date, e.end_date, e.review_due, e.end_reason
                  from cluster_episode e join patient p on p.id = e.patient_id
                 where e.commissioner_code = :org and e.seq > :after
                 order by e.seq limit :rows""", Tuple.class)
                .setParameter("org", commissioner).setParameter("after", request.afterSequence())
                .setParameter("rows", request.fetchSize()).getResultList();
        Page<Tuple> page = Page.of(rows, request, row -> row.get("seq", Number.class).longValue(), uri);
        return new QualityViews.PopulationPage(page.items().stream().map(row -> new QualityViews.PopulationEpisode(
                pseudonyms.of(commissioner, Optional.ofNullable(row.get("nhs_number", String.class)),
                        row.get("provider_code", String.class), row.get("local_id", String.class)),
                row.get("episode_provider", String.class), row.get("code", String.class),
                NativeRows.date(row.get("start_date")), NativeRows.date(row.get("end_date")),
                NativeRows.date(row.get("review_due")), row.get("end_reason", String.class))).toList(), page.next());
    }

    /**
     * Whose records the caller sees: a provider its own; a commissioner the people it is responsible
     * for (optionally one provider's), with small numbers withheld.
     */
    public Scope scope(Caller caller, String provider) {
        String org = caller.requireOrgCode();
        OrgType type = caller.orgType().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Your token has no recognised org_type"));
        if (type == OrgType.COMMISSIONER) {
            return new Scope(org, true, provider == null || provider.isBlank() ? null : provider);
        }
        if (type.isProvider()) {
            return new Scope(org, false, null);
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Data quality is for providers and commissioners");
    }

    public QualityViews.Report report(Scope scope, LocalDate from, LocalDate to, GroupBy groupBy) {
        Map<String, Raw> groups = collect(scope, from, to, groupBy);
        Map<String, Raw> total = collect(scope, from, to, null);
        Raw all = total.getOrDefault("ALL", new Raw());
        int allAllocations = all.allocations;
        List<QualityViews.Group> views = new ArrayList<>();
        for (Map.Entry<String, Raw> entry : groups.entrySet()) {
            views.add(entry.getValue().view(entry.getKey(), allAllocations, disclosure(scope)));
        }
        return new QualityViews.Report(from, to, scope.commissioner() ? null : scope.orgCode(),
                scope.commissioner() ? scope.orgCode() : null, groupBy.name(), scope.commissioner(),
                all.view("ALL", allAllocations, disclosure(scope)), views);
    }

    /** Commissioners get the shared small-number rule; a provider sees its own counts exactly (null). */
    private SmallNumbers disclosure(Scope scope) {
        return scope.commissioner() ? smallNumbers : null;
    }

    /** Everything measured for one group, before suppression. */
    static final class Raw {
        int people;
        int withinReview;
        int variance;
        final Map<String, Integer> caseload = new TreeMap<>();
        int allocations;
        int overrides;
        final Map<String, Integer> reasons = new TreeMap<>();
        int graded;
        int meeting;
        int firsts;
        int early;
        final List<String[]> codePairs = new ArrayList<>();
        final Map<Scale, List<int[]>> scalePairs = new LinkedHashMap<>();

        QualityViews.Group view(String key, int allAllocations, SmallNumbers suppress) {
            Map<String, Double> scaleKappa = new LinkedHashMap<>();
            for (Scale scale : Scale.ALL) {
                OptionalDouble kappa = Agreement.weightedKappa(scalePairs.getOrDefault(scale, List.of()), Scale.MAX_RATING);
                if (kappa.isPresent()) {
                    scaleKappa.put(scale.id(), round(kappa.getAsDouble()));
                }
            }
            OptionalDouble codeKappa = Agreement.cohenKappa(codePairs);
            int pairs = codePairs.size();
            boolean pairsSuppressed = suppress != null && SmallNumbers.withheld(pairs);
            QualityViews.InterRater interRater = new QualityViews.InterRater(pairsSuppressed ? null : shown(pairs, suppress),
                    pairsSuppressed ? true : null,
                    pairsSuppressed || codeKappa.isEmpty() ? null : round(codeKappa.getAsDouble()),
                    pairsSuppressed || scaleKappa.isEmpty() ? null : scaleKappa);
            return new QualityViews.Group(key, measure(people, null, suppress),
                    measure(withinReview, people, suppress), measure(variance, people, suppress),
                    caseload.entrySet().stream().map(e -> suppress != null && SmallNumbers.withheld(e.getValue())
                            ? new QualityViews.CodeCount(e.getKey(), null, true)
                            : new QualityViews.CodeCount(e.getKey(), shown(e.getValue(), suppress), null)).toList(),
                    measure(allocations, allAllocations, suppress), measure(overrides, allocations, suppress),
                    reasons.entrySet().stream().map(e -> suppress != null && SmallNumbers.withheld(e.getValue())
                            ? new QualityViews.ReasonCount(e.getKey(), null, true)
                            : new QualityViews.ReasonCount(e.getKey(), shown(e.getValue(), suppress), null)).toList(),
                    measure(meeting, graded, suppress), measure(early, firsts, suppress), interRater);
        }
    }

    /** A count as shown: exact for a provider (no rule), otherwise through the shared rule (rounded if configured). */
    static Integer shown(int count, SmallNumbers rule) {
        return rule == null ? count : rule.shown(count);
    }

    /** A count and its share of a base; withheld with its share when either is a small number. */
    static QualityViews.Measure measure(int count, Integer of, SmallNumbers suppress) {
        boolean hidden = suppress != null && SmallNumbers.withheld(count, of == null ? 0 : of);
        if (hidden) {
            return new QualityViews.Measure(null, null, null, true);
        }
        Double share = of == null || of == 0 ? null : round((double) count / of);
        return new QualityViews.Measure(shown(count, suppress), of == null ? null : shown(of, suppress), share, null);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private Map<String, Raw> collect(Scope scope, LocalDate from, LocalDate to, GroupBy groupBy) {
        Map<String, Raw> raw = new TreeMap<>();
        // The grouping column for each table's alias (e: episode, a: allocation, x: assessment); a
        // constant for the total. Chosen from the enum only, never from the request's text.
        String episodeDim = dimension(groupBy, "e.provider_code", "e.team", "a.clinician");
        String allocationDim = dimension(groupBy, "a.provider_code", "a.team", "a.clinician");
        String assessmentDim = dimension(groupBy, "x.provider_code", "x.team", "x.rater");

        Query caseload = em.createNativeQuery("select " + episodeDim + ", e.code, count(distinct e.patient_id),"
                + " count(distinct e.patient_id) filter (where e.review_due >= :to),"
                + " count(distinct e.patient_id) filter (where e.code = sv.variance_code)"
                + " from cluster_episode e join allocation a on a.id = e.started_by"
                + " join scheme_version sv on sv.id = e.scheme_version_id"
                + " where " + scope.where("e") + " and e.start_date <= :to and (e.end_date is null or e.end_date >= :to)"
                + " group by 1, 2");
        scope.bind(caseload);
        for (Object row : caseload.setParameter("to", to).getResultList()) {
            Object[] r = (Object[]) row;
            Raw group = raw.computeIfAbsent((String) r[0], k -> new Raw());
            int people = ((Number) r[2]).intValue();
            group.caseload.merge((String) r[1], people, Integer::sum);
            group.people += people;
            group.withinReview += ((Number) r[3]).intValue();
            group.variance += ((Number) r[4]).intValue();
        }

        Query allocations = em.createNativeQuery("select " + allocationDim + ", a.override_reason, count(*),"
                + " count(*) filter (where a.chosen_meets_red_rules), count(a.chosen_meets_red_rules)"
                + " from allocation a where " + scope.where("a") + " and a.allocated_on between :from and :to"
                + " group by 1, 2");
        scope.bind(allocations);
        for (Object row : allocations.setParameter("from", from).setParameter("to", to).getResultList()) {
            Object[] r = (Object[]) row;
            Raw group = raw.computeIfAbsent((String) r[0], k -> new Raw());
            int count = ((Number) r[2]).intValue();
            group.allocations += count;
            if (r[1] != null) {
                group.overrides += count;
                group.reasons.merge((String) r[1], count, Integer::sum);
            }
            group.meeting += ((Number) r[3]).intValue();
            group.graded += ((Number) r[4]).intValue();
        }

        Query early = em.createNativeQuery("select dim, count(*), count(*) filter (where end_date is not null"
                + " and end_date <= start_date + " + EARLY_DAYS + ") from (select distinct on (e.patient_id, e.provider_code) "
                + episodeDim + " as dim, e.start_date, e.end_date from cluster_episode e"
                + " join allocation a on a.id = e.started_by where " + scope.where("e")
                + " order by e.patient_id, e.provider_code, e.start_date, e.seq) firsts"
                + " where start_date between :from and :to group by 1");
        scope.bind(early);
        for (Object row : early.setParameter("from", from).setParameter("to", to).getResultList()) {
            Object[] r = (Object[]) row;
            Raw group = raw.computeIfAbsent((String) r[0], k -> new Raw());
            group.firsts += ((Number) r[1]).intValue();
            group.early += ((Number) r[2]).intValue();
        }

        Query pairs = em.createNativeQuery("select " + assessmentDim + ", cast(x.ratings as text), cast(y.ratings as text),"
                + " coalesce(ax.chosen_code, x.suggested_code), coalesce(ay.chosen_code, y.suggested_code)"
                + " from assessment x join assessment y on y.patient_id = x.patient_id"
                + " and y.provider_code = x.provider_code and y.rater <> x.rater"
                + " and y.assessed_on between x.assessed_on and x.assessed_on + " + PAIR_WINDOW_DAYS
                + " and (y.assessed_on > x.assessed_on or y.seq > x.seq)"
                + " left join allocation ax on ax.assessment_id = x.id left join allocation ay on ay.assessment_id = y.id"
                + " where " + scope.where("x") + " and x.assessed_on between :from and :to"
                + " and x.reason <> 'DISCHARGE' and y.reason <> 'DISCHARGE'");
        scope.bind(pairs);
        for (Object row : pairs.setParameter("from", from).setParameter("to", to).getResultList()) {
            Object[] r = (Object[]) row;
            Raw group = raw.computeIfAbsent((String) r[0], k -> new Raw());
            int[] first = parseRatings((String) r[1]);
            int[] second = parseRatings((String) r[2]);
            for (Scale scale : Scale.ALL) {
                group.scalePairs.computeIfAbsent(scale, s -> new ArrayList<>())
                        .add(new int[] { first[scale.ordinal()], second[scale.ordinal()] });
            }
            if (r[3] != null && r[4] != null) {
                group.codePairs.add(new String[] { (String) r[3], (String) r[4] });
            }
        }
        return raw;
    }

    private static String dimension(GroupBy groupBy, String provider, String team, String clinician) {
        if (groupBy == null) {
            return "'ALL'";
        }
        return switch (groupBy) {
            case PROVIDER -> provider;
            case TEAM -> team;
            case CLINICIAN -> clinician;
        };
    }

    /** PostgreSQL's text form of a smallint array: {0,1,9,...}. */
    static int[] parseRatings(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].strip());
        }
        return values;
    }
}
