-- Personal health budgets: a person holding a budget for a code of a contract, for whole months.
-- A holder's units pay the provider the price less the budget; the budget is its own statement line.

create table personal_budget (
    id            uuid         primary key,
    contract_id   uuid         not null references contract (id),
    code          text         not null,
    -- the person as the recording party knows them: the provider's local id, or the commissioner's pseudonym
    local_id      text,
    pseudonym     text,
    from_date     date         not null,
    to_date       date         not null,
    note          text,
    recorded_by   text         not null,
    recorded_org  text         not null,
    recorded_at   timestamptz  not null,
    ended_by      text,
    ended_at      timestamptz,
    check ((local_id is null) <> (pseudonym is null)),
    check (to_date >= from_date)
);
create index personal_budget_contract on personal_budget (contract_id, code);

-- Nothing is deleted, and only the end may change: brought forward, with who and when.
create function refuse_change_to_personal_budget() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' or new.id <> old.id or new.contract_id <> old.contract_id or new.code <> old.code
            or new.local_id is distinct from old.local_id or new.pseudonym is distinct from old.pseudonym
            or new.from_date <> old.from_date or new.recorded_by <> old.recorded_by
            or new.recorded_org <> old.recorded_org or new.recorded_at <> old.recorded_at
            or new.to_date > old.to_date or new.ended_at is null then
        raise exception 'a personal budget is kept as recorded; only its end may be brought forward: % is not allowed', tg_op
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger personal_budget_kept before update or delete on personal_budget
    for each row execute function refuse_change_to_personal_budget();

-- What the budgets were paid on a statement, beside its total; and which budget held each unit.
alter table statement add column budget_total numeric(16,2) not null default 0;
alter table statement_unit add column budget_id uuid;
