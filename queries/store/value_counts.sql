-- Purpose: how many values each indicator has, for cutting a full verdict-store refresh into runs of indicators.
-- Grain: one row per indicator that has values.
-- Params: none.
-- Columns: indicator_id, n
select indicator_id, count(*) as n
from indicator_values
group by indicator_id
order by indicator_id
