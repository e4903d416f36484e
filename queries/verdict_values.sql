-- Purpose: the indicator values the verdict engine reads: the given regions plus their wellbeing services county
--          and the whole country (for the benchmarks); an empty list means every region (national scale).
--          Monthly series give one value per year: the month of their latest value (view yearly_values), so a June
--          figure is compared with June a year earlier. A series with any real (non-demo) value uses only its real
--          values: demo points never decide a verdict next to real ones. The incremental verdict-store refresh
--          reads only the indicators it recomputes.
-- Grain: one row per indicator × region × year × sex × group.
-- Params: $regions (list of region_code; [] = all regions), $indicators (list of indicator_id; NULL = all)
-- Columns: indicator_id, region_code, year, month, sex, grp, value, respondents, ci_low, ci_high, is_demo
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
),

in_scope as (
    select v.*, bool_or(not v.is_demo) over (partition by v.indicator_id, v.region_code, v.sex, v.grp) as has_real
    from yearly_values v
    where (len($regions::varchar[]) = 0 or v.region_code in (select region_code from scope))
      and ($indicators::varchar[] is null or list_contains($indicators::varchar[], v.indicator_id))
)

select indicator_id, region_code, year, month, sex, grp, value, respondents, ci_low, ci_high, is_demo
from in_scope
where not (has_real and is_demo)
order by indicator_id, region_code, sex, grp, year
