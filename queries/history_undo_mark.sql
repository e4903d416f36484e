-- Purpose: mark an import undone (its history rows stay, for the record).
-- Grain: updates one imports row
-- Params: $import_id, $undone_at
-- Columns: (update) imports
update imports set status = 'undone', undone_at = $undone_at where import_id = $import_id
