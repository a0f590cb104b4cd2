-- Queries between the parties on billable units. The commissioner raises one on a unit; the
-- provider accepts it (the unit is reversed by an adjustment in the next statement) or contests it
-- with evidence; the commissioner then withdraws it or escalates it. Every step is kept, append-only.

create table unit_query (
    id                uuid        primary key,
    seq               bigint      generated always as identity unique,
    contract_id       uuid        not null references contract (id),
    -- the statement month the unit was raised from, and the unit
    month             integer     not null check (month between 1 and 13),
    unit_key          text        not null,
    unit_month        integer     not null check (unit_month between 1 and 12),
    code              text        not null,
    -- the rule that flagged the unit, when the query was raised on a rule's units
    rule              text,
    reason            text        not null,
    status            text        not null check (status in ('RAISED', 'ACCEPTED', 'CONTESTED', 'WITHDRAWN', 'ESCALATED')),
    revision          integer     not null check (revision >= 1),
    raised_at         timestamptz not null,
    raised_by         text        not null,
    updated_at        timestamptz not null
);
-- one query at a time per unit: a unit whose query was withdrawn or escalated may be raised again
create unique index unit_query_one_open on unit_query (contract_id, unit_key) where status in ('RAISED', 'CONTESTED', 'ACCEPTED');
create index unit_query_contract on unit_query (contract_id, status);

create table unit_query_step (
    query_id    uuid        not null references unit_query (id),
    step_no     integer     not null,
    action      text        not null check (action in ('RAISED', 'ACCEPTED', 'CONTESTED', 'WITHDRAWN', 'ESCALATED')),
    by_name     text        not null,
    by_org      text        not null,
    at          timestamptz not null,
    note        text,
    primary key (query_id, step_no)
);

create function unit_query_step_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'a query''s steps are append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger unit_query_step_no_update_or_delete before update or delete on unit_query_step
    for each row execute function unit_query_step_append_only();
