-- Plain-SQL anchor of the region's cross-provider check for one month (PV05 as contract-service
-- applies it to cluster episodes): every provider's units of the month (episodes starting in it),
-- each covering its first review period up to the month's end, and whether another provider with
-- an agreed contract with the commissioner has an episode of the same person on any of those days.
-- It stores nothing. psql variables: :month (1-12).
\set ON_ERROR_STOP on
with bounds as (
    select (date '2025-04-01' + (:month - 1) * interval '1 month')::date as month_start,
           (date '2025-04-01' + :month * interval '1 month' - interval '1 day')::date as month_end
), partners as (
    select distinct k.provider_code from contract k join contract_version v on v.contract_id = k.id
     where k.commissioner_code = '15N' and k.financial_year = '2025-26' and v.status = 'AGREED'
), units as (
    select e.provider_code, e.pseudonym, e.start_date as from_date,
           least(e.review_due - 1, coalesce(e.end_date, b.month_end), b.month_end) as to_date
      from fed_episode e cross join bounds b
     where e.commissioner_code = '15N' and e.provider_code in (select provider_code from partners)
       and e.start_date between b.month_start and b.month_end
)
select u.provider_code, count(*) as units,
       count(*) filter (where exists (
           select 1 from fed_episode o
            where o.commissioner_code = '15N' and o.pseudonym = u.pseudonym and o.provider_code <> u.provider_code
              and o.pseudonym like 'P-%' and o.provider_code in (select provider_code from partners)
              and o.start_date <= u.to_date and (o.end_date is null or o.end_date >= u.from_date))) as pv05
  from units u group by 1 order by 1;
