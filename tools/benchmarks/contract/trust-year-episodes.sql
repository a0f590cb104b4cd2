-- The trust-year's episodes, included by trust-year.sql and intake-clustering.sql: :people people,
-- each with 2 (odd p) or 3 (even p) sequential episodes 120 days apart, starting from April 2025,
-- in one of 20 codes. g numbers the episode, p the person, k the episode of the person.
create temp table episodes as
    select g, p, k,
           date '2025-04-01' + ((p * 7) % 100) + k * 120 as start_date,
           (array['01','02','03','04','05','06','07','08','10','11','12','13','14','15','16','17','18','19','20','21'])[1 + (g % 20)] as code
      from generate_series(0, :people - 1) p
      cross join lateral generate_series(0, case when p % 2 = 0 then 2 else 1 end) k
      cross join lateral (select p * 3 + k as g) gg;
