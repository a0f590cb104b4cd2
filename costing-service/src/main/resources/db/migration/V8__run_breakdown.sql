-- A run's breakdowns at the grain they are read (issue 13): cost, minutes and bed days by centre,
-- code (null: not clustered) and staff group, each cost the exact share to 20 decimal places of a
-- pound. They replace run_allocation's rows per centre, episode or person and staff group (476,160
-- rows for a trust-year, four times the buckets the method needs); the run now groups its
-- activity both ways in one pass.
create table run_breakdown (
    run_id          uuid    not null,
    cost_centre_id  integer not null,
    code            text,
    staff_group     text    not null,
    admitted        boolean not null,
    activity_rows   bigint  not null,
    minutes         numeric not null,
    bed_days        bigint  not null,
    cost            numeric not null
);
create index run_breakdown_run on run_breakdown (run_id, cost_centre_id);
create trigger run_breakdown_append_only before update or delete on run_breakdown
    for each row execute function refuse_change();

-- How many people had activity at the centre and no covering episode.
alter table run_centre add column not_clustered_people bigint not null default 0;

-- Earlier runs keep their figures: their allocation rows summed into the new grain, and their
-- not-clustered people counted, before the old table goes. The append-only trigger is lifted only
-- for this one backfill of a column that did not exist.
insert into run_breakdown (run_id, cost_centre_id, code, staff_group, admitted, activity_rows, minutes, bed_days, cost)
select a.run_id, a.cost_centre_id, e.code, a.staff_group, a.admitted, sum(a.activity_rows), sum(a.minutes),
       sum(a.bed_days), sum(a.cost)
  from run_allocation a left join run_episode e on e.run_id = a.run_id and e.episode_id = a.episode_id
 group by a.run_id, a.cost_centre_id, e.code, a.staff_group, a.admitted;

alter table run_centre disable trigger run_centre_append_only;
update run_centre c set not_clustered_people = p.people
  from (select run_id, cost_centre_id, count(distinct patient_id) as people from run_allocation
         where episode_id is null group by run_id, cost_centre_id) p
 where p.run_id = c.run_id and p.cost_centre_id = c.cost_centre_id;
alter table run_centre enable trigger run_centre_append_only;

drop table run_allocation;

-- A run's episodes are read by run and episode (the primary key) and filtered by code within the
-- run; a second index cost every run's 86,000-row insert more than it saved any read.
drop index run_episode_code;

-- In-year runs (issue 13): a run costs activity and counts cluster days up to its as-of date (by
-- default the latest activity date loaded, at most the period's end). Runs made before this have
-- none: they counted to the period's end. An activity upload records its latest date, so the
-- default needs no scan of the activity.
alter table costing_run add column as_of date;
alter table upload add column latest_date date;
