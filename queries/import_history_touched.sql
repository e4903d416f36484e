-- Purpose: remember, for every key an import writes, what the database held before (had_old = false
-- when the key was new), so that undo restores it exactly.
-- Grain: one row per new or changed key; uses the registered relation `staged` (= import_diff output)
-- Params: $import_id
-- Columns: (insert) value_history
insert into value_history
    (import_id, indicator_id, region_code, year, month, sex, grp, had_old, old_value, old_respondents, old_abs_value,
     old_ci_low, old_ci_high, old_is_demo, old_source, old_import_id)
select $import_id, s.indicator_id, s.region_code, s.year, s.month, s.sex, s.grp, s.status = 'changed',
       s.old_value, s.old_respondents, s.old_abs_value, s.old_ci_low, s.old_ci_high, s.old_is_demo, s.old_source,
       s.old_import_id
from staged s
where s.status in ('new', 'changed')
