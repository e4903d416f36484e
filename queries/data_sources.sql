-- Purpose: the sources of the values in the database and how much of each is demo data (About page).
-- Grain: one row per source text.
-- Params: none.
-- Columns: source, is_demo, n_values, n_indicators, first_year, last_year
-- Read from store_source_stats (materialised once per data version by tutka/verdict_store.py).
select source, is_demo, n_values, n_indicators, first_year, last_year
from store_source_stats
order by is_demo, n_values desc
