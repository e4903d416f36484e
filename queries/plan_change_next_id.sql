-- Purpose: the next change id of the plan change log.
-- Grain: one row.
-- Params: none
-- Columns: change_id
select coalesce(max(change_id), 0) + 1 as change_id from plan_changes
