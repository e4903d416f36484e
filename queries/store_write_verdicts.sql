-- Purpose: replace the stored verdicts with the frame registered as _store_verdicts (tutka.verdict_store.refresh).
-- Grain: one row per indicator × region × sex × group series.
-- Params: none (reads the registered frame _store_verdicts).
-- Columns: none (write).
create or replace table store_verdicts as
select * from _store_verdicts
order by region_code, indicator_id, sex, grp
