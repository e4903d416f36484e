-- Purpose: the sources behind the values of some regions (captions under overview charts: source + update date).
-- Grain: one row per source text.
-- Params: $regions (list of region_code)
-- Columns: source, is_demo, n_values, updated_at
select v.source, bool_or(v.is_demo) as is_demo, count(*) as n_values, max(i.created_at) as updated_at
from indicator_values v
left join imports i using (import_id)
where list_contains($regions, v.region_code)
group by v.source
order by n_values desc
