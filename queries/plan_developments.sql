-- Purpose: the plan's own lists of positive and negative developments, as adopted.
-- Grain: one row per listed development.
-- Params: $plan (plan_id)
-- Columns: polarity, position, text
select polarity, position, text
from plan_developments
where plan_id = $plan
order by polarity desc, position
