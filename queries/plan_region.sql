-- Purpose: one region by code, to check that a plan is made for a municipality or wellbeing services county.
-- Grain: one row (or none).
-- Params: $region (region_code)
-- Columns: region_code, region_type, name_fi, name_sv, name_en, valid_to
select region_code, region_type, name_fi, name_sv, name_en, valid_to from regions where region_code = $region
