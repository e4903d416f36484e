-- Purpose: the rows an import preview shows: the first $limit rows of the diff, new and changed keys before unchanged
--          ones (the registered relation `staged`, the diff of tutka/importers/commit.py), so a 1 M-row upload
--          never becomes a 1 M-row DataFrame.
-- Grain: one row per uploaded key, at most $limit rows.
-- Params: $limit (int) how many rows.
-- Columns: all columns of `staged` (queries/import_diff.sql).
select *
from staged
order by status = 'unchanged', indicator_id, region_code, year, month nulls first, sex, grp
limit $limit
