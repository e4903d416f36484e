-- Purpose: the indicator catalogue with data coverage, for pickers and the About page.
-- Grain: one row per indicator.
-- Params: none.
-- Columns: every indicators column, plus n_values, n_demo, first_year, last_year, updated_at
with value_stats as (
    select indicator_id, count(*) as n_values, count(*) filter (where is_demo) as n_demo,
           min(year) as first_year, max(year) as last_year, max(i.created_at) as updated_at
    from indicator_values v
    left join imports i using (import_id)
    group by indicator_id
)
select ind.*, coalesce(s.n_values, 0) as n_values, coalesce(s.n_demo, 0) as n_demo, s.first_year, s.last_year,
       s.updated_at
from indicators ind
left join value_stats s using (indicator_id)
order by ind.topic, ind.indicator_id
