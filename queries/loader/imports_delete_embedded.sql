-- Purpose: forget the import log rows of earlier seed/demo loads (init writes them again).
-- Grain: rows of imports deleted
-- Params: none
-- Columns: (delete) imports
delete from imports where kind in ('seed', 'demo')
