-- Purpose: write the new and changed values of an upload, sorted by indicator and region so that
-- zone maps keep pruning well.
-- Grain: one row per new or changed key; uses the registered relation `staged`
-- Params: $import_id
-- Columns: (insert) indicator_values
insert into indicator_values
    (indicator_id, region_code, year, month, sex, grp, value, respondents, abs_value, ci_low, ci_high, is_demo, source,
     import_id)
select indicator_id, region_code, year, month, sex, grp, value, respondents, abs_value, ci_low, ci_high, is_demo, source,
       $import_id
from staged
where status in ('new', 'changed')
order by indicator_id, region_code, year, month nulls first, sex, grp
