-- Purpose: how many database values "replace the whole series" would delete (the count of queries/import_removed.sql,
--          for the preview: the rows themselves are not needed before the commit).
-- Grain: one row.
-- Params: none (uses the registered relation `upload_rows`).
-- Columns: n
with series as (
    select distinct indicator_id, region_code from upload_rows
)
select count(*) as n
from indicator_values v
semi join series s on s.indicator_id = v.indicator_id and s.region_code = v.region_code
anti join upload_rows u
  on u.indicator_id = v.indicator_id and u.region_code = v.region_code and u.year = v.year
 and u.sex = v.sex and u.grp = v.grp and u.month is not distinct from v.month
