-- Care spells change when they end: a version for optimistic concurrency (ETag / If-Match).
alter table care_spell add column version int not null default 0;

comment on column cluster_episode.end_reason is
    'RECLUSTERED (a new allocation), DISCHARGED (a discharge assessment) or SPELL_ENDED (the care spell ended)';
