-- Purpose: municipalities a coordinator can pick: those with a plan or with indicator values, and wellbeing services
--          counties that have a plan.
-- Grain: one row per municipality.
-- Params: none.
-- Columns: region_code, name_fi, has_plan
with with_values as (
    select distinct region_code from indicator_values where region_code like 'KU%'
),
with_plans as (
    select distinct region_code from plans
)
select r.region_code, r.name_fi, r.region_code in (select region_code from with_plans) as has_plan
from regions r
where (r.region_type = 'kunta'
       and (r.region_code in (select region_code from with_values) or r.region_code in (select region_code from with_plans)))
   or (r.region_type = 'hyvinvointialue' and r.region_code in (select region_code from with_plans))
order by has_plan desc, r.name_fi
