-- Purpose: the range of the values already stored for the given indicators, so that a mapping that would put numbers
--          far outside an indicator's series (e.g. counts into a percentage) is warned about before saving.
-- Grain: one row per indicator with values.
-- Params: $indicators (list of indicator_id)
-- Columns: indicator_id, low, high, n
select indicator_id, min(value) as low, max(value) as high, count(value) as n
from indicator_values
where list_contains($indicators, indicator_id)
group by indicator_id
order by indicator_id
