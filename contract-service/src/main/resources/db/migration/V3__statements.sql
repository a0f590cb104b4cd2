-- Statements: twelve monthly statements (payments on account) and the year end (month 13) per
-- contract. A draft may be recomputed; an issued statement, its lines and its units never change
-- (triggers refuse it): a correction is an adjustment line in a later statement.

create table statement (
    id                 uuid           primary key,
    contract_id        uuid           not null references contract (id),
    month              integer        not null check (month between 1 and 13),
    contract_version   integer        not null,
    status             text           not null check (status in ('DRAFT', 'ISSUED')),
    revision           integer        not null check (revision >= 1),
    rule_set           text           not null,
    -- what the statement was computed from, so that it can be reproduced: the clustering feed's
    -- position and when it was last read, and the tariff the version's prices came from
    feed_position      text,
    data_as_of         timestamptz,
    tariff_id          uuid,
    tariff_version     integer,
    as_of_date         date           not null,
    computed_at        timestamptz    not null,
    computed_by        text           not null,
    total              numeric(16,2)  not null,
    shadow_total       numeric(16,2)  not null,
    units_payable      integer        not null,
    units_queried      integer        not null,
    units_rejected     integer        not null,
    content_hash       text,
    issued_at          timestamptz,
    issued_by          text,
    unique (contract_id, month),
    check ((status = 'ISSUED') = (issued_at is not null and content_hash is not null))
);

create table statement_line (
    statement_id  uuid           not null references statement (id),
    line_no       integer        not null,
    kind          text           not null,
    for_month     integer        not null check (for_month between 1 and 13),
    code          text,
    quantity      numeric,
    price         numeric(16,2),
    rate          numeric,
    amount        numeric(16,2)  not null,
    shadow        boolean        not null,
    detail        text           not null,
    primary key (statement_id, line_no)
);

-- The units a statement paid or refused: those of its month, and those of earlier months whose
-- verdict or quantity changed since they were last stated (the adjustments' evidence).
create table statement_unit (
    statement_id  uuid           not null references statement (id),
    unit_key      text           not null,
    month         integer        not null,
    code          text           not null,
    quantity      numeric        not null,
    status        text           not null check (status in ('PAYABLE', 'QUERIED', 'REJECTED')),
    paid          boolean        not null,
    reasons       jsonb          not null,
    evidence      jsonb          not null,
    local_id      text,
    pseudonym     text,
    primary key (statement_id, unit_key)
);
create index statement_unit_status on statement_unit (statement_id, status);

create function statement_is_issued(id uuid) returns boolean
    language sql stable as
$$ select coalesce((select status = 'ISSUED' from statement s where s.id = statement_is_issued.id), false) $$;

create function refuse_change_to_issued_statement() returns trigger
    language plpgsql as
$$
begin
    if old.status = 'ISSUED' then
        raise exception 'an issued statement is immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create function refuse_change_to_issued_statement_rows() returns trigger
    language plpgsql as
$$
begin
    if statement_is_issued(case when tg_op = 'INSERT' then new.statement_id else old.statement_id end) then
        raise exception 'an issued statement''s % are immutable: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger statement_immutable_when_issued before update or delete on statement
    for each row execute function refuse_change_to_issued_statement();
create trigger statement_line_immutable_when_issued before insert or update or delete on statement_line
    for each row execute function refuse_change_to_issued_statement_rows();
create trigger statement_unit_immutable_when_issued before insert or update or delete on statement_unit
    for each row execute function refuse_change_to_issued_statement_rows();
