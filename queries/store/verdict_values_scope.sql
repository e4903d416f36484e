-- Purpose: the values the verdict engine reads (as queries/verdict_values.sql) for some indicators only, in the
--          given regions and their wellbeing services county and the country: the input of the incremental
--          verdict-store refresh.
-- Grain: one row per indicator × region × year × sex × group.
-- Params: $indicators (list of indicator_id), $regions (list of region_code)
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
    where v.indicator_id in (select unnest($indicators::varchar[]))
      and v.region_code in (select region_code from scope)
)

select indicator_id, region_code, year, month, sex, grp, value, respondents, ci_low, ci_high, is_demo
from in_scope
where not (has_real and is_demo)
order by indicator_id, region_code, sex, grp, year
