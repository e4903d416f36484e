-- Purpose: the sources of the values and how much of each is demo data, materialised once per data version (Tietoa).
-- Grain: one row per source text × demo flag.
-- Params: none.
-- Columns: none (write).
insert into store_source_stats by name
select source, is_demo, count(*) as n_values, count(distinct indicator_id) as n_indicators,
       min(year) as first_year, max(year) as last_year
from indicator_values
group by source, is_demo
