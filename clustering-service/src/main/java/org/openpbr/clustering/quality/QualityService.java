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
import jakarta.persistence.Query;
import jakarta.ws.rs.core.UriInfo;

import org.openpbr.clustering.quality.rule.Agreement;
import org.openpbr.clustering.scheme.Scale;
import org.openpbr.platform.caller.Caller;
import org.openpbr.platform.caller.OrgType;
import org.openpbr.platform.disclosure.Pseudonyms;
import org.openpbr.platform.disclosure.SmallNumbers;
import org.openpbr.platform.paging.Page;
import org.openpbr.platform.paging.PageRequest;
import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;
import org.openpbr.platform.validation.DateRanges;

/**
 * The commissioner's confidence measures, per provider, team or clinician, computed by PostgreSQL
 * over the period. Providers see their own records; commissioners see only people for whom they are
 * the responsible commissioner, with small numbers (1-4) suppressed.
 */
@ApplicationScoped
public class QualityService {

    /** The longest reporting period: two years. */
    static final int MAX_PERIOD_DAYS = 731;
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
    QualityQueries queries;

    @Inject
    SmallNumbers smallNumbers;

    @Inject
    Pseudonyms pseudonyms;

    /**
     * One page of the commissioner's population episodes in change order, each under the person's
     * pseudonym for that commissioner (never an identifier).
     */
    public QualityViews.PopulationPage population(String commissioner, QualityQueries.PopulationFilter filter,
            PageRequest request, UriInfo uri) {
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw ProblemException.invalid(List.of(new FieldError("to", "must be on or after from")));
        }
        Page<QualityQueries.PopulationRow> page = Page.of(queries.population(commissioner, filter,
                request.afterSequence(), request.fetchSize()), request, QualityQueries.PopulationRow::seq, uri);
        return new QualityViews.PopulationPage(page.items().stream().map(row -> new QualityViews.PopulationEpisode(
                pseudonyms.of(commissioner, Optional.ofNullable(row.nhsNumber()), row.patientProvider(), row.localId()),
                row.episodeProvider(), row.code(), row.team(), row.startDate(), row.endDate(), row.reviewDue(),
                row.endReason()))
                .toList(), page.next());
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

    /**
     * The report for the caller's scope over the period: a provider by team (default) or clinician; a
     * commissioner by provider (default) or team, never by clinician, and optionally one provider's.
     */
    public QualityViews.Report report(Caller caller, LocalDate from, LocalDate to, GroupBy requested,
            String provider) {
        DateRanges.require(from, to, MAX_PERIOD_DAYS);
        Scope scope = scope(caller, provider);
        if (!scope.commissioner() && provider != null && !provider.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("provider",
                    "is for commissioners; a provider sees its own records")));
        }
        GroupBy by = requested != null ? requested : scope.commissioner() ? GroupBy.PROVIDER : GroupBy.TEAM;
        if (scope.commissioner() && by == GroupBy.CLINICIAN) {
            throw ProblemException.invalid(List.of(new FieldError("groupBy",
                    "commissioners see providers and teams, not individual clinicians")));
        }
        return report(scope, from, to, by);
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
        final Map<String, Integer> caseloadWithinReview = new TreeMap<>();
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
                            ? new QualityViews.CodeCount(e.getKey(), null, true, null)
                            : new QualityViews.CodeCount(e.getKey(), shown(e.getValue(), suppress), null,
                                    measure(caseloadWithinReview.getOrDefault(e.getKey(), 0), e.getValue(), suppress)))
                            .toList(),
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

        for (QualityQueries.Caseload r : queries.caseload(scope, episodeDim, to)) {
            Raw group = raw.computeIfAbsent(r.dim(), k -> new Raw());
            group.caseload.merge(r.code(), r.people(), Integer::sum);
            group.caseloadWithinReview.merge(r.code(), r.withinReview(), Integer::sum);
            group.people += r.people();
            group.withinReview += r.withinReview();
            group.variance += r.inVariance();
        }
        for (QualityQueries.Allocations r : queries.allocations(scope, allocationDim, from, to)) {
            Raw group = raw.computeIfAbsent(r.dim(), k -> new Raw());
            group.allocations += r.allocations();
            if (r.overrideReason() != null) {
                group.overrides += r.allocations();
                group.reasons.merge(r.overrideReason(), r.allocations(), Integer::sum);
            }
            group.meeting += r.meeting();
            group.graded += r.graded();
        }
        for (QualityQueries.FirstEpisodes r : queries.firstEpisodes(scope, episodeDim, from, to, EARLY_DAYS)) {
            Raw group = raw.computeIfAbsent(r.dim(), k -> new Raw());
            group.firsts += r.firsts();
            group.early += r.early();
        }
        for (QualityQueries.RatingPair r : queries.ratingPairs(scope, assessmentDim, from, to, PAIR_WINDOW_DAYS)) {
            Raw group = raw.computeIfAbsent(r.dim(), k -> new Raw());
            int[] first = parseRatings(r.firstRatings());
            int[] second = parseRatings(r.secondRatings());
            for (Scale scale : Scale.ALL) {
                group.scalePairs.computeIfAbsent(scale, s -> new ArrayList<>())
                        .add(new int[] { first[scale.ordinal()], second[scale.ordinal()] });
            }
            if (r.firstCode() != null && r.secondCode() != null) {
                group.codePairs.add(new String[] { r.firstCode(), r.secondCode() });
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
