-- Purpose: log one plan save (who, when, before/after snapshot as JSON) so it can be undone exactly.
-- Grain: writes one row.
-- Params: $id, $plan, $region, $ts, $user, $kind, $summary, $file, $before, $after
insert into plan_changes (change_id, plan_id, region_code, created_at, user_name, kind, summary, file_name,
                          before_json, after_json, status)
values ($id, $plan, $region, $ts, $user, $kind, $summary, $file, $before, $after, 'done')
