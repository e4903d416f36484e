-- Purpose: insert one embedded value file (registered frame `_frame`); a key that already has a value (an upload,
-- or a real file loaded earlier) is kept, so real figures win over demo rows of the same key.
-- Grain: one row per frame row whose key is not yet in indicator_values
-- Params: none
-- Columns: (insert) indicator_values
insert into indicator_values by name
select f.* from _frame f
anti join indicator_values v
  on v.indicator_id = f.indicator_id and v.region_code = f.region_code and v.year = f.year and v.sex = f.sex
 and v.grp = f.grp and v.month is null  -- embedded files are annual: a monthly upload does not hide them
order by indicator_id, region_code, year, sex, grp
