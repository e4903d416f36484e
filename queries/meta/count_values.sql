-- Purpose: how many indicator values the database holds (CLI export summary).
-- Grain: one row
-- Params: none
-- Columns: n
select count(*) as n from indicator_values
