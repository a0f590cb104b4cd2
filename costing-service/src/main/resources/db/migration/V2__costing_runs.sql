-- Costing runs: immutable records of one costing of one period's ledger and activity, with every
-- figure needed to check them. Inputs may change afterwards; a run keeps what it used (the
-- episodes' attributes, the centres' costs) and the fingerprint of the inputs it read.

create table costing_run (
    id                   uuid          primary key,
    provider_code        text          not null,
    period_id            bigint        not null references costing_period (id),
    method_version       text          not null,
    include_social_care  boolean       not null,
    fingerprint          text          not null,
    -- every ledger line of the period, then the social-care lines among them
    ledger_total         numeric(16,2) not null,
    social_care_total    numeric(16,2) not null,
    -- what the run costed: the ledger total less social care when it is excluded
    costed_total         numeric(16,2) not null,
    allocated            numeric(16,2) not null,
    not_clustered        numeric(16,2) not null,
    unallocated          numeric(16,2) not null,
    activity_rows        bigint        not null,
    episode_count        integer       not null,
    timings              jsonb         not null,
    started_at           timestamptz   not null,
    finished_at          timestamptz   not null,
    created_by           text          not null,
    constraint costing_run_reconciles check (allocated + not_clustered + unallocated = costed_total)
);
create index costing_run_period on costing_run (period_id, started_at);

create table run_centre (
    run_id              uuid          not null references costing_run (id) deferrable initially deferred,
    cost_centre_id      integer       not null,
    code                text          not null,
    name                text          not null,
    type                text          not null,
    direct              numeric(16,2) not null,
    social_care         numeric(16,2) not null,
    apportioned         numeric(16,2) not null,
    total               numeric(16,2) not null,
    activity_rows       bigint        not null,
    minutes             numeric       not null,
    bed_days            bigint        not null,
    allocated           numeric(16,2) not null,
    not_clustered       numeric(16,2) not null,
    unallocated         numeric(16,2) not null,
    unallocated_reason  text,
    primary key (run_id, cost_centre_id)
);

-- The episodes of the provider that overlap the period, as they were when the run read them.
create table run_episode (
    run_id             uuid          not null references costing_run (id) deferrable initially deferred,
    episode_id         bigint        not null,
    ref                text          not null,
    patient_id         text          not null,
    code               text          not null,
    team               text          not null,
    commissioner_code  text          not null,
    start_date         date          not null,
    end_date           date,
    review_due         date          not null,
    -- days of the episode inside the period, both ends included, and nights in a ward among them
    cluster_days       integer       not null,
    admitted_days      integer       not null,
    admitted_cost      numeric(16,2) not null,
    non_admitted_cost  numeric(16,2) not null,
    primary key (run_id, episode_id)
);
create index run_episode_code on run_episode (run_id, code);

-- Where each centre's pennies went: to an episode, or (episode_id null) to a person's activity
-- that no episode covers. One row per centre, episode or person, and staff group.
create table run_allocation (
    run_id          uuid          not null references costing_run (id) deferrable initially deferred,
    cost_centre_id  integer       not null,
    episode_id      bigint,
    patient_id      text          not null,
    staff_group     text          not null,
    admitted        boolean       not null,
    activity_rows   integer       not null,
    minutes         numeric       not null,
    bed_days        integer       not null,
    cost            numeric(16,2) not null
);
create index run_allocation_run on run_allocation (run_id, cost_centre_id);

create trigger costing_run_append_only before update or delete on costing_run
    for each row execute function refuse_change();
create trigger run_centre_append_only before update or delete on run_centre
    for each row execute function refuse_change();
create trigger run_episode_append_only before update or delete on run_episode
    for each row execute function refuse_change();
create trigger run_allocation_append_only before update or delete on run_allocation
    for each row execute function refuse_change();
