-- Purpose: the verdicts of every series, from the frame registered as _store_verdicts (tutka/verdicts/store.py).
-- Grain: one row per indicator × region × sex × group series.
-- Params: none (reads the registered frame _store_verdicts).
-- Columns: none (write).
insert into store_verdicts by name
select * from _store_verdicts
order by region_code, indicator_id, sex, grp
