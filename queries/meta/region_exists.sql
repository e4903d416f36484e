-- Purpose: is this a known region code (CLI argument check)?
-- Grain: one row
-- Params: $region
-- Columns: n
select count(*) as n from regions where region_code = $region
