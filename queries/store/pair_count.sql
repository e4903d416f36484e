-- Purpose: how many (indicator, region) pairs the verdict store holds: an incremental refresh that would recompute
--          more than half of them recomputes everything instead (cheaper).
-- Grain: one row.
-- Params: none.
-- Columns: n
select count(*) as n from (select distinct indicator_id, region_code from store_verdicts)
