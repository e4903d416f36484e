-- Purpose: values of one indicator for the chosen regions, sexes and group (the Indikaattorit chart and table).
-- Grain: one row per region × year × month (null = annual value) × sex (for the one group).
-- Params: $indicator (indicator_id), $regions (list of region_code), $sexes (list of sex), $grp (group, '' = none)
-- Columns: region_code, name_fi, name_sv, name_en, region_type, year, month, sex, grp, value, respondents, abs_value,
--          ci_low, ci_high, is_demo, source, updated_at
select v.region_code, r.name_fi, r.name_sv, r.name_en, r.region_type, v.year, v.month, v.sex, v.grp, v.value,
       v.respondents, v.abs_value, v.ci_low, v.ci_high, v.is_demo, v.source, i.created_at as updated_at
from indicator_values v
join regions r using (region_code)
left join imports i using (import_id)
where v.indicator_id = $indicator
  and list_contains($regions, v.region_code)
  and list_contains($sexes, v.sex)
  and v.grp = $grp
order by v.region_code, v.sex, v.year, v.month nulls first
