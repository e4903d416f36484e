-- Purpose: where an indicator appears in the municipality's plans: goal, action and the metric it measures.
-- Grain: one row per plan metric linked to $indicator (plans of $region).
-- Params: $indicator (indicator_id), $region (region_code)
-- Columns: plan_id, plan_title, goal_id, goal_title, action_id, action_text, scope, age_group, metric_text
select p.plan_id, p.title as plan_title, g.goal_id, g.title as goal_title, a.action_id, a.text as action_text,
       a.scope, a.age_group, m.text as metric_text
from metric_indicators mi
join plan_metrics m using (metric_id)
join plan_actions a using (action_id)
join plan_goals g using (goal_id)
join plans p on p.plan_id = a.plan_id
where mi.indicator_id = $indicator and p.region_code = $region
order by g.position, a.position, m.position
