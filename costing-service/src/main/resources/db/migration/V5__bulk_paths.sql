-- Bulk paths, tuned on the trust-year benchmark (docs/measurements.md, "costing-service at
-- trust-year scale").
--
-- Activity keys: a unique btree on a text key, maintained row by row, more than halved COPY's
-- throughput (2,008,545 contacts: 1.8 s without it, 5.0 s with it). The loader now checks the
-- period's keys in one set-based pass after COPY, inside the load's transaction and under an
-- advisory lock per period and kind, so no two loads can slip a repeated key past each other.
-- A BRIN index (a few pages) lets runs and withdrawals skip other periods' and uploads' rows,
-- which COPY appends in order.
drop index care_contact_key;
drop index bed_day_key;
drop index group_session_key;
create index care_contact_rows on care_contact using brin (period_id, upload_id);
create index bed_day_rows on bed_day using brin (period_id, upload_id);
create index group_session_rows on group_session using brin (period_id, upload_id);

-- A run's allocation and episode rows are written only by the costing method, in the same
-- transaction as their run, and the append-only triggers refuse to delete them: the deferred
-- foreign keys added nothing but a check per row at commit (476,160 allocation rows: 1.5 s).
alter table run_allocation drop constraint run_allocation_run_id_fkey;
alter table run_episode drop constraint run_episode_run_id_fkey;
