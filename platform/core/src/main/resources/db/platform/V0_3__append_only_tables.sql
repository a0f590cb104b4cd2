-- For any service table whose rows are records, never edited (published reference data, assessments,
-- decisions): attach as a before update or delete trigger. Corrections are new rows.
create function refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
