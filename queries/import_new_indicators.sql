-- import_new_indicators: catalogue entries for indicators the user created during an upload (stored in the
-- database, not in data/indicators.yaml).
-- grain: one row per new indicator; uses the registered relation `new_indicators`
-- params: none
-- columns: (insert) indicators
insert into indicators by name
select * from new_indicators
