-- Purpose: the goal roll-ups of every plan, from the frame registered as _store_rollups (tutka/verdicts/store.py).
-- Grain: one row per plan goal.
-- Params: none (reads the registered frame _store_rollups).
-- Columns: none (write).
insert into store_goal_rollups by name
select * from _store_rollups
