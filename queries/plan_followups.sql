-- Purpose: the yearly follow-up of a plan's actions (status and progress text per action and year).
-- Grain: one row per action × year.
-- Params: $plan (plan_id)
-- Columns: action_id, year, status, progress
select action_id, year, status, progress
from action_followups
where plan_id = $plan
order by action_id, year
