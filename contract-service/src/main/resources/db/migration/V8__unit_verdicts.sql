-- Statements judge only what changed. Each feed page applied gets the next intake number, and
-- the rows it wrote carry it; a statement records the intake it saw. The next statement
-- re-judges the episodes changed since then, and judges only the new month's units of the rest.
-- unit_verdict keeps each unit's verdict as the issued statements last stated it, so that a
-- statement no longer re-reads every statement before it.

create table caseload_intake (
    only_row  boolean  primary key default true check (only_row),
    intake    bigint   not null
);
insert into caseload_intake (intake) values (0);

alter table fed_episode add column intake bigint not null default 0;
alter table fed_allocation add column intake bigint not null default 0;
create index fed_episode_intake on fed_episode (intake);
create index fed_allocation_intake on fed_allocation (intake);
create index fed_episode_allocation on fed_episode (allocation_id);

-- What a statement was judged against, beyond the feed position: the intake it saw, and the
-- providers whose agreed contracts with the commissioner PV05 compared against.
alter table statement add column caseload_intake bigint;
alter table statement add column pv05_providers text[];

-- Units an issued statement found no longer belong to the contract (their episode moved to another
-- commissioner, or out of the year): the adjustments' evidence of what was taken back.
create table statement_withdrawn_unit (
    statement_id  uuid     not null references statement (id),
    unit_key      text     not null,
    month         integer  not null,
    code          text     not null,
    quantity      numeric  not null,
    paid          boolean  not null,
    primary key (statement_id, unit_key)
);

-- Rows added to an issued statement are refused once per SQL statement rather than once per row: a
-- statement writes its units in one COPY, and a check per row cost about a third of it.
create function refuse_rows_added_to_issued_statement() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1 from added a join statement s on s.id = a.statement_id where s.status = 'ISSUED') then
        raise exception 'an issued statement''s % are immutable: INSERT is not allowed', tg_table_name using errcode = 'insufficient_privilege';
    end if;
    return null;
end;
$$;

drop trigger statement_unit_immutable_when_issued on statement_unit;
create trigger statement_unit_immutable_when_issued before update or delete on statement_unit
    for each row execute function refuse_change_to_issued_statement_rows();
create trigger statement_unit_added_to_issued after insert on statement_unit
    referencing new table as added for each statement execute function refuse_rows_added_to_issued_statement();
create trigger statement_withdrawn_unit_immutable_when_issued before update or delete on statement_withdrawn_unit
    for each row execute function refuse_change_to_issued_statement_rows();
create trigger statement_withdrawn_unit_added_to_issued after insert on statement_withdrawn_unit
    referencing new table as added for each statement execute function refuse_rows_added_to_issued_statement();

-- The units page reads a statement's units in key order (the primary key), a status filter on the way.
drop index statement_unit_status;

-- Derived, and rebuilt on each issue from the statement's units: the latest issued verdict per unit.
create table unit_verdict (
    contract_id  uuid     not null references contract (id),
    unit_key     text     not null,
    person       text     not null,
    episode_id   text,
    month        integer  not null,
    code         text     not null,
    quantity     numeric  not null,
    status       text     not null,
    paid         boolean  not null,
    budget_id    uuid,
    primary key (contract_id, unit_key)
);
create index unit_verdict_episode on unit_verdict (contract_id, episode_id);

insert into unit_verdict (contract_id, unit_key, person, episode_id, month, code, quantity, status, paid, budget_id)
select distinct on (s.contract_id, u.unit_key) s.contract_id, u.unit_key,
       coalesce(u.pseudonym, 'L:' || coalesce(u.local_id, '')), u.evidence ->> 'episodeId', u.month, u.code, u.quantity,
       u.status, u.paid, u.budget_id
  from statement_unit u join statement s on s.id = u.statement_id
 where s.status = 'ISSUED'
 order by s.contract_id, u.unit_key, s.month desc;
