-- Purpose: the stored verdicts of some regions as of a plan's year, with the indicator titles in every language.
-- Grain: one row per indicator × region × sex × group series.
-- Params: $regions (list of region_code), $as_of (year)
-- Columns: every store_plan_verdicts column, title_fi, title_sv, title_en
select s.*, i.title_fi, i.title_sv, i.title_en
from store_plan_verdicts s
left join indicators i using (indicator_id)
where s.region_code in (select unnest($regions::varchar[])) and s.as_of = $as_of
order by s.indicator_id, s.region_code, s.sex, s.grp
