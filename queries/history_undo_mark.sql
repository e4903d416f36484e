-- history_undo_mark: mark an import undone (its history rows stay, for the record).
-- grain: updates one imports row
-- params: $import_id, $undone_at
-- columns: (update) imports
update imports set status = 'undone', undone_at = $undone_at where import_id = $import_id
