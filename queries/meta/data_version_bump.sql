-- Purpose: bump the data version inside a writing transaction (readers see it together with the new data).
-- Grain: one meta row updated
-- Params: none
-- Columns: (update) meta
update meta set value = cast(cast(value as integer) + 1 as varchar) where key = 'data_version'
