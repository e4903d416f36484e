-- Purpose: the actions of a plan with their responsible units, in document order.
-- Grain: one row per action.
-- Params: $plan (plan_id)
-- Columns: action_id, goal_id, goal_position, position, scope, age_group, text, progress, responsible (list)
with responsibles as (
    select action_id, list(unit order by position) as responsible
    from action_responsibles
    group by action_id
)
select a.action_id, a.goal_id, g.position as goal_position, a.position, a.scope, a.age_group, a.text, a.progress,
       coalesce(r.responsible, []::varchar[]) as responsible
from plan_actions a
join plan_goals g using (goal_id)
left join responsibles r using (action_id)
where a.plan_id = $plan
order by g.position, a.position
