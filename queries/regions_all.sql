-- Purpose: every region with its names, for pickers and labels.
-- Grain: one row per region.
-- Params: none.
-- Columns: region_code, region_type, official_code, name_fi, name_sv, name_en, valid_to
select region_code, region_type, official_code, name_fi, name_sv, name_en, valid_to
from regions
order by case region_type when 'maa' then 0 when 'hyvinvointialue' then 1 when 'maakunta' then 2 else 3 end, name_fi
