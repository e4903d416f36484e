-- Purpose: one logged plan change with its snapshots, and the id of a later change of the same plan still in force.
-- Grain: one row (or none).
-- Params: $id (change_id)
-- Columns: change_id, plan_id, region_code, created_at, user_name, kind, summary, file_name, before_json,
--          after_json, status, undone_at, later_change
select c.*,
       (select min(l.change_id) from plan_changes l
        where l.plan_id = c.plan_id and l.change_id > c.change_id and l.status = 'done') as later_change
from plan_changes c
where c.change_id = $id
