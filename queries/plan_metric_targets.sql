-- Purpose: the metrics of a plan that carry a target, with the target fields.
-- Grain: one row per metric with a target.
-- Params: $plan (plan_id)
-- Columns: metric_id, action_id, position, text, kind, target_kind, target_op, target_value, target_year,
--          target_unit, target_group
select metric_id, action_id, position, text, kind, target_kind, target_op, target_value, target_year, target_unit,
       target_group
from plan_metrics
where plan_id = $plan and target_kind is not null
order by action_id, position
