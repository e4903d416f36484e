-- Purpose: the audit trail for admins — every import (who, when, file) and every logged event (undo, deck save or
--          reset, refused writes), newest first.
-- Grain: one row per import or logged event.
-- Params: $limit (most recent rows to return)
-- Columns: happened_at, user_name, action, region_code, target, allowed, detail
with import_events as (
    select created_at as happened_at, user_name, 'import' as action, cast(null as varchar) as region_code,
           cast(import_id as varchar) || ' · ' || coalesce(file_name, '') as target, true as allowed,
           kind || ' · ' || coalesce(cast(rows_total as varchar), '0') as detail
    from imports
),
logged as (
    select happened_at, user_name, action, region_code, target, allowed, detail from audit_log
)
select happened_at, user_name, action, region_code, target, allowed, detail
from (select * from import_events union all select * from logged)
order by happened_at desc
limit $limit
