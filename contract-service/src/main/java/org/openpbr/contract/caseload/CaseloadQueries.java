package org.openpbr.contract.caseload;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * All of the caseload feature's SQL. A feed page is stored in one statement per record kind: the
 * page's records travel as one JSON array, and a record's row is only ever replaced by a later change.
 */
@ApplicationScoped
public class CaseloadQueries {

    /** An episode change as stored. */
    public record FedEpisode(long seq, String localId, String pseudonym, ClusteringFeed.Episode episode) {
    }

    /** An allocation change as stored. */
    public record FedAllocation(long seq, String localId, String pseudonym, ClusteringFeed.Allocation allocation) {
    }

    private static final String EPISODES = """
            insert into fed_episode (id, change_seq, first_seq, provider_code, commissioner_code, team, patient_id,
                                     care_spell_id, local_id, pseudonym, code, start_date, end_date, review_due,
                                     end_reason, allocation_id, first_received_at, received_at, intake)
            select r.id, r.seq, r.seq, r.provider_code, r.commissioner_code, r.team, r.patient_id, r.care_spell_id,
                   r.local_id, r.pseudonym, r.code, r.start_date, r.end_date, r.review_due, r.end_reason,
                   r.allocation_id, now(), now(), :intake
              from jsonb_to_recordset(cast(:rows as jsonb)) as r(id uuid, seq bigint, provider_code text,
                   commissioner_code text, team text, patient_id uuid, care_spell_id uuid, local_id text,
                   pseudonym text, code text, start_date date, end_date date, review_due date, end_reason text,
                   allocation_id uuid)
            on conflict (id) do update set change_seq = excluded.change_seq, provider_code = excluded.provider_code,
                   commissioner_code = excluded.commissioner_code, team = excluded.team,
                   patient_id = excluded.patient_id, care_spell_id = excluded.care_spell_id,
                   local_id = excluded.local_id, pseudonym = excluded.pseudonym, code = excluded.code,
                   start_date = excluded.start_date, end_date = excluded.end_date, review_due = excluded.review_due,
                   end_reason = excluded.end_reason, allocation_id = excluded.allocation_id, received_at = now(),
                   intake = excluded.intake
             where excluded.change_seq > fed_episode.change_seq""";

    private static final String ALLOCATIONS = """
            insert into fed_allocation (id, change_seq, assessment_id, local_id, pseudonym, chosen_code, suggested_code,
                                        follows_suggestion, chosen_meets_red_rules, override_reason, allocated_on,
                                        assessed_on, scheme, scheme_version, recorded_at, received_at, intake)
            select r.id, r.seq, r.assessment_id, r.local_id, r.pseudonym, r.chosen_code, r.suggested_code,
                   r.follows_suggestion, r.chosen_meets_red_rules, r.override_reason, r.allocated_on, r.assessed_on,
                   r.scheme, r.scheme_version, r.recorded_at, now(), :intake
              from jsonb_to_recordset(cast(:rows as jsonb)) as r(id uuid, seq bigint, assessment_id uuid,
                   local_id text, pseudonym text, chosen_code text, suggested_code text, follows_suggestion boolean,
                   chosen_meets_red_rules boolean, override_reason text, allocated_on date, assessed_on date,
                   scheme text, scheme_version text, recorded_at timestamptz)
            on conflict (id) do update set change_seq = excluded.change_seq, chosen_code = excluded.chosen_code,
                   suggested_code = excluded.suggested_code, follows_suggestion = excluded.follows_suggestion,
                   chosen_meets_red_rules = excluded.chosen_meets_red_rules, override_reason = excluded.override_reason,
                   allocated_on = excluded.allocated_on, assessed_on = excluded.assessed_on, scheme = excluded.scheme,
                   scheme_version = excluded.scheme_version, recorded_at = excluded.recorded_at, received_at = now(),
                   intake = excluded.intake
             where excluded.change_seq > fed_allocation.change_seq""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * The next intake number, for the page being applied. The counter's row lock is held to the page's
     * commit, and a statement reads the counter with a share lock, so that no page lands while a
     * statement is judged and every row a statement saw has an intake at most the one it recorded.
     */
    public long nextIntake() {
        return ((Number) em.createNativeQuery("update caseload_intake set intake = intake + 1 returning intake")
                .getSingleResult()).longValue();
    }

    /** Stores episode changes (at most one per episode: the page's latest), stamped with the page's intake. */
    public int storeEpisodes(Collection<FedEpisode> episodes, long intake) {
        if (episodes.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> rows = episodes.stream().map(f -> {
            ClusteringFeed.Episode e = f.episode();
            Map<String, Object> row = new HashMap<>();
            row.put("id", e.id());
            row.put("seq", f.seq());
            row.put("provider_code", e.providerCode());
            row.put("commissioner_code", e.commissionerCode());
            row.put("team", e.team());
            row.put("patient_id", e.patientId());
            row.put("care_spell_id", e.careSpellId());
            row.put("local_id", f.localId());
            row.put("pseudonym", f.pseudonym());
            row.put("code", e.code());
            row.put("start_date", e.startDate());
            row.put("end_date", e.endDate());
            row.put("review_due", e.reviewDue());
            row.put("end_reason", e.endReason());
            row.put("allocation_id", e.allocationId());
            return row;
        }).toList();
        return em.createNativeQuery(EPISODES).setParameter("rows", write(rows)).setParameter("intake", intake)
                .executeUpdate();
    }

    /** Stores allocation changes (at most one per allocation: the page's latest), stamped with the page's intake. */
    public int storeAllocations(Collection<FedAllocation> allocations, long intake) {
        if (allocations.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> rows = allocations.stream().map(f -> {
            ClusteringFeed.Allocation a = f.allocation();
            Map<String, Object> row = new HashMap<>();
            row.put("id", a.id());
            row.put("seq", f.seq());
            row.put("assessment_id", a.assessmentId());
            row.put("local_id", f.localId());
            row.put("pseudonym", f.pseudonym());
            row.put("chosen_code", a.chosenCode());
            row.put("suggested_code", a.suggestedCode());
            row.put("follows_suggestion", a.followsSuggestion());
            row.put("chosen_meets_red_rules", a.chosenMeetsRedRules());
            row.put("override_reason", a.overrideReason());
            row.put("allocated_on", a.allocatedOn());
            row.put("assessed_on", a.assessedOn());
            row.put("scheme", a.scheme());
            row.put("scheme_version", a.schemeVersion());
            row.put("recorded_at", a.recordedAt());
            return row;
        }).toList();
        return em.createNativeQuery(ALLOCATIONS).setParameter("rows", write(rows)).setParameter("intake", intake)
                .executeUpdate();
    }

    /** Episodes held for an organisation, as provider or as commissioner. */
    public Row held(String org) {
        return Row.first(em.createNativeQuery("""
                select count(*) as episodes
                  from fed_episode where provider_code = :org or commissioner_code = :org""", Tuple.class)
                .setParameter("org", org)).orElseThrow();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
