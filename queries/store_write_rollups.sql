-- Purpose: replace the stored goal roll-ups with the frame registered as _store_rollups (tutka.verdict_store).
-- Grain: one row per plan goal.
-- Params: none (reads the registered frame _store_rollups).
-- Columns: none (write).
create or replace table store_goal_rollups as
select * from _store_rollups
