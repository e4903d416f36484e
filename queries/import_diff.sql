-- Purpose: every row of an upload compared with the database value of the same key.
-- Grain: one row per uploaded key (indicator_id, region_code, year, month, sex, grp); the upload is the registered
--         relation `upload_rows` (tutka/importers/commit.py); unordered (sorting 1 M rows costs: the preview sorts only
--         the rows it shows, queries/import_preview_head.sql, and the insert orders what it writes)
-- Params: none
-- Columns: all columns of upload_rows, status (new | changed | unchanged), old_value, old_respondents,
--           old_abs_value, old_ci_low, old_ci_high, old_is_demo, old_source, old_import_id
with current as (
    select * from indicator_values
)
select
    u.*,
    case
        when v.indicator_id is null then 'new'
        when v.value is distinct from u.value
          or v.respondents is distinct from u.respondents
          or v.abs_value is distinct from u.abs_value
          or v.ci_low is distinct from u.ci_low
          or v.ci_high is distinct from u.ci_high
          or v.is_demo is distinct from u.is_demo
          or v.source is distinct from u.source then 'changed'
        else 'unchanged'
    end as status,
    v.value as old_value, v.respondents as old_respondents, v.abs_value as old_abs_value,
    v.ci_low as old_ci_low, v.ci_high as old_ci_high, v.is_demo as old_is_demo, v.source as old_source,
    v.import_id as old_import_id
from upload_rows u
left join current v
  on v.indicator_id = u.indicator_id and v.region_code = u.region_code and v.year = u.year
 and v.sex = u.sex and v.grp = u.grp and v.month is not distinct from u.month
