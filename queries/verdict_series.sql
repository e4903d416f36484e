-- Purpose: the values behind verdicts, for sparklines: the chosen indicators in one region.
-- Grain: one row per indicator × year × sex × group.
-- Params: $region (region_code), $indicators (list of indicator_id)
-- Columns: indicator_id, year, sex, grp, value, is_demo
select indicator_id, year, sex, grp, value, is_demo
from yearly_values
where region_code = $region
  and list_contains($indicators, indicator_id)
order by indicator_id, sex, grp, year
