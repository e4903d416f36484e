-- Purpose: the data version (bumped by every write; cached page queries are keyed on it).
-- Grain: one row
-- Params: none
-- Columns: data_version
select coalesce(max(cast(value as integer)), 0) as data_version from meta where key = 'data_version'
