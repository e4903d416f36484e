-- Purpose: the plan change log, newest first (optionally one region's plans).
-- Grain: one row per plan save.
-- Params: $region (region_code or null = all)
-- Columns: change_id, plan_id, region_code, created_at, user_name, kind, summary, file_name, status, undone_at
select change_id, plan_id, region_code, created_at, user_name, kind, summary, file_name, status, undone_at
from plan_changes
where $region is null or region_code = $region
order by change_id desc
