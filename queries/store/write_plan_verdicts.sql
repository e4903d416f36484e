-- Purpose: each plan municipality's verdicts as of the plan's year, from the frame registered as _store_plan_verdicts.
-- Grain: one row per plan year × indicator × region × sex × group series.
-- Params: none (reads the registered frame _store_plan_verdicts).
-- Columns: none (write).
insert into store_plan_verdicts by name
select * from _store_plan_verdicts
order by region_code, as_of, indicator_id, sex, grp
