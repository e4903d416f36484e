-- Purpose: every region with the names and codes an uploaded file may use for it.
-- Grain: one row per region (municipalities, maakunnat, hyvinvointialueet, koko maa; merged municipalities too)
-- Params: none
-- Columns: region_code, region_type, official_code, name_fi, name_sv, name_en, sotkanet_id, valid_from, valid_to
select region_code, region_type, official_code, name_fi, name_sv, name_en, sotkanet_id, valid_from, valid_to
from regions
order by region_code
