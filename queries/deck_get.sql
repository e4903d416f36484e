-- Purpose: the saved presentation deck definition of a municipality (chosen goals and indicators, in order).
-- Grain: one row per region; no row when the presenter has not saved a deck.
-- Params: $region (region_code)
-- Columns: region_code, plan_id, definition, updated_at
select region_code, plan_id, definition, updated_at
from decks
where region_code = $region
