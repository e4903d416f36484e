-- history_import: one import by id.
-- grain: zero or one row
-- params: $import_id
-- columns: import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new,
--          rows_changed, rows_unchanged, replace_series, status, undone_at, note
select import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new, rows_changed,
       rows_unchanged, replace_series, status, undone_at, note
from imports
where import_id = $import_id
