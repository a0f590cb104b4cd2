-- What a provider's costing team loads: costing periods, cost centres, the period's ledger, the
-- period's activity (in bulk) and the cluster episodes the activity is attributed to. Everything
-- belongs to one provider (the ODS code of the organisation that loaded it).

create table costing_period (
    id             bigint      generated always as identity primary key,
    provider_code  text        not null,
    code           text        not null,
    start_date     date        not null,
    end_date       date        not null,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    constraint costing_period_code unique (provider_code, code),
    constraint costing_period_dates check (end_date >= start_date)
);

create table cost_centre (
    id             integer     generated always as identity primary key,
    provider_code  text        not null,
    code           text        not null,
    name           text        not null,
    -- INPATIENT_WARD, COMMUNITY_TEAM or SUPPORT (overhead)
    type           text        not null,
    updated_at     timestamptz not null default now(),
    constraint cost_centre_code unique (provider_code, code),
    constraint cost_centre_type check (type in ('INPATIENT_WARD', 'COMMUNITY_TEAM', 'SUPPORT'))
);

-- One accepted file. The same file (by SHA-256) is never loaded twice into the same place while it
-- is in force.
create table upload (
    id             bigint      generated always as identity primary key,
    provider_code  text        not null,
    -- null for episode files, which are not tied to a period
    period_id      bigint      references costing_period (id),
    -- LEDGER, CONTACTS, BED_DAYS, GROUP_SESSIONS or EPISODES
    kind           text        not null,
    sha256         text        not null,
    file_name      text,
    row_count      bigint      not null,
    loaded_at      timestamptz not null default now(),
    loaded_by      text        not null,
    load_millis    bigint      not null,
    -- set when a newer ledger replaced it or its owner withdrew it; its rows are gone, the record stays
    withdrawn_at   timestamptz,
    withdrawn_by   text
);
create unique index upload_same_file on upload (provider_code, coalesce(period_id, 0), kind, sha256)
    where withdrawn_at is null;

-- The period's ledger: one row per cost centre, expense type and social-care flag (a trial
-- balance). A new ledger file replaces the period's ledger as a whole.
create table ledger_line (
    period_id       bigint        not null references costing_period (id),
    upload_id       bigint        not null references upload (id),
    line_no         integer       not null,
    cost_centre_id  integer       not null references cost_centre (id),
    expense_type    text          not null,
    amount          numeric(16,2) not null,
    social_care     boolean       not null,
    constraint ledger_line_key unique (period_id, cost_centre_id, expense_type, social_care)
);

-- Activity tables take millions of rows a year; they are loaded by COPY after the file has been
-- checked, so they carry no foreign keys (the loader checks cost centres) and only the unique
-- keys that stop the same activity being loaded twice.
create table care_contact (
    period_id       bigint   not null,
    upload_id       bigint   not null,
    contact_id      text     not null,
    patient_id      text     not null,
    contact_date    date     not null,
    cost_centre_id  integer  not null,
    staff_group     text     not null,
    minutes         integer  not null
);
create unique index care_contact_key on care_contact (period_id, contact_id);

create table bed_day (
    period_id       bigint   not null,
    upload_id       bigint   not null,
    patient_id      text     not null,
    bed_date        date     not null,
    cost_centre_id  integer  not null
);
-- Occupied bed days are counted at the midnight census: one bed per person per night.
create unique index bed_day_key on bed_day (period_id, patient_id, bed_date);

create table group_session (
    period_id       bigint   not null,
    upload_id       bigint   not null,
    session_id      text     not null,
    session_date    date     not null,
    cost_centre_id  integer  not null,
    staff_group     text     not null,
    minutes         integer  not null,
    attendees       text[]   not null
);
create unique index group_session_key on group_session (period_id, session_id);

-- Cluster episodes as costing sees them: from clustering-service's feed (source FEED, ref = the
-- episode's id there) or from a provider's upload (source UPLOAD, ref = the provider's id).
create table cluster_episode (
    id                 bigint      generated always as identity primary key,
    provider_code      text        not null,
    source             text        not null,
    ref                text        not null,
    patient_id         text        not null,
    code               text        not null,
    start_date         date        not null,
    end_date           date,
    review_due         date        not null,
    commissioner_code  text        not null,
    team               text        not null,
    upload_id          bigint      references upload (id),
    updated_at         timestamptz not null default now(),
    constraint cluster_episode_ref unique (provider_code, ref),
    constraint cluster_episode_source check (source in ('FEED', 'UPLOAD')),
    constraint cluster_episode_dates check (end_date is null or end_date >= start_date)
);
create index cluster_episode_patient on cluster_episode (provider_code, patient_id, start_date);

-- Where the pull from clustering-service's feed has got to.
create table feed_position (
    feed           text        primary key,
    resume_after   text        not null,
    updated_at     timestamptz not null default now()
);
