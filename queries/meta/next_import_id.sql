-- Purpose: the id the next import gets.
-- Grain: one row
-- Params: none
-- Columns: import_id
select coalesce(max(import_id), 0) + 1 as import_id from imports
