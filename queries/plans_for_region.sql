-- Purpose: the welfare plans of a municipality.
-- Grain: one row per plan.
-- Params: $region (region_code)
-- Columns: plan_id, region_code, title, period, year, document_kind, adopted, source, intro, cross_cutting
select plan_id, region_code, title, period, year, document_kind, adopted, source, intro, cross_cutting
from plans
where region_code = $region
order by year desc, plan_id
