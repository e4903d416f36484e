-- Purpose: with "replace the whole series", the database values that the upload would delete: values of
-- an (indicator, region) series present in the upload whose key is not in the upload.
-- Grain: one row per database value to delete; uses the registered relation `upload_rows`
-- Params: none
-- Columns: indicator_id, region_code, year, month, sex, grp, value, respondents, abs_value, ci_low, ci_high, is_demo,
--           source, import_id
with series as (
    select distinct indicator_id, region_code from upload_rows
)
select v.*
from indicator_values v
semi join series s on s.indicator_id = v.indicator_id and s.region_code = v.region_code
anti join upload_rows u
  on u.indicator_id = v.indicator_id and u.region_code = v.region_code and u.year = v.year
 and u.sex = v.sex and u.grp = v.grp and u.month is not distinct from v.month
order by v.indicator_id, v.region_code, v.year, v.sex, v.grp
