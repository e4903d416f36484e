-- Purpose: concrete figures a plan/report states for its actions (real values from the document).
-- Grain: one row per stated figure.
-- Params: $plan (plan_id)
-- Columns: action_id, position, label, value, unit, year, qualifier, change_pct, indicator_id
select f.action_id, f.position, f.label, f.value, f.unit, f.year, f.qualifier, f.change_pct, f.indicator_id
from plan_figures f
join plan_actions a using (action_id)
where a.plan_id = $plan
order by f.action_id, f.position
