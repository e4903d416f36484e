-- Purpose: which indicators each goal is linked to (goal -> action -> metric -> indicator), for the roll-up.
-- Grain: one row per goal × action × metric × linked indicator.
-- Params: $regions (list of region_code; [] = all plans)
-- Columns: plan_id, goal_id, action_id, action_position, metric_id, metric_position, metric_text, indicator_id
select a.plan_id, a.goal_id, a.action_id, a.position as action_position, m.metric_id,
       m.position as metric_position, m.text as metric_text, mi.indicator_id
from metric_indicators mi
join plan_metrics m using (metric_id)
join plan_actions a using (action_id)
join plans p on p.plan_id = a.plan_id
where len($regions::varchar[]) = 0 or list_contains($regions, p.region_code)
order by a.plan_id, a.goal_id, a.position, m.position, mi.indicator_id
