-- Purpose: one import by id.
-- Grain: zero or one row
-- Params: $import_id
-- Columns: import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new,
--           rows_changed, rows_unchanged, replace_series, status, undone_at, note
select import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new, rows_changed,
       rows_unchanged, replace_series, status, undone_at, note
from imports
where import_id = $import_id
