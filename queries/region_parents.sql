-- Purpose: the county (hyvinvointialue), maakunta and country of a region, for comparisons.
-- Grain: one row per parent of $region.
-- Params: $region (region_code)
-- Columns: parent_code, parent_type, name_fi, name_sv, name_en
select m.parent_code, m.parent_type, r.name_fi, r.name_sv, r.name_en
from region_membership m
join regions r on r.region_code = m.parent_code
where m.region_code = $region
order by case m.parent_type when 'hyvinvointialue' then 0 when 'maakunta' then 1 else 2 end
