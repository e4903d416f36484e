-- Purpose: plans whose stored version was written by a user (import/editor): a re-init keeps them.
-- Grain: one row per plan id.
-- Params: none
-- Columns: plan_id
select distinct plan_id from plan_changes
