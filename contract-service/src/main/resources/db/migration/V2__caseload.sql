-- What payment validation works on: clustering-service's cluster episodes and allocations, as its
-- change feed serves them (pulled with contract-service's service account). Each row holds the
-- latest change read for its record; a change is never applied over a later one.

create table fed_episode (
    id                 uuid        primary key,
    -- clustering's change number of the state held, and of the first state read
    change_seq         bigint      not null,
    first_seq          bigint      not null,
    provider_code      text        not null,
    commissioner_code  text        not null,
    team               text        not null,
    patient_id         uuid        not null,
    care_spell_id      uuid        not null,
    -- the provider's local id of the person (for the provider's views) and the commissioner's
    -- pseudonym (the same across providers when the NHS number is known)
    local_id           text        not null,
    pseudonym          text        not null,
    code               text        not null,
    start_date         date        not null,
    end_date           date,
    review_due         date        not null,
    end_reason         text,
    allocation_id      uuid,
    first_received_at  timestamptz not null,
    received_at        timestamptz not null,
    check (end_date is null or end_date >= start_date)
);
create index fed_episode_parties on fed_episode (commissioner_code, provider_code, start_date);
create index fed_episode_person on fed_episode (commissioner_code, pseudonym);

create table fed_allocation (
    id                      uuid        primary key,
    change_seq              bigint      not null,
    assessment_id           uuid        not null,
    local_id                text        not null,
    pseudonym               text        not null,
    chosen_code             text        not null,
    suggested_code          text,
    follows_suggestion      boolean     not null,
    chosen_meets_red_rules  boolean,
    override_reason         text,
    allocated_on            date        not null,
    assessed_on             date,
    scheme                  text,
    scheme_version          text        not null,
    recorded_at             timestamptz not null,
    received_at             timestamptz not null
);
