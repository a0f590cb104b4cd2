-- Care spells change when they end: a version for optimistic concurrency (ETag / If-Match).
alter table care_spell add column version int not null default 0;
