-- Purpose: every (indicator, region) pair with values or with stored verdicts for some indicators: the series whose
--          country benchmark changes when the country's values of those indicators change.
-- Grain: one row per indicator × region.
-- Params: $indicators (list of indicator_id)
-- Columns: indicator_id, region_code
select distinct indicator_id, region_code
from indicator_values
where indicator_id in (select unnest($indicators::varchar[]))
union
select distinct indicator_id, region_code
from store_verdicts
where indicator_id in (select unnest($indicators::varchar[]))
order by indicator_id, region_code
