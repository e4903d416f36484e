-- Purpose: the stored goal roll-ups of some regions' plans (counts per verdict and a status per goal).
-- Grain: one row per plan goal.
-- Params: $regions (list of region_code)
-- Columns: plan_id, region_code, plan_title, plan_year, document_kind, goal_id, position, title, theme, improved,
--          worsened, no_change, insufficient, neutral, n_indicators, n_series, assessed, status
select *
from store_goal_rollups
where region_code in (select unnest($regions::varchar[]))
order by region_code, plan_id, position
