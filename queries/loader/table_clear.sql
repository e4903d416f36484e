-- Purpose: empty one reference table before init reloads it from data/ ({table} from the whitelist in tutka/queries.py).
-- Grain: every row of {table} deleted
-- Params: none
-- Columns: (delete) {table}
delete from {table}
