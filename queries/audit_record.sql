-- Purpose: append one event to the audit log (who did what, where, allowed or refused).
-- Grain: writes one row per event.
-- Params: $happened_at (timestamp), $user_name, $action, $region_code (comma-separated codes or null), $target (e.g. import
--         id), $allowed (boolean), $detail (refusal message or note)
-- Columns: none (write).
insert into audit_log (happened_at, user_name, action, region_code, target, allowed, detail)
values ($happened_at, $user_name, $action, $region_code, $target, $allowed, $detail)
