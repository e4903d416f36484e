-- Purpose: the (indicator, region) pairs an import wrote, overwrote or deleted — and so also those its undo changes:
--          the series the incremental verdict-store refresh recomputes (tutka/verdicts/store.py).
-- Grain: one row per indicator × region.
-- Params: $import_id
-- Columns: indicator_id, region_code
select distinct indicator_id, region_code
from value_history
where import_id = $import_id
order by indicator_id, region_code
