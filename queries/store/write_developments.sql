-- Purpose: the grouped developments (tutka.verdicts.developments.group) of some regions, latest and as of plan years,
--          from the frame registered as _store_developments (tutka/verdicts/store.py).
-- Grain: one row per region × as-of year × phrase × series behind it.
-- Params: none (reads the registered frame _store_developments).
-- Columns: none (write).
insert into store_developments by name
select * from _store_developments
order by region_code, as_of nulls first, side, item, position
