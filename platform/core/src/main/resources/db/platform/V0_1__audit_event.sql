-- Shared by every OpenPbR service (platform migrations run before a service's own, which start at V1).
-- Who changed what, when and why: one row per audited change, written in the same transaction
-- as the change itself. Append-only: corrections are new rows, never edits.
create table audit_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    actor_subject   text        not null,
    actor_org_code  text,
    action          text        not null,
    entity_type     text        not null,
    entity_id       text        not null,
    reason          text,
    details         jsonb       not null default '{}'::jsonb
);

create index audit_event_entity on audit_event (entity_type, entity_id, id);

create function audit_event_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
