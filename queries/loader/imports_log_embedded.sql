-- Purpose: log one embedded value file as an import of kind seed (real) or demo.
-- Grain: one row written to imports
-- Params: $import_id, $created_at, $file_name, $file_hash, $kind, $rows
-- Columns: (insert) imports
insert into imports (import_id, created_at, user_name, file_name, file_hash, kind, rows_total, rows_new,
                     rows_changed, rows_unchanged, status, note)
values ($import_id, $created_at, 'järjestelmä', $file_name, $file_hash, $kind, $rows, $rows, 0, 0, 'done',
        'data/values')
