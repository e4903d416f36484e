-- Purpose: one indicator's values for a slide chart: the municipality, its county and the whole country, one sex
--          and group; the deck and profile charts show exactly these numbers.
-- Grain: one row per region × year.
-- Params: $indicator (indicator_id), $regions (list of region_code), $sexes (list with the one sex), $grp (group)
-- Columns: region_code, region_type, name_fi, name_sv, name_en, year, value, is_demo, source, series_breaks,
--          updated_at (when the value's import was committed; null for the embedded data)
select v.region_code, r.region_type, r.name_fi, r.name_sv, r.name_en, v.year, v.value, v.is_demo, v.source,
       i.series_breaks, imp.created_at as updated_at
from yearly_values v
join regions r using (region_code)
join indicators i on i.indicator_id = v.indicator_id
left join imports imp on imp.import_id = v.import_id
where v.indicator_id = $indicator
  and list_contains($regions, v.region_code)
  and list_contains($sexes, v.sex)
  and v.grp = $grp
order by v.year, v.region_code
