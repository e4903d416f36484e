-- Purpose: what one import changed: the value before it (old_*) and the value it wrote (new_*, null when
-- the import deleted the key or a later import has since replaced it).
-- Grain: one row per key the import touched
-- Params: $import_id
-- Columns: indicator_id, region_code, year, month, sex, grp, had_old, old_value, new_value, current_import_id
select h.indicator_id, h.region_code, h.year, h.month, h.sex, h.grp, h.had_old, h.old_value,
       case when v.import_id = h.import_id then v.value end as new_value,
       v.import_id as current_import_id
from value_history h
left join indicator_values v
  on v.indicator_id = h.indicator_id and v.region_code = h.region_code and v.year = h.year
 and v.sex = h.sex and v.grp = h.grp and v.month is not distinct from h.month
where h.import_id = $import_id
order by h.indicator_id, h.region_code, h.year, h.month nulls first, h.sex, h.grp
