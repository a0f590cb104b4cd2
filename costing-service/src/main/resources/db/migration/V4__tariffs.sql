-- Local tariffs: cost-neutral prices proposed from a costing run. A draft may be recalculated
-- (with If-Match); once agreed, a tariff and its prices never change: a correction is a new
-- version of the same tariff name.

create table tariff (
    id                   uuid           primary key,
    provider_code        text           not null,
    name                 text           not null,
    version              integer        not null check (version >= 1),
    status               text           not null check (status in ('DRAFT', 'AGREED')),
    -- counts the draft's recalculations; part of the ETag
    revision             integer        not null check (revision >= 1),
    run_id               uuid           not null references costing_run (id),
    unit                 text           not null check (unit in ('CLUSTER_DAY', 'REVIEW_PERIOD')),
    commissioner_code    text,
    valid_from           date           not null,
    valid_to             date           not null check (valid_to >= valid_from),
    contract_value       numeric(16,2)  not null check (contract_value > 0),
    efficiency_percent   numeric(7,4)   not null check (efficiency_percent >= 0 and efficiency_percent < 100),
    include_social_care  boolean        not null,
    activity_source      text           not null check (activity_source in ('PLAN', 'RUN')),
    top_ups              jsonb          not null,
    average_unit_cost    numeric        not null,
    target               numeric        not null,
    planned_value        numeric        not null,
    rounding_residual    numeric        not null,
    created_at           timestamptz    not null,
    created_by           text           not null,
    updated_at           timestamptz    not null,
    updated_by           text           not null,
    agreed_at            timestamptz,
    agreed_by            text,
    agreement_note       text,
    unique (provider_code, name, version),
    check ((status = 'AGREED') = (agreed_at is not null))
);
-- at most one draft per tariff name
create unique index tariff_one_draft on tariff (provider_code, name) where status = 'DRAFT';
create index tariff_agreed on tariff (provider_code, valid_from) where status = 'AGREED';

create table tariff_price (
    tariff_id      uuid           not null references tariff (id) on delete cascade,
    code           text           not null,
    unit_cost      numeric        not null,
    rri            numeric        not null,
    planned_units  numeric(14,2)  not null,
    -- flagged units per top-up flag, and units with the top-ups' uplifts added
    flagged_units  jsonb          not null,
    priced_units   numeric        not null,
    exact_price    numeric        not null,
    price          numeric(16,2)  not null,
    top_up_prices  jsonb          not null,
    planned_value  numeric        not null,
    -- the price by component: [{"name": ..., "amount": ...}], adding up to the price
    components     jsonb          not null,
    primary key (tariff_id, code)
);

-- An agreed tariff and its prices are immutable; a draft may change or be withdrawn.
create function refuse_change_when_agreed() returns trigger
    language plpgsql as
$$
begin
    if tg_table_name = 'tariff' then
        if old.status = 'AGREED' then
            raise exception 'an agreed tariff is immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
        end if;
    elsif exists (select 1 from tariff where id = old.tariff_id and status = 'AGREED') then
        raise exception 'an agreed tariff''s prices are immutable: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger tariff_immutable_when_agreed before update or delete on tariff
    for each row execute function refuse_change_when_agreed();
create trigger tariff_price_immutable_when_agreed before update or delete on tariff_price
    for each row execute function refuse_change_when_agreed();
