-- history_undo_drop_indicators: remove the catalogue entries an undone import created, when no value uses them.
-- grain: deletes at most one indicators row per id in $ids
-- params: $ids (list of indicator ids)
-- columns: (delete)
delete from indicators
where list_contains($ids, indicator_id)
  and indicator_id not in (select distinct indicator_id from indicator_values)
