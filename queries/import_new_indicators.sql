-- Purpose: catalogue entries for indicators the user created during an upload (stored in the
-- database, not in data/indicators.yaml).
-- Grain: one row per new indicator; uses the registered relation `new_indicators`
-- Params: none
-- Columns: (insert) indicators
insert into indicators by name
select * from new_indicators
