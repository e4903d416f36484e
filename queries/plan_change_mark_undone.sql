-- Purpose: mark a plan change undone (after its before snapshot was restored).
-- Grain: writes one row.
-- Params: $id (change_id), $ts (timestamp)
update plan_changes set status = 'undone', undone_at = $ts where change_id = $id
