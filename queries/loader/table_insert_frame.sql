-- Purpose: insert the registered frame `_frame` into one table by column name ({table} from the whitelist).
-- Grain: one row per frame row
-- Params: none
-- Columns: (insert) {table}
insert into {table} by name select * from _frame
