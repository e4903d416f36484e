-- Purpose: the goals of the welfare plans of the given municipalities, for the goal roll-up.
-- Grain: one row per plan goal.
-- Params: $regions (list of region_code; [] = all plans)
-- Columns: plan_id, region_code, plan_title, plan_year, document_kind, goal_id, position, title, theme
select p.plan_id, p.region_code, p.title as plan_title, p.year as plan_year, p.document_kind,
       g.goal_id, g.position, g.title, g.theme
from plan_goals g
join plans p using (plan_id)
where len($regions::varchar[]) = 0 or list_contains($regions, p.region_code)
order by p.region_code, p.year desc, p.plan_id, g.position
