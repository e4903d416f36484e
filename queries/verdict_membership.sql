-- Purpose: region memberships for the benchmarks (municipality -> wellbeing services county, -> country).
-- Grain: one row per region × parent.
-- Params: none.
-- Columns: region_code, parent_code, parent_type, valid_to
select region_code, parent_code, parent_type, valid_to
from region_membership
where parent_type in ('hyvinvointialue', 'maa')
order by region_code, parent_type
