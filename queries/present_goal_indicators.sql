-- Purpose: the statistical indicators linked to each goal of a plan (through actions -> metrics), in plan order.
-- Grain: one row per goal × indicator (first appearance in the plan decides the order).
-- Params: $plan (plan_id)
-- Columns: goal_id, goal_position, indicator_id, title_fi, title_sv, title_en, n_values, position
with links as (
    select g.goal_id, g.position as goal_position, mi.indicator_id,
           min(a.position * 10000 + m.position) as position
    from plan_goals g
    join plan_actions a using (goal_id)
    join plan_metrics m using (action_id)
    join metric_indicators mi using (metric_id)
    where g.plan_id = $plan
    group by all
),
counts as (
    select indicator_id, count(value) as n_values
    from indicator_values
    group by indicator_id
)
select l.goal_id, l.goal_position, l.indicator_id, i.title_fi, i.title_sv, i.title_en,
       coalesce(c.n_values, 0) as n_values, l.position
from links l
join indicators i using (indicator_id)
left join counts c using (indicator_id)
order by l.goal_position, l.position, l.indicator_id
