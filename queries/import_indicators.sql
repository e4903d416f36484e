-- Purpose: the catalogue as the importer matches and validates against it.
-- Grain: one row per indicator (YAML catalogue + indicators created by uploads)
-- Params: none
-- Columns: indicator_id, title_fi, title_sv, title_en, short_unit, unit_fi, value_min, value_max, groups, sexes,
--           sotkanet_id, aliases
select indicator_id, title_fi, title_sv, title_en, short_unit, unit_fi, value_min, value_max, groups, sexes,
       sotkanet_id, coalesce(aliases, []::varchar[]) as aliases
from indicators
order by indicator_id
