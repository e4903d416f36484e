-- Purpose: save (insert or overwrite) the presentation deck definition of a municipality.
-- Grain: writes one row per region.
-- Params: $region (region_code), $plan (plan_id), $definition (JSON text, see tutka/present/definition.py)
-- Columns: none (write).
insert into decks (region_code, plan_id, definition, updated_at)
values ($region, $plan, $definition, current_localtimestamp())
on conflict (region_code) do update
set plan_id = excluded.plan_id, definition = excluded.definition, updated_at = excluded.updated_at
