-- Purpose: value counts, years and update time per indicator, materialised once per data version so that the
--          catalogue (Tietoa, indicator pickers) never scans indicator_values.
-- Grain: one row per indicator with values.
-- Params: none.
-- Columns: none (write).
insert into store_indicator_stats by name
select v.indicator_id, count(*) as n_values, count(*) filter (where v.is_demo) as n_demo,
       min(v.year) as first_year, max(v.year) as last_year, max(i.created_at) as updated_at
from indicator_values v
left join imports i using (import_id)
group by v.indicator_id
