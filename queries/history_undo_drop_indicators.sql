-- Purpose: remove the catalogue entries an undone import created, when no value uses them.
-- Grain: deletes at most one indicators row per id in $ids
-- Params: $ids (list of indicator ids)
-- Columns: (delete)
delete from indicators
where list_contains($ids, indicator_id)
  and indicator_id not in (select distinct indicator_id from indicator_values)
