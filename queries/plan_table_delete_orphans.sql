-- Purpose: remove plan rows without a plan_id (databases built before every plan table carried plan_id).
-- Grain: writes; {table} is filled from tutka.plans.PLAN_TABLES only (a whitelist).
-- Params: none
delete from {table} where plan_id is null
