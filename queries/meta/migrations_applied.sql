-- Purpose: migrations already applied to this database file.
-- Grain: one row per applied migration
-- Params: none
-- Columns: version, applied_at
select version, applied_at from schema_migrations order by version
