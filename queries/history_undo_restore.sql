-- Purpose: put back, exactly, the values an import overwrote or deleted (same value, respondents,
-- CI, demo flag, source and owning import), for keys no later active import has touched since.
-- Grain: inserts one indicator_values row per key of $import_id that had an old value
-- Params: $import_id
-- Columns: (insert) indicator_values
insert into indicator_values
    (indicator_id, region_code, year, month, sex, grp, value, respondents, abs_value, ci_low, ci_high, is_demo, source,
     import_id)
select h.indicator_id, h.region_code, h.year, h.month, h.sex, h.grp, h.old_value, h.old_respondents, h.old_abs_value,
       h.old_ci_low, h.old_ci_high, coalesce(h.old_is_demo, false), h.old_source, h.old_import_id
from value_history h
where h.import_id = $import_id and h.had_old
  and not exists (
      select 1 from value_history l join imports i on i.import_id = l.import_id
      where i.status = 'done' and l.import_id > h.import_id
        and l.indicator_id = h.indicator_id and l.region_code = h.region_code and l.year = h.year
        and l.sex = h.sex and l.grp = h.grp and l.month is not distinct from h.month)
order by h.indicator_id, h.region_code, h.year, h.month nulls first, h.sex, h.grp
