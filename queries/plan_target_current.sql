-- Purpose: the current value behind each metric target of a plan: the latest non-missing value of the metric's first
--          linked indicator in the plan's region (sex total, the target's school level or no group).
-- Grain: one row per metric that has a target and a linked indicator with a value.
-- Params: $plan (plan_id), $region (region_code of the plan)
-- Columns: metric_id, action_id, indicator_id, year, value, is_demo, decimals, short_unit, polarity
with targets as (
    select metric_id, action_id, coalesce(target_group, '') as grp
    from plan_metrics
    where plan_id = $plan and target_kind is not null
),
first_link as (
    select metric_id, arg_min(indicator_id, coalesce(position, 0)) as indicator_id
    from metric_indicators
    where plan_id = $plan
    group by metric_id
),
latest as (
    select t.metric_id, t.action_id, f.indicator_id, v.year, v.value, v.is_demo,
           row_number() over (partition by t.metric_id order by v.year desc) as rn
    from targets t
    join first_link f using (metric_id)
    join indicator_values v
      on v.indicator_id = f.indicator_id and v.region_code = $region and v.sex = 'total' and v.grp = t.grp
     and v.value is not null
)
select l.metric_id, l.action_id, l.indicator_id, l.year, l.value, l.is_demo, i.decimals, i.short_unit, i.polarity
from latest l
join indicators i using (indicator_id)
where l.rn = 1
