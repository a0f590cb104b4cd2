-- One commissioner's trust-year for the contract benchmark, written straight into
-- contract-service's caseload tables (as clustering's feed would leave them): :people people
-- (default 50,000), each with 2 or 3 sequential cluster episodes in 2025-26 (about 125,000), with
-- their allocations. Provider RX1, commissioner 15N (run it on a stack without the demo trust). Rules fire by design on a known share:
-- every 50th allocation misses its red rules (PV06), every 70th goes against a lower-priced
-- suggestion (PV10), every 100th episode is code 00 (PV07), every 40th is allocated 20 days after
-- its assessment (PV09), and every 30th runs past its review date with no review (PV04).
\set ON_ERROR_STOP on
delete from fed_episode where provider_code = 'RX1';
delete from fed_allocation where local_id like 'RX1-%';
\ir trust-year-episodes.sql
insert into fed_allocation (id, change_seq, assessment_id, local_id, pseudonym, chosen_code, suggested_code,
                            follows_suggestion, chosen_meets_red_rules, override_reason, allocated_on, assessed_on,
                            scheme, scheme_version, recorded_at, received_at)
select md5('a' || g)::uuid, g, md5('s' || g)::uuid, 'RX1-' || p, 'P-' || md5('person' || p),
       case when g % 100 = 0 then '00' else code end,
       case when g % 70 = 0 then '01' else case when g % 100 = 0 then '00' else code end end,
       g % 70 <> 0, g % 50 <> 0, case when g % 70 = 0 then 'CLINICAL_JUDGEMENT' end,
       start_date, start_date - case when g % 40 = 0 then 20 else 0 end,
       'mh-care-clusters', '2012-illustrative-2', start_date + time '10:00', now()
  from episodes;
insert into fed_episode (id, change_seq, first_seq, provider_code, commissioner_code, team, patient_id, care_spell_id,
                         local_id, pseudonym, code, start_date, end_date, review_due, end_reason, allocation_id,
                         first_received_at, received_at)
select md5('e' || g)::uuid, 1000000 + g, 1000000 + g, 'RX1', '15N', 'T' || (p % 12), md5('p' || p)::uuid,
       md5('c' || p)::uuid, 'RX1-' || p, 'P-' || md5('person' || p),
       case when g % 100 = 0 then '00' else code end, start_date,
       case when g % 30 = 0 then null else start_date + 99 end,
       start_date + case when g % 30 = 0 then 60 else 182 end, case when g % 30 = 0 then null else 'RECLUSTERED' end,
       md5('a' || g)::uuid, now(), now()
  from episodes;
analyze fed_episode;
analyze fed_allocation;
select count(*) as episodes, count(distinct pseudonym) as people from fed_episode where provider_code = 'RX1';
