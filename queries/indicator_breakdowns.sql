-- Purpose: which groups and sexes an indicator has values for in the given regions (to offer only real choices).
-- Grain: one row per group × sex.
-- Params: $indicator (indicator_id), $regions (list of region_code)
-- Columns: grp, sex, n
select grp, sex, count(*) as n
from indicator_values
where indicator_id = $indicator and list_contains($regions, region_code)
group by grp, sex
order by grp, sex
