-- A region for the cross-provider PV05 benchmark, written straight into contract-service's caseload
-- tables (as clustering's feed would leave them): :people people (default 250,000) of commissioner
-- 15N, each with a home provider among RX1-RX5 (person p's is p % 5) and 2 or 3 sequential cluster
-- episodes there in 2025-26, as trust-year.sql makes them. One person in 10 at each provider (p / 5
-- a multiple of 10) is also seen by the next provider, in an episode that starts 10 days into their
-- first home episode and overlaps it: 25,000 people whose units PV05 queries on both sides. The
-- cross-provider pseudonym ('P-...') links the person across providers. Run it on a stack without
-- the demo trust.
\set ON_ERROR_STOP on
delete from fed_episode where provider_code in ('RX1', 'RX2', 'RX3', 'RX4', 'RX5');
delete from fed_allocation where local_id like 'RX_-%';
create temp table episodes as
    select g, p, k, 'RX' || (1 + p % 5) as provider,
           date '2025-04-01' + ((p * 7) % 100) + k * 120 as start_date,
           (array['01','02','03','04','05','06','07','08','10','11','12','13','14','15','16','17','18','19','20','21'])[1 + (g % 20)] as code
      from generate_series(0, :people - 1) p
      cross join lateral generate_series(0, case when p % 2 = 0 then 2 else 1 end) k
      cross join lateral (select p * 3 + k as g) gg;
-- the next provider's episode of one person in 10
insert into episodes
select 10000000 + p, p, 9, 'RX' || (1 + (p + 1) % 5), start_date + 10, code
  from episodes where k = 0 and (p / 5) % 10 = 0;
insert into fed_allocation (id, change_seq, assessment_id, local_id, pseudonym, chosen_code, suggested_code,
                            follows_suggestion, chosen_meets_red_rules, override_reason, allocated_on, assessed_on,
                            scheme, scheme_version, recorded_at, received_at)
select md5('ra' || g)::uuid, g, md5('rs' || g)::uuid, provider || '-' || p, 'P-' || md5('person' || p), code, code,
       true, true, null, start_date, start_date, 'mh-care-clusters', '2012-illustrative-2', start_date + time '10:00', now()
  from episodes;
insert into fed_episode (id, change_seq, first_seq, provider_code, commissioner_code, team, patient_id, care_spell_id,
                         local_id, pseudonym, code, start_date, end_date, review_due, end_reason, allocation_id,
                         first_received_at, received_at)
select md5('re' || g)::uuid, 20000000 + g, 20000000 + g, provider, '15N', 'T' || (p % 12), md5(provider || 'p' || p)::uuid,
       md5(provider || 'c' || p)::uuid, provider || '-' || p, 'P-' || md5('person' || p), code, start_date,
       start_date + case when k = 9 then 40 else 99 end, start_date + 182, 'RECLUSTERED', md5('ra' || g)::uuid, now(), now()
  from episodes;
analyze fed_episode;
analyze fed_allocation;
select provider_code, count(*) as episodes, count(distinct pseudonym) as people
  from fed_episode where provider_code like 'RX_' group by 1 order by 1;
