-- Purpose: the indicator values the verdict engine reads: the given regions plus their wellbeing services county
--          and the whole country (for the benchmarks); an empty list means every region (national scale).
-- Grain: one row per indicator × region × year × sex × group.
-- Params: $regions (list of region_code; [] = all regions)
-- Columns: indicator_id, region_code, year, sex, grp, value, respondents, ci_low, ci_high, is_demo
with wanted as (
    select unnest($regions::varchar[]) as region_code
),

scope as (
    select region_code from wanted
    union
    select m.parent_code as region_code
    from region_membership m
    join wanted w using (region_code)
    where m.parent_type in ('hyvinvointialue', 'maa')
)

select v.indicator_id, v.region_code, v.year, v.sex, v.grp, v.value, v.respondents, v.ci_low, v.ci_high, v.is_demo
from indicator_values v
where len($regions::varchar[]) = 0
   or v.region_code in (select region_code from scope)
order by v.indicator_id, v.region_code, v.sex, v.grp, v.year
