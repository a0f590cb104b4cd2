-- Currency schemes are versioned reference data: a new currency is a data load, not a code change.
-- A published version never changes (triggers refuse edits); a correction is a new version.
create table scheme_version (
    id              bigint generated always as identity primary key,
    scheme          text        not null,
    version         text        not null,
    name            text        not null,
    effective_from  date        not null,
    effective_to    date,
    illustrative    boolean     not null,
    variance_code   text,
    -- SHA-256 of the definition as published, so re-publishing identical content is recognised
    fingerprint     text        not null,
    published_at    timestamptz not null default now(),
    published_by    text        not null,
    constraint scheme_version_key unique (scheme, version),
    constraint scheme_version_dates check (effective_to is null or effective_to >= effective_from)
);

create table scheme_code (
    scheme_version_id  bigint  not null references scheme_version (id),
    position           int     not null,
    code               text    not null,
    name               text    not null,
    super_class        text    not null,
    -- ISO-8601 period (P84D, P6M, P12M): months are calendar months, as the national rules count them
    max_review_period  text    not null,
    -- scale id -> five letters (M must, E expected, Y may, U unlikely) for ratings 0-4; null without a grid row
    profile            jsonb,
    primary key (scheme_version_id, code),
    constraint scheme_code_position unique (scheme_version_id, position)
);

create trigger scheme_version_immutable before update or delete on scheme_version
    for each row execute function refuse_change();
create trigger scheme_code_immutable before update or delete on scheme_code
    for each row execute function refuse_change();
