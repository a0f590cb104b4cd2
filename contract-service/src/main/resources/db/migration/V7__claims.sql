-- Claims: a provider that invoices sends a claims file per month (person, code, dates). A file sent
-- again for the same month supersedes the one before, which is kept. Nothing here is edited or deleted.

create table claim_file (
    id             uuid         primary key,
    contract_id    uuid         not null references contract (id),
    period         integer      not null check (period between 1 and 12),
    lines          integer      not null,
    content_hash   text         not null,
    uploaded_by    text         not null,
    uploaded_org   text         not null,
    uploaded_at    timestamptz  not null,
    superseded_at  timestamptz
);
create unique index claim_file_current on claim_file (contract_id, period) where superseded_at is null;

create table claim (
    file_id    uuid     not null references claim_file (id),
    line       integer  not null,
    local_id   text     not null,
    code       text     not null,
    from_date  date     not null,
    to_date    date     not null,
    primary key (file_id, line),
    check (to_date >= from_date)
);

-- A file may only be marked superseded, once; its lines never change.
create function refuse_change_to_claim_file() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'UPDATE' and old.superseded_at is null and new.superseded_at is not null
            and (new.id, new.contract_id, new.period, new.lines, new.content_hash, new.uploaded_by, new.uploaded_org,
                 new.uploaded_at) = (old.id, old.contract_id, old.period, old.lines, old.content_hash, old.uploaded_by,
                 old.uploaded_org, old.uploaded_at) then
        return new;
    end if;
    raise exception 'claims are kept as sent: % on claim_file is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create function refuse_change_to_claim() returns trigger
    language plpgsql as
$$
begin
    raise exception 'claims are kept as sent: % on claim is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger claim_file_kept before update or delete on claim_file
    for each row execute function refuse_change_to_claim_file();
create trigger claim_kept before update or delete on claim
    for each row execute function refuse_change_to_claim();
