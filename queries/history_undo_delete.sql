-- Purpose: remove the values an import wrote, for keys no later active import has touched since.
-- Grain: deletes at most one indicator_values row per key of $import_id
-- Params: $import_id
-- Columns: (delete)
delete from indicator_values v
where exists (
    select 1 from value_history h
    where h.import_id = $import_id
      and h.indicator_id = v.indicator_id and h.region_code = v.region_code and h.year = v.year
      and h.sex = v.sex and h.grp = v.grp and h.month is not distinct from v.month
      and not exists (
          select 1 from value_history l join imports i on i.import_id = l.import_id
          where i.status = 'done' and l.import_id > h.import_id
            and l.indicator_id = h.indicator_id and l.region_code = h.region_code and l.year = h.year
            and l.sex = h.sex and l.grp = h.grp and l.month is not distinct from h.month)
)
