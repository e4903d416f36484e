-- Purpose: delete the stored value counts of some indicators before the incremental refresh writes them again.
-- Grain: none.
-- Params: $indicators (list of indicator_id)
-- Columns: none (write).
delete from store_indicator_stats
where indicator_id in (select unnest($indicators::varchar[]))
