-- import_indicators: the catalogue as the importer matches and validates against it.
-- grain: one row per indicator (YAML catalogue + indicators created by uploads)
-- params: none
-- columns: indicator_id, title_fi, title_sv, title_en, short_unit, unit_fi, value_min, value_max, groups, sexes,
--          sotkanet_id
select indicator_id, title_fi, title_sv, title_en, short_unit, unit_fi, value_min, value_max, groups, sexes,
       sotkanet_id
from indicators
order by indicator_id
