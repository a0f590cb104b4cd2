-- A run keeps the ledger lines it costed (issue 13, "what changed"): a later ledger replaces the
-- period's lines, so without its own copy a run could not say which lines moved between two runs.
-- A trial balance is hundreds of lines, so the copy is small. Runs made before this kept none;
-- they say so (ledger_kept false) rather than borrow today's ledger.
create table run_ledger_line (
    run_id          uuid          not null references costing_run (id) deferrable initially deferred,
    upload_id       bigint        not null,
    line_no         integer       not null,
    cost_centre_id  integer       not null,
    cost_centre     text          not null,
    expense_type    text          not null,
    social_care     boolean       not null,
    amount          numeric(16,2) not null,
    primary key (run_id, cost_centre, expense_type, social_care)
);
create trigger run_ledger_line_append_only before update or delete on run_ledger_line
    for each row execute function refuse_change();

alter table costing_run add column ledger_kept boolean not null default false;
