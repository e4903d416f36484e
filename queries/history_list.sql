-- Purpose: every import, newest first — who, when, which file (and its content hash), row counts, status.
-- Grain: one row per import (seed/demo loads of data/ included, kind tells them apart)
-- Params: none
-- Columns: import_id, created_at, user_name, file_name, file_hash, sheet, kind, rows_total, rows_new, rows_changed,
--           rows_unchanged, replace_series, status, undone_at, note, values_now
with owned as (
    select import_id, count(*) as values_now from indicator_values group by import_id
)
select i.import_id, i.created_at, i.user_name, i.file_name, i.file_hash, i.sheet, i.kind, i.rows_total,
       i.rows_new, i.rows_changed, i.rows_unchanged, i.replace_series, i.status, i.undone_at, i.note,
       coalesce(o.values_now, 0) as values_now
from imports i
left join owned o using (import_id)
order by i.import_id desc
