-- Contracts between one commissioner and one provider for one financial year. The terms live in
-- versions: a draft is edited (with If-Match), offered by one party and agreed when the other
-- countersigns. An agreed version, its prices and its plan never change (triggers refuse it); a
-- variation is a new version, agreed again.

create table contract (
    id                 uuid        primary key,
    -- the order contracts are listed (and paged) in
    seq                bigint      generated always as identity unique,
    -- the parties' own reference, e.g. 15N-RX1-2025-26; unique for the pair of parties
    reference          text        not null,
    commissioner_code  text        not null,
    provider_code      text        not null,
    -- e.g. 2025-26: months 1-12 run April to March, month 13 holds year-end adjustments
    financial_year     text        not null check (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    year_start         date        not null check (extract(month from year_start) = 4 and extract(day from year_start) = 1),
    created_at         timestamptz not null,
    created_by         text        not null,
    unique (commissioner_code, provider_code, reference),
    check (commissioner_code <> provider_code)
);
create index contract_provider on contract (provider_code, financial_year);
create index contract_commissioner on contract (commissioner_code, financial_year);

create table contract_version (
    id               uuid        primary key,
    contract_id      uuid        not null references contract (id),
    version          integer     not null check (version >= 1),
    status           text        not null check (status in ('DRAFT', 'OFFERED', 'AGREED')),
    -- counts the version's edits and state changes; part of its ETag
    revision         integer     not null check (revision >= 1),
    scheme           text        not null,
    scheme_versions  jsonb       not null check (jsonb_typeof(scheme_versions) = 'array' and jsonb_array_length(scheme_versions) >= 1),
    -- the teams or services covered; null covers all of the provider's
    teams            jsonb       check (jsonb_typeof(teams) = 'array'),
    shadow           boolean     not null,
    -- the typed components (fixed, activity, quality, risk share, validation, personal budgets),
    -- validated by the service before they are stored
    terms            jsonb       not null,
    -- why this version exists (a variation's reason)
    reason           text,
    created_at       timestamptz not null,
    created_by       text        not null,
    updated_at       timestamptz not null,
    updated_by       text        not null,
    offered_at       timestamptz,
    offered_by       text,
    offered_by_org   text,
    agreed_at        timestamptz,
    agreed_by        text,
    agreed_by_org    text,
    unique (contract_id, version),
    check ((status in ('OFFERED', 'AGREED')) = (offered_at is not null and offered_by is not null and offered_by_org is not null)),
    check ((status = 'AGREED') = (agreed_at is not null and agreed_by is not null and agreed_by_org is not null)),
    -- the countersignature is the other party's
    check (agreed_by_org is null or agreed_by_org <> offered_by_org)
);
-- at most one version of a contract is being negotiated at a time
create unique index contract_version_one_open on contract_version (contract_id) where status <> 'AGREED';

-- The price of each code under a version, from the agreed costing tariff it names or from the
-- contract's own price list, with the price's components (for personal budgets).
create table contract_price (
    contract_version_id  uuid           not null references contract_version (id) on delete cascade,
    code                 text           not null,
    price                numeric(16,2)  not null check (price >= 0),
    -- relative resource intensity, for capitation weighted by need
    rri                  numeric(12,4),
    -- [{"name": ..., "amount": ...}] adding up to the price; empty when the price is not unbundled
    components           jsonb          not null,
    primary key (contract_version_id, code)
);

-- Planned units per month and code. AGREED lines are part of their version; SET lines were set by
-- the commissioner on an agreed version that had no agreed plan 3 months after the year began.
create table plan_line (
    contract_version_id  uuid           not null references contract_version (id) on delete cascade,
    month                integer        not null check (month between 1 and 12),
    code                 text           not null,
    units                numeric(14,2)  not null check (units >= 0),
    basis                text           not null check (basis in ('AGREED', 'SET')),
    primary key (contract_version_id, month, code)
);

create table plan_setting (
    contract_version_id  uuid        primary key references contract_version (id),
    set_at               timestamptz not null,
    set_by               text        not null,
    reason               text        not null
);

create function version_is_agreed(version_id uuid) returns boolean
    language sql stable as
$$ select coalesce((select status = 'AGREED' from contract_version where id = version_id), false) $$;

create function refuse_change_to_agreed_version() returns trigger
    language plpgsql as
$$
begin
    if old.status = 'AGREED' then
        raise exception 'an agreed contract version is immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create function refuse_change_to_agreed_prices() returns trigger
    language plpgsql as
$$
begin
    if version_is_agreed(case when tg_op = 'INSERT' then new.contract_version_id else old.contract_version_id end) then
        raise exception 'an agreed contract version''s prices are immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

-- Agreed plan lines change only with their draft. Set lines are written once, on an agreed version
-- without agreed lines, and never change.
create function refuse_change_to_agreed_plan() returns trigger
    language plpgsql as
$$
declare
    version_id uuid := case when tg_op = 'INSERT' then new.contract_version_id else old.contract_version_id end;
    line_basis text := case when tg_op = 'INSERT' then new.basis else old.basis end;
begin
    if tg_op = 'INSERT' and line_basis = 'SET' then
        if not version_is_agreed(version_id)
                or exists (select 1 from plan_line where contract_version_id = version_id and basis = 'AGREED') then
            raise exception 'a plan is set only on an agreed version without an agreed plan' using errcode = 'insufficient_privilege';
        end if;
        return new;
    end if;
    if line_basis = 'SET' or version_is_agreed(version_id) then
        raise exception 'an agreed contract version''s plan is immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create function refuse_change_to_plan_setting() returns trigger
    language plpgsql as
$$
begin
    raise exception 'a set plan is immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger contract_version_immutable_when_agreed before update or delete on contract_version
    for each row execute function refuse_change_to_agreed_version();
create trigger contract_price_immutable_when_agreed before insert or update or delete on contract_price
    for each row execute function refuse_change_to_agreed_prices();
create trigger plan_line_immutable_when_agreed before insert or update or delete on plan_line
    for each row execute function refuse_change_to_agreed_plan();
create trigger plan_setting_immutable before update or delete on plan_setting
    for each row execute function refuse_change_to_plan_setting();

create table feed_position (
    feed          text        primary key,
    resume_after  text        not null,
    updated_at    timestamptz
);
