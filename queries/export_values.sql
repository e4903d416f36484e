-- Purpose: every indicator value in long format, for `python -m tutka export` and export digests in tests.
-- Grain: one row per indicator × region × year × month (null = annual) × sex × group.
-- Params: none.
-- Columns: indicator_id, region_code, year, month, sex, group, value, respondents, abs_value, ci_low, ci_high,
--          is_demo, source, import_id
select
    indicator_id, region_code, year, month, sex, grp as "group", value, respondents, abs_value, ci_low, ci_high,
    is_demo, source, import_id
from indicator_values
order by indicator_id, region_code, year, month nulls first, sex, grp
