-- Migration 004: the audit log (sign-in and roles, issue 11).
-- Who did what and when, for changes that the imports table does not describe (undo, deck save/reset, refused
-- writes). Read together with imports by queries/audit_list.sql on the admins' audit page.
create table if not exists audit_log (
    happened_at timestamp not null, user_name varchar, action varchar not null, region_code varchar,
    target varchar, allowed boolean not null, detail varchar
);
