-- Purpose: value counts, years and update time of some indicators (as queries/store/write_stats.sql), written by
--          the incremental refresh for the indicators an import or undo changed.
-- Grain: one row per indicator with values.
-- Params: $indicators (list of indicator_id)
-- Columns: none (write).
insert into store_indicator_stats by name
select v.indicator_id, count(*) as n_values, count(*) filter (where v.is_demo) as n_demo,
       min(v.year) as first_year, max(v.year) as last_year, max(i.created_at) as updated_at
from indicator_values v
left join imports i using (import_id)
where v.indicator_id in (select unnest($indicators::varchar[]))
group by v.indicator_id
