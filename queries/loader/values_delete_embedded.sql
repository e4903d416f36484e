-- Purpose: before init reloads data/values, remove what earlier seed/demo loads wrote and rows whose import is gone
-- (an undo after a re-init restores seed rows under their old import id). Uploaded values stay.
-- Grain: rows of indicator_values deleted
-- Params: none
-- Columns: (delete) indicator_values
delete from indicator_values
where import_id in (select import_id from imports where kind in ('seed', 'demo'))
   or import_id not in (select import_id from imports)
