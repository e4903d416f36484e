-- Purpose: remember the schema version (the number of the last applied migration) in meta.
-- Grain: one meta row inserted or replaced
-- Params: $version
-- Columns: (insert) meta
insert or replace into meta (key, value) values ('schema_version', $version)
