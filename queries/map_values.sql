-- Purpose: the map on Vertailu: the latest value of one indicator for every municipality of a scope (a wellbeing
--          services county, or the whole country), with the names the map shows.
-- Grain: one row per municipality of the scope (year and value null when it has no value); a monthly series
--        gives its latest month
-- Params: $indicator, $region (scope: a county code HV.., or SSS for the whole country), $sex, $grp
-- Columns: region_code, official_code, name_fi, name_sv, name_en, year, value, is_demo
with munis as (
    select r.region_code, r.official_code, r.name_fi, r.name_sv, r.name_en
    from regions r
    where r.region_type = 'kunta'
      and (
          $region = 'SSS'
          or r.region_code in (select m.region_code from region_membership m where m.parent_code = $region)
      )
),

latest as (
    select v.region_code, v.year, v.value, v.is_demo,
           row_number() over (partition by v.region_code order by v.year desc, v.month desc nulls last) as rn
    from indicator_values v
    where v.indicator_id = $indicator and v.sex = $sex and v.grp = $grp and v.value is not null
      and v.region_code in (select region_code from munis)
)

select m.region_code, m.official_code, m.name_fi, m.name_sv, m.name_en, l.year, l.value,
       coalesce(l.is_demo, false) as is_demo
from munis m
left join latest l on l.region_code = m.region_code and l.rn = 1
order by m.region_code
