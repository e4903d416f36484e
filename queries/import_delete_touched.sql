-- Purpose: delete the current values of every key the import writes or removes (the history rows of
-- this import name exactly those keys).
-- Grain: deletes at most one row per key in value_history of $import_id
-- Params: $import_id
-- Columns: (delete)
delete from indicator_values v
where exists (
    select 1 from value_history h
    where h.import_id = $import_id
      and h.indicator_id = v.indicator_id and h.region_code = v.region_code and h.year = v.year
      and h.sex = v.sex and h.grp = v.grp and h.month is not distinct from v.month
)
