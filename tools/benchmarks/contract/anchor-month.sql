-- Plain-SQL anchor of one monthly statement's validation and pricing (rule set pv-1 on cluster
-- episodes, as contract-service applies it): the month's episode units with PV02, PV04, PV06, PV07,
-- PV09 and PV10 judged in SQL, then paid units x price per code. psql variables: :month (1-12).
-- Prices as the benchmark's contract has them. No cross-provider PV05 (one provider here).
\set ON_ERROR_STOP on
with prices(code, price) as (
    select '0' || n::text, 500.00 + n * 100 from generate_series(1, 8) n
    union all select n::text, 500.00 + n * 100 from generate_series(10, 21) n
), units as (
    select e.id, e.code, e.start_date, e.review_due,
           (extract(year from age(date_trunc('month', e.start_date), date '2025-04-01')) * 12
            + extract(month from age(date_trunc('month', e.start_date), date '2025-04-01')))::int + 1 as month,
           a.id is null or e.code = '00' as pv07,
           a.scheme_version is distinct from '2012-illustrative-2' as pv02_scheme,
           coalesce(a.chosen_meets_red_rules, true) = false as pv06,
           greatest(a.allocated_on - a.assessed_on, a.allocated_on - e.start_date) > 14 as pv09,
           not a.follows_suggestion and p.price > coalesce(ps.price, p.price) as pv10,
           p.price
      from fed_episode e
      left join fed_allocation a on a.id = e.allocation_id
      left join prices p on p.code = e.code
      left join prices ps on ps.code = a.suggested_code
     where e.provider_code = 'RX1' and e.commissioner_code = '15N'
       and e.start_date between date '2025-04-01' and date '2026-03-31'
), overdue as (
    -- further review periods begun with no review: rejected (PV04)
    select (extract(year from age(date_trunc('month', s), date '2025-04-01')) * 12
            + extract(month from age(date_trunc('month', s), date '2025-04-01')))::int + 1 as month
      from fed_episode e
      cross join lateral generate_series(e.review_due::timestamp, least(coalesce(e.end_date, date '2026-03-31'), date '2026-03-31')::timestamp,
                                         (e.review_due - e.start_date) * interval '1 day') s
     where e.provider_code = 'RX1' and e.commissioner_code = '15N'
), judged as (
    select case when pv07 or pv02_scheme or price is null then 'REJECTED'
                when pv06 or pv09 or pv10 then 'QUERIED' else 'PAYABLE' end as status, price
      from units where month = :month
    union all
    select 'REJECTED', null from overdue where month = :month
)
select status, count(*) as units, sum(price) filter (where status <> 'REJECTED') as paid
  from judged group by status order by status;
