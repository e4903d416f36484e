-- Purpose: the stored grouped developments of one region, for the latest data ($as_of null) or as of a plan's year;
--          tutka.verdicts.developments.phrase words them in the shown language.
-- Grain: one row per phrase × series behind it.
-- Params: $region (region_code), $as_of (year, or null = the latest data)
-- Columns: region_code, side, item, audience, topic, direction, split, n, n_assessed, indicator_rank, position,
--          indicator_id, sex, grp, note
select region_code, side, item, audience, topic, direction, split, n, n_assessed, indicator_rank, position,
    indicator_id, sex, grp, note
from store_developments
where region_code = $region and as_of is not distinct from $as_of::bigint
order by side, item, position
