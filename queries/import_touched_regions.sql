-- Purpose: the regions an import wrote or overwrote, i.e. those its undo would change (for the permission check).
-- Grain: one row per region code.
-- Params: $import_id
-- Columns: region_code
select distinct region_code from value_history where import_id = $import_id
union
select distinct region_code from indicator_values where import_id = $import_id
order by region_code
