-- import_log: the imports row of an upload.
-- grain: one row per import
-- params: $import_id, $created_at, $user_name, $file_name, $file_hash, $sheet, $rows_total, $rows_new,
--         $rows_changed, $rows_unchanged, $replace_series, $note
-- columns: (insert) imports
insert into imports
    (import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new, rows_changed,
     rows_unchanged, replace_series, status, undone_at, note)
values ($import_id, $created_at, $user_name, $file_name, $file_hash, $sheet, 'upload', $rows_total, $rows_new,
        $rows_changed, $rows_unchanged, $replace_series, 'done', null, $note)
