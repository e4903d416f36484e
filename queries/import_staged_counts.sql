-- Purpose: how many keys of an upload are new, changed or unchanged (the registered relation `staged`, the diff the
--          commit writes: tutka/importers/commit.py).
-- Grain: one row per status present.
-- Params: none (reads the registered relation `staged`).
-- Columns: status, n
select status, count(*) as n
from staged
group by status
order by status
