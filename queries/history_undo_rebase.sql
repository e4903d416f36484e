-- Purpose: undoing an import whose keys a later, still active import has since overwritten. The later
-- value stays; the later import's history gets the values from before the undone import, so that undoing the later
-- one afterwards restores the state as if the undone import had never happened.
-- Grain: updates one value_history row per key of $import_id touched later (the first later active import)
-- Params: $import_id
-- Columns: (update) value_history
update value_history as b
set had_old = a.had_old, old_value = a.old_value, old_respondents = a.old_respondents,
    old_abs_value = a.old_abs_value, old_ci_low = a.old_ci_low, old_ci_high = a.old_ci_high,
    old_is_demo = a.old_is_demo, old_source = a.old_source, old_import_id = a.old_import_id
from (
    select h.*,
           (select min(l.import_id)
            from value_history l
            join imports i on i.import_id = l.import_id
            where i.status = 'done' and l.import_id > h.import_id
              and l.indicator_id = h.indicator_id and l.region_code = h.region_code and l.year = h.year
              and l.sex = h.sex and l.grp = h.grp and l.month is not distinct from h.month) as next_import_id
    from value_history h
    where h.import_id = $import_id
) as a
where b.import_id = a.next_import_id
  and b.indicator_id = a.indicator_id and b.region_code = a.region_code and b.year = a.year
  and b.sex = a.sex and b.grp = a.grp and b.month is not distinct from a.month
