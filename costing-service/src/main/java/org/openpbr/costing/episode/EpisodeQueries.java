package org.openpbr.costing.episode;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.openpbr.platform.persistence.Row;

/** The episode feature's SQL: episodes from clustering-service's feed or from a provider's upload. */
@ApplicationScoped
public class EpisodeQueries {

    private static final String HAS_SOURCE = """
            select exists (select 1 from cluster_episode where provider_code = :p and source = :source)""";

    private static final String SAME_UPLOAD = """
            select id from upload
             where provider_code = :p and period_id is null and kind = 'EPISODES' and sha256 = :s
               and withdrawn_at is null""";

    private static final String INSERT_UPLOAD = """
            insert into upload (provider_code, kind, sha256, file_name, row_count, loaded_by, load_millis)
            values (:p, 'EPISODES', :s, :f, :n, :by, 0) returning id""";

    /**
     * One statement for the whole file: each column as an array, unnested into rows. xmax = 0 on a
     * returned row means it was inserted, otherwise updated; unchanged rows are not returned.
     */
    private static final String UPSERT_UPLOADED = """
            insert into cluster_episode (provider_code, source, ref, patient_id, code, start_date, end_date,
                                         review_due, commissioner_code, team, upload_id, pseudonym)
            select :p, 'UPLOAD', x.ref, x.patient, x.code, x.start_date, x.end_date, x.due, x.comm, x.team, :upload,
                   x.pseudonym
              from unnest(cast(:refs as text[]), cast(:patients as text[]), cast(:codes as text[]),
                          cast(:starts as date[]), cast(:ends as date[]), cast(:dues as date[]),
                          cast(:comms as text[]), cast(:teams as text[]), cast(:pseudonyms as text[]))
                   as x(ref, patient, code, start_date, end_date, due, comm, team, pseudonym)
            on conflict (provider_code, ref) do update
               set patient_id = excluded.patient_id, code = excluded.code, start_date = excluded.start_date,
                   end_date = excluded.end_date, review_due = excluded.review_due,
                   commissioner_code = excluded.commissioner_code, team = excluded.team,
                   upload_id = excluded.upload_id, pseudonym = excluded.pseudonym, updated_at = now()
             where (cluster_episode.patient_id, cluster_episode.code, cluster_episode.start_date,
                    cluster_episode.end_date, cluster_episode.review_due, cluster_episode.commissioner_code,
                    cluster_episode.team, cluster_episode.pseudonym)
                   is distinct from (excluded.patient_id, excluded.code, excluded.start_date, excluded.end_date,
                                     excluded.review_due, excluded.commissioner_code, excluded.team, excluded.pseudonym)
            returning xmax = 0 as inserted""";

    /** A join, not "= any (array)", which PostgreSQL would test element by element for every row. */
    private static final String STORED_OF_PEOPLE = """
            select e.ref, e.patient_id, e.start_date, e.end_date
              from cluster_episode e
              join (select distinct unnest(cast(:patients as text[])) as patient) f on f.patient = e.patient_id
             where e.provider_code = :p""";

    private static final String UPSERT_FED = """
            insert into cluster_episode (provider_code, source, ref, patient_id, code, start_date, end_date,
                                         review_due, commissioner_code, team, pseudonym)
            values (:provider, 'FEED', :ref, :patient, :code, :start, cast(:end as date), :review, :commissioner,
                    :team, :pseudonym)
            on conflict (provider_code, ref) do update
               set pseudonym = excluded.pseudonym, patient_id = excluded.patient_id, code = excluded.code,
                   start_date = excluded.start_date, end_date = excluded.end_date, review_due = excluded.review_due,
                   commissioner_code = excluded.commissioner_code, team = excluded.team, updated_at = now()
             where cluster_episode.source = 'FEED'""";

    private static final String FEED_COUNT = """
            select count(*) from cluster_episode where provider_code = :p and source = 'FEED'""";

    private static final String PAGE = """
            select id, ref, source, patient_id, code, start_date, end_date, review_due, commissioner_code, team
              from cluster_episode where provider_code = :p and id > :after
               and (cast(:patient as text) is null or patient_id = :patient) order by id limit :rows""";

    /** A file's episodes as PostgreSQL array literals, one per column, in the file's order. */
    public record Columns(String refs, String patients, String codes, String starts, String ends, String dues,
            String commissioners, String teams, String pseudonyms) {
    }

    /** A stored episode as the overlap check needs it. */
    public record Stored(String ref, String patientId, LocalDate start, LocalDate end) {
    }

    /** One fed episode. */
    public record Fed(String providerCode, String ref, String patientId, String code, LocalDate start, LocalDate end,
            LocalDate reviewDue, String commissionerCode, String team, String pseudonym) {
    }

    @Inject
    EntityManager em;

    /** Whether any of the provider's episodes came from this source (FEED or UPLOAD). */
    public boolean hasSource(String provider, String source) {
        return (Boolean) em.createNativeQuery(HAS_SOURCE).setParameter("p", provider).setParameter("source", source)
                .getSingleResult();
    }

    /** The provider's earlier upload of exactly this file, if it stands. */
    public Optional<Long> sameUpload(String provider, String sha256) {
        List<?> ids = em.createNativeQuery(SAME_UPLOAD).setParameter("p", provider).setParameter("s", sha256)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(((Number) ids.get(0)).longValue());
    }

    public long insertUpload(String provider, String sha256, String fileName, int rows, String by) {
        return ((Number) em.createNativeQuery(INSERT_UPLOAD).setParameter("p", provider).setParameter("s", sha256)
                .setParameter("f", fileName).setParameter("n", rows).setParameter("by", by).getSingleResult())
                .longValue();
    }

    /** Inserts or updates the file's episodes; one flag per changed row, true where it was inserted. */
    public List<Boolean> upsertUploaded(String provider, long uploadId, Columns c) {
        return Row.all(em.createNativeQuery(UPSERT_UPLOADED, Tuple.class).setParameter("p", provider)
                .setParameter("upload", uploadId).setParameter("refs", c.refs()).setParameter("patients", c.patients())
                .setParameter("codes", c.codes()).setParameter("starts", c.starts()).setParameter("ends", c.ends())
                .setParameter("dues", c.dues()).setParameter("comms", c.commissioners())
                .setParameter("teams", c.teams()).setParameter("pseudonyms", c.pseudonyms()))
                .stream().map(r -> r.flag("inserted")).toList();
    }

    /** The provider's stored episodes of the people named (an array literal of local ids). */
    public List<Stored> storedOf(String provider, String patients) {
        return Row.all(em.createNativeQuery(STORED_OF_PEOPLE, Tuple.class).setParameter("p", provider)
                .setParameter("patients", patients)).stream()
                .map(r -> new Stored(r.text("ref"), r.text("patient_id"), r.date("start_date"), r.date("end_date")))
                .toList();
    }

    /** Inserts or updates an episode from the feed; an uploaded episode of the same reference is left alone. */
    public void upsertFed(Fed e) {
        em.createNativeQuery(UPSERT_FED).setParameter("provider", e.providerCode()).setParameter("ref", e.ref())
                .setParameter("patient", e.patientId()).setParameter("code", e.code())
                .setParameter("start", e.start()).setParameter("end", e.end()).setParameter("review", e.reviewDue())
                .setParameter("commissioner", e.commissionerCode()).setParameter("team", e.team())
                .setParameter("pseudonym", e.pseudonym()).executeUpdate();
    }

    public long feedEpisodes(String provider) {
        return ((Number) em.createNativeQuery(FEED_COUNT).setParameter("p", provider).getSingleResult()).longValue();
    }

    public List<Row> page(String provider, String patientId, long after, int rows) {
        return Row.all(em.createNativeQuery(PAGE, Tuple.class).setParameter("p", provider).setParameter("after", after)
                .setParameter("patient", patientId).setParameter("rows", rows));
    }
}
