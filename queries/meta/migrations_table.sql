-- Purpose: the migrations log (created before any migration runs, so it exists in every database version).
-- Grain: one row per applied migration
-- Params: none
-- Columns: (create) schema_migrations
create table if not exists schema_migrations (version varchar primary key, applied_at timestamp not null)
