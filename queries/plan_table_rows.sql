-- Purpose: every row of one plan in one plan table (snapshot for the plan change log and undo).
-- Grain: one row of the table $table (one of tutka.plans.PLAN_TABLES).
-- Params: $table (table name, checked against PLAN_TABLES by the caller), $plan (plan_id)
-- Columns: plan_id plus the other columns of $table
select * from query_table($table) where plan_id = $plan
