-- Purpose: every row of one plan in one plan table (snapshot for the plan change log and undo).
-- Grain: one row of {table} (one of tutka.plans.PLAN_TABLES, filled from the tutka.queries whitelist).
-- Params: $plan (plan_id)
-- Columns: plan_id plus the other columns of {table}
select * from {table} where plan_id = $plan
