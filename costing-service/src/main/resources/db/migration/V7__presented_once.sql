-- Costing exact to method v1 (issue 13): shares are exact and every presented figure is rounded
-- once, top-down, with the pennies no figure could take without a tie-break shown as a residual.

-- The run's residual (ledger into code x setting, not clustered, unallocated) and the support
-- apportionment's (support total into the patient-facing centres' shares).
alter table costing_run add column rounding_residual numeric(16,2) not null default 0;
alter table costing_run add column apportionment_residual numeric(16,2) not null default 0;
alter table costing_run drop constraint costing_run_reconciles;
alter table costing_run add constraint costing_run_reconciles
    check (allocated + not_clustered + unallocated + rounding_residual = costed_total);

-- A centre's residual: its presented total into allocated and not clustered.
alter table run_centre add column rounding_residual numeric(16,2) not null default 0;
alter table run_centre add constraint run_centre_reconciles
    check (allocated + not_clustered + unallocated + rounding_residual = total);

-- Each code's presented cost by setting, and the pennies its episodes could not take: the code's
-- figure is rounded from the ledger, not summed from rounded episodes.
create table run_code (
    run_id                 uuid          not null references costing_run (id) deferrable initially deferred,
    code                   text          not null,
    admitted_cost          numeric(16,2) not null,
    non_admitted_cost      numeric(16,2) not null,
    admitted_residual      numeric(16,2) not null,
    non_admitted_residual  numeric(16,2) not null,
    primary key (run_id, code)
);
create trigger run_code_append_only before update or delete on run_code
    for each row execute function refuse_change();

-- Runs made before this migration summed their codes from their episodes; they keep those figures.
insert into run_code (run_id, code, admitted_cost, non_admitted_cost, admitted_residual, non_admitted_residual)
select run_id, code, sum(admitted_cost), sum(non_admitted_cost), 0, 0 from run_episode group by run_id, code;

-- A bucket's share of its centre's cost, to 20 decimal places: breakdowns round their sums once.
alter table run_allocation alter column cost type numeric;
