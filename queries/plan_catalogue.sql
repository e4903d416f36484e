-- Purpose: the indicator catalogue for linking plan metrics (ids, titles, aliases, units, polarity).
-- Grain: one row per indicator.
-- Params: none
-- Columns: indicator_id, title_fi, title_sv, title_en, aliases, short_unit, decimals, polarity, groups, kind
select indicator_id, title_fi, title_sv, title_en, aliases, short_unit, decimals, polarity, groups, kind
from indicators
order by title_fi
