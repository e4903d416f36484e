-- Purpose: the regions a fetch keeps: the chosen regions plus their wellbeing services county, maakunta and the
--          whole country (the benchmarks of every view); an empty list means every region we know.
-- Grain: one row per region code.
-- Params: $regions (list of region_code; [] = all regions)
-- Columns: region_code
with wanted as (
    select unnest($regions::varchar[]) as region_code
)

select r.region_code
from regions r
where len($regions::varchar[]) = 0
   or r.region_code in (select region_code from wanted)
   or r.region_code in (
       select m.parent_code
       from region_membership m
       join wanted w using (region_code)
   )
order by r.region_code
