-- Migration 002: one value per grain key. indicator_values had no unique key on its grain, so a bug could store
-- two values for one (indicator, region, year, sex, group) and the pages would pick one silently.
-- A database that already holds duplicates refuses this migration (and stays at the earlier version).
create unique index if not exists indicator_values_grain
    on indicator_values (indicator_id, region_code, year, sex, grp);
