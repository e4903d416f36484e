-- Purpose: the sources of the values in the database and how much of each is demo data (About page).
-- Grain: one row per source text.
-- Params: none.
-- Columns: source, is_demo, n_values, n_indicators, first_year, last_year
select source, is_demo, count(*) as n_values, count(distinct indicator_id) as n_indicators,
       min(year) as first_year, max(year) as last_year
from indicator_values
group by source, is_demo
order by is_demo, n_values desc
