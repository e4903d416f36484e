-- Purpose: the meta keys every database has (data_version starts at 0); existing keys are kept.
-- Grain: at most one row per missing key
-- Params: none
-- Columns: (insert) meta
insert into meta
select * from (values ('data_version', '0')) m(key, value)
where m.key not in (select key from meta)
