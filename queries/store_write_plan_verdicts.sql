-- Purpose: replace the stored as-of-plan-year verdicts with the frame registered as _store_plan_verdicts.
-- Grain: one row per plan year × indicator × region × sex × group series.
-- Params: none (reads the registered frame _store_plan_verdicts).
-- Columns: none (write).
create or replace table store_plan_verdicts as
select * from _store_plan_verdicts
order by region_code, as_of, indicator_id, sex, grp
