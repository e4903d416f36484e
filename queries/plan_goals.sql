-- Purpose: the goals of a plan in document order.
-- Grain: one row per goal.
-- Params: $plan (plan_id)
-- Columns: goal_id, position, title, theme, description, n_actions
select g.goal_id, g.position, g.title, g.theme, g.description, count(a.action_id) as n_actions
from plan_goals g
left join plan_actions a using (goal_id)
where g.plan_id = $plan
group by all
order by g.position
