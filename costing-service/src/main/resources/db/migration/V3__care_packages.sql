-- Care packages: per provider and code, what care the code is meant to receive. Each change is a
-- new version (append-only), so a comparison can always say which package it used.

create table care_package (
    id             bigint       generated always as identity primary key,
    provider_code  text         not null,
    code           text         not null,
    version        integer      not null check (version >= 1),
    -- a retired package has no interventions; its code has no package until a new version
    retired        boolean      not null default false,
    name           text         not null,
    weeks          integer      not null check (weeks between 1 and 104),
    note           text,
    created_at     timestamptz  not null default now(),
    created_by     text         not null,
    unique (provider_code, code, version)
);

create table care_package_intervention (
    package_id      bigint   not null references care_package (id),
    position        integer  not null,
    name            text     not null,
    setting         text     not null check (setting in ('COMMUNITY', 'WARD')),
    -- community care is staff time: a staff group and minutes per occurrence; a ward stay is nights
    staff_group     text,
    minutes         integer  check (minutes between 1 and 1440),
    times           integer  not null check (times between 1 and 366),
    every_weeks     integer  not null check (every_weeks between 1 and 104),
    duration_weeks  integer  not null check (duration_weeks between 1 and 104),
    group_size      integer  not null check (group_size between 1 and 60),
    core            boolean  not null,
    primary key (package_id, position),
    check ((setting = 'COMMUNITY') = (staff_group is not null and minutes is not null))
);

create trigger care_package_append_only before update or delete on care_package
    for each row execute function refuse_change();
create trigger care_package_intervention_append_only before update or delete on care_package_intervention
    for each row execute function refuse_change();
