-- Quality achievement as the contract manager enters it, with its evidence, until outcomes-service
-- reports it. Append-only: a correction is a later entry, and the latest entry of a measure counts.
create table quality_achievement (
    seq          bigint         generated always as identity primary key,
    contract_id  uuid           not null references contract (id),
    measure_id   text           not null,
    achieved     numeric        not null,
    evidence     text           not null,
    entered_by   text           not null,
    entered_at   timestamptz    not null
);
create index quality_achievement_measure on quality_achievement (contract_id, measure_id, seq);

create function quality_achievement_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'quality achievement is append-only (enter a correction): % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger quality_achievement_no_update_or_delete before update or delete on quality_achievement
    for each row execute function quality_achievement_append_only();
