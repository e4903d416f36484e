-- Purpose: with "replace the whole series", remember every value the import deletes.
-- Grain: one row per deleted value; uses the registered relation `removed` (= import_removed output)
-- Params: $import_id
-- Columns: (insert) value_history
insert into value_history
    (import_id, indicator_id, region_code, year, month, sex, grp, had_old, old_value, old_respondents, old_abs_value,
     old_ci_low, old_ci_high, old_is_demo, old_source, old_import_id)
select $import_id, r.indicator_id, r.region_code, r.year, r.month, r.sex, r.grp, true, r.value, r.respondents,
       r.abs_value, r.ci_low, r.ci_high, r.is_demo, r.source, r.import_id
from removed r
