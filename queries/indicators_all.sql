-- Purpose: the indicator catalogue with data coverage, for pickers and the About page.
-- Grain: one row per indicator.
-- Params: none.
-- Columns: every indicators column, plus n_values, n_demo, first_year, last_year, updated_at
-- Coverage comes from store_indicator_stats (materialised once per data version by tutka/verdict_store.py), so the
-- catalogue never scans indicator_values.
select ind.*, coalesce(s.n_values, 0) as n_values, coalesce(s.n_demo, 0) as n_demo, s.first_year, s.last_year,
       s.updated_at
from indicators ind
left join store_indicator_stats s using (indicator_id)
order by ind.topic, ind.indicator_id
