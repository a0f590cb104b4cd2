-- Writes from EPR systems may carry an Idempotency-Key: the first response is kept, per calling
-- organisation and key, and replayed for a retry; the same key with another request is refused.
create table idempotency_key (
    org_code        text        not null,
    key             text        not null,
    request_hash    text        not null,
    response_status int,
    response_body   jsonb,
    location        text,
    created_at      timestamptz not null default now(),
    primary key (org_code, key)
);
