-- Purpose: the (municipality, year) pairs whose as-of verdicts the verdict store keeps: every plan's year.
-- Grain: one row per region × plan year.
-- Params: none.
-- Columns: region_code, as_of
select distinct region_code, year as as_of
from plans
where year is not null and region_code is not null
order by region_code, as_of
