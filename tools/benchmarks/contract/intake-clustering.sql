-- The trust-year's caseload as clustering-service holds it, for the feed-intake benchmark: :people
-- people (default 50,000) of provider RX1 and commissioner 15N, each with a care spell and 2 or 3
-- sequential assessments, allocations and cluster episodes in 2025-26 (about 125,000 of each), as
-- trust-year.sql shapes them. Written into clustering-service's database; its change feed then
-- serves about 250,000 episode and allocation changes to contract-service. Run it on a stack
-- without the demo trust.
\set ON_ERROR_STOP on
\ir trust-year-episodes.sql
create temp table scheme as
    select id from scheme_version where scheme = 'mh-care-clusters' and version = '2012-illustrative-2';
insert into patient (id, provider_code, local_id, date_of_birth)
select md5('ip' || p)::uuid, 'RX1', 'RX1-I' || p, date '1970-01-01' + (p % 15000)
  from generate_series(0, :people - 1) p;
insert into care_spell (id, patient_id, provider_code, commissioner_code, start_date, source)
select md5('ic' || p)::uuid, md5('ip' || p)::uuid, 'RX1', '15N', date '2025-04-01', 'REFERRAL'
  from generate_series(0, :people - 1) p;
insert into assessment (id, patient_id, care_spell_id, provider_code, commissioner_code, assessed_on, reason, ratings,
                        rater, team, scheme_version_id, recorded_by)
select md5('is' || g)::uuid, md5('ip' || p)::uuid, md5('ic' || p)::uuid, 'RX1', '15N', start_date,
       case when k = 0 then 'INITIAL' else 'SCHEDULED_REVIEW' end, array[1,1,0,0,1,1,2,1,1,1,1,1,0,0,0,0,0,0]::smallint[],
       'benchmark', 'T' || (p % 12), (select id from scheme), 'benchmark'
  from episodes;
insert into allocation (id, assessment_id, patient_id, provider_code, commissioner_code, team, clinician, allocated_on,
                        scheme_version_id, suggested_code, chosen_code, chosen_meets_red_rules, recorded_by)
select md5('ia' || g)::uuid, md5('is' || g)::uuid, md5('ip' || p)::uuid, 'RX1', '15N', 'T' || (p % 12), 'benchmark',
       start_date, (select id from scheme), code, code, true, 'benchmark'
  from episodes;
insert into cluster_episode (id, patient_id, care_spell_id, provider_code, commissioner_code, team, scheme_version_id,
                             code, start_date, end_date, review_due, started_by, end_reason)
select md5('ie' || g)::uuid, md5('ip' || p)::uuid, md5('ic' || p)::uuid, 'RX1', '15N', 'T' || (p % 12),
       (select id from scheme), code, start_date, case when k = 2 or (k = 1 and p % 2 = 1) then null else start_date + 119 end,
       start_date + 182, md5('ia' || g)::uuid, case when k = 2 or (k = 1 and p % 2 = 1) then null else 'RECLUSTERED' end
  from episodes;
analyze patient;
analyze care_spell;
analyze assessment;
analyze allocation;
analyze cluster_episode;
select count(*) as episodes from cluster_episode where provider_code = 'RX1';
