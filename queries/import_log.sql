-- Purpose: the imports row of an upload.
-- Grain: one row per import
-- Params: $import_id, $created_at, $user_name, $file_name, $file_hash, $sheet, $rows_total, $rows_new,
--          $rows_changed, $rows_unchanged, $replace_series, $note
-- Columns: (insert) imports
insert into imports
    (import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new, rows_changed,
     rows_unchanged, replace_series, status, undone_at, note)
values ($import_id, $created_at, $user_name, $file_name, $file_hash, $sheet, 'upload', $rows_total, $rows_new,
        $rows_changed, $rows_unchanged, $replace_series, 'done', null, $note)
