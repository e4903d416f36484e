-- Purpose: empty store_developments before the verdict store writes the new data version's rows (tutka/verdicts/store.py).
-- Grain: none.
-- Params: none.
-- Columns: none (write).
delete from store_developments
