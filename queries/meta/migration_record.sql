-- Purpose: record one applied migration and the schema version it brings the database to.
-- Grain: one row written to schema_migrations, one meta row updated
-- Params: $version (file stem, e.g. 002_unique_value_grain), $applied_at
-- Columns: (insert) schema_migrations
insert into schema_migrations (version, applied_at) values ($version, $applied_at)
