-- Purpose: remove one plan's rows from one plan table. Run inside a transaction.
-- Grain: writes; {table} is filled from tutka.plans.PLAN_TABLES only (a whitelist), never from user input.
-- Params: $plan (plan_id)
delete from {table} where plan_id = $plan
