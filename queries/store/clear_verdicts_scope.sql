-- Purpose: delete the stored verdicts of the (indicator, region) pairs registered as _store_scope, before the
--          incremental refresh writes them again (tutka/verdicts/store.py).
-- Grain: none.
-- Params: none (reads the registered frame _store_scope: indicator_id, region_code).
-- Columns: none (write).
delete from store_verdicts s
using _store_scope x
where s.indicator_id = x.indicator_id and s.region_code = x.region_code
