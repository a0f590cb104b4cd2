-- Patients, care spells, MHCT assessments, cluster allocations and cluster episodes, each owned by
-- one provider (the ODS code of the organisation that recorded it).

-- One sequence orders every change the feed publishes (assessments, allocations, episodes), so a
-- consumer can resume after the last change it saw. A row takes a new number whenever it changes.
create sequence change_seq;

create table patient (
    id             uuid        primary key,
    provider_code  text        not null,
    local_id       text        not null,
    -- validated by modulus 11; never written to logs, never shown to commissioners
    nhs_number     text,
    date_of_birth  date        not null,
    created_at     timestamptz not null default now(),
    constraint patient_local_id unique (provider_code, local_id)
);
create index patient_nhs_number on patient (provider_code, nhs_number);

create table care_spell (
    id                  uuid        primary key,
    patient_id          uuid        not null references patient (id),
    provider_code       text        not null,
    commissioner_code   text        not null,
    start_date          date        not null,
    end_date            date,
    source              text        not null,
    referring_org_code  text,
    created_at          timestamptz not null default now(),
    constraint care_spell_dates check (end_date is null or end_date >= start_date)
);
create index care_spell_patient on care_spell (patient_id);

create table assessment (
    id                  uuid        primary key,
    seq                 bigint      not null default nextval('change_seq') unique,
    patient_id          uuid        not null references patient (id),
    care_spell_id       uuid        not null references care_spell (id),
    provider_code       text        not null,
    commissioner_code   text        not null,
    assessed_on         date        not null,
    reason              text        not null,
    -- the 18 ratings in MHCT order (1-13, A-E): 0-4, or 9 for not known
    ratings             smallint[]  not null,
    problem_type        text,
    problem_type_text   text,
    rater               text        not null,
    team                text        not null,
    scheme_version_id   bigint      not null references scheme_version (id),
    -- decision support as computed when recorded (absent for discharge or a scheme without a grid)
    rule_version        text,
    suggestion_outcome  text,
    suggested_code      text,
    tied_codes          text[],
    recorded_at         timestamptz not null default now(),
    recorded_by         text        not null,
    constraint assessment_ratings check (array_length(ratings, 1) = 18
        and 0 <= all (ratings) and 9 >= all (ratings))
);
create index assessment_patient on assessment (patient_id, assessed_on);
create index assessment_provider on assessment (provider_code, assessed_on);

create table allocation (
    id                      uuid        primary key,
    seq                     bigint      not null default nextval('change_seq') unique,
    assessment_id           uuid        not null unique references assessment (id),
    patient_id              uuid        not null references patient (id),
    provider_code           text        not null,
    commissioner_code       text        not null,
    team                    text        not null,
    clinician               text        not null,
    allocated_on            date        not null,
    scheme_version_id       bigint      not null references scheme_version (id),
    rule_version            text,
    suggested_code          text,
    chosen_code             text        not null,
    -- whether the chosen code meets its red rules for the assessment's ratings; null without a grid row
    chosen_meets_red_rules  boolean,
    override_reason         text,
    override_text           text,
    recorded_at             timestamptz not null default now(),
    recorded_by             text        not null
);
create index allocation_provider on allocation (provider_code, allocated_on);

create table cluster_episode (
    id                  uuid        primary key,
    seq                 bigint      not null default nextval('change_seq') unique,
    patient_id          uuid        not null references patient (id),
    care_spell_id       uuid        not null references care_spell (id),
    provider_code       text        not null,
    commissioner_code   text        not null,
    team                text        not null,
    scheme_version_id   bigint      not null references scheme_version (id),
    code                text        not null,
    start_date          date        not null,
    end_date            date,
    review_due          date        not null,
    started_by          uuid        not null references allocation (id),
    -- RECLUSTERED (a new allocation) or DISCHARGED (a discharge assessment)
    end_reason          text,
    ended_by            uuid,
    version             int         not null default 0,
    constraint cluster_episode_dates check (end_date is null or end_date >= start_date)
);
-- At most one open episode per person and provider; episodes with two providers at once are allowed.
create unique index cluster_episode_open on cluster_episode (patient_id, provider_code) where end_date is null;
create index cluster_episode_provider on cluster_episode (provider_code, review_due) where end_date is null;
create index cluster_episode_patient on cluster_episode (patient_id, start_date);

-- An episode that changes (ends) takes a new change number, so the feed carries the change.
create function cluster_episode_renumber() returns trigger
    language plpgsql as
$$
begin
    new.seq := nextval('change_seq');
    return new;
end;
$$;

create trigger cluster_episode_renumber before update on cluster_episode
    for each row execute function cluster_episode_renumber();

-- Assessments and allocations are records of what was done and decided: never edited or deleted.
create trigger assessment_append_only before update or delete on assessment
    for each row execute function refuse_change();
create trigger allocation_append_only before update or delete on allocation
    for each row execute function refuse_change();
