-- Purpose: the stored latest verdict of one series (indicator × sex × group) for some regions: the map's verdict
--          colours, read without every verdict of every municipality of the scope (issue 13).
-- Grain: one row per region that has the series.
-- Params: $indicator, $sex, $grp, $regions (list of region_code)
-- Columns: region_code, verdict
select s.region_code, s.verdict
from store_verdicts s
where s.indicator_id = $indicator and s.sex = $sex and s.grp = $grp
  and s.region_code in (select unnest($regions::varchar[]))
order by s.region_code
