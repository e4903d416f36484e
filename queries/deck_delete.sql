-- Purpose: forget the saved deck of a municipality (the presentation falls back to the default deck).
-- Grain: deletes at most one row per region.
-- Params: $region (region_code)
-- Columns: none (write).
delete from decks
where region_code = $region
