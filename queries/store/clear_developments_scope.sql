-- Purpose: delete the stored developments (latest and as of plan years) of the regions whose verdicts the
--          incremental refresh recomputed, before it writes them again (tutka/verdicts/store.py).
-- Grain: none.
-- Params: $regions (list of region_code)
-- Columns: none (write).
delete from store_developments
where region_code in (select unnest($regions::varchar[]))
