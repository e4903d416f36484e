-- Purpose: the indicator catalogue columns the verdict engine needs (kind, polarity, breaks, titles, units).
-- Grain: one row per indicator.
-- Params: none.
-- Columns: indicator_id, title_fi, title_sv, title_en, short_unit, decimals, polarity, kind, survey_cycle,
--          series_breaks, topic, source_fi
select indicator_id, title_fi, title_sv, title_en, short_unit, decimals, polarity, kind, survey_cycle,
       coalesce(series_breaks, []::integer[]) as series_breaks, topic, source_fi
from indicators
order by indicator_id
