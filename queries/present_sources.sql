-- Purpose: sources and licences of the indicators shown in a deck or profile, with the demo flag of their values.
-- Grain: one row per indicator. value_sources lists the source column of real (non-demo) values only: the demo
--        flag is reported separately as has_demo.
-- Params: $indicators (list of indicator_id), $regions (list of region_code)
-- Columns: indicator_id, title_fi, title_sv, title_en, unit_fi, unit_sv, unit_en, short_unit, decimals, source_fi, source_sv, source_en, source_org, licence, has_demo, value_sources, last_year
with vals as (
    select indicator_id, bool_or(is_demo) as has_demo,
           string_agg(distinct source, '; ' order by source) filter (where not is_demo) as value_sources,
           max(year) as last_year
    from indicator_values
    where list_contains($indicators, indicator_id)
      and list_contains($regions, region_code)
    group by indicator_id
)
select i.indicator_id, i.title_fi, i.title_sv, i.title_en, i.unit_fi, i.unit_sv, i.unit_en, i.short_unit,
       i.decimals, i.source_fi, i.source_sv, i.source_en, i.source_org, i.licence,
       coalesce(v.has_demo, false) as has_demo, v.value_sources, v.last_year
from indicators i
left join vals v using (indicator_id)
where list_contains($indicators, i.indicator_id)
order by i.source_org, i.indicator_id
