-- Migration 005: plans as the coordinator's own documents (tutka/plans/, docs/plans.md).
-- Plan editing (tutka/plans/): every child table carries plan_id so a plan's rows can be snapshotted and restored
-- exactly; metrics may carry a target; actions have a yearly follow-up; every plan save is logged in plan_changes.
alter table plan_developments add column if not exists plan_id varchar;
alter table action_responsibles add column if not exists plan_id varchar;
alter table plan_metrics add column if not exists plan_id varchar;
alter table metric_indicators add column if not exists plan_id varchar;
alter table metric_indicators add column if not exists position integer;
alter table plan_figures add column if not exists plan_id varchar;
alter table plan_metrics add column if not exists target_kind varchar;      -- value | yesno | count
alter table plan_metrics add column if not exists target_op varchar;        -- lt | le | gt | ge | eq
alter table plan_metrics add column if not exists target_value double;
alter table plan_metrics add column if not exists target_year integer;
alter table plan_metrics add column if not exists target_unit varchar;
alter table plan_metrics add column if not exists target_group varchar;     -- e.g. '8.–9. lk' ('' = none)
alter table plans add column if not exists origin varchar;                  -- seed (data/plans) | user
create table if not exists action_followups (
    plan_id varchar not null, action_id varchar not null, year integer not null,
    status varchar not null,                                                -- tutka/domain.py FOLLOWUP_STATUSES
    progress varchar
);
create table if not exists plan_changes (
    change_id integer primary key, plan_id varchar not null, region_code varchar, created_at timestamp not null,
    user_name varchar, kind varchar not null,                               -- import | edit | create | delete
    summary varchar, file_name varchar, before_json varchar, after_json varchar,
    status varchar not null default 'done', undone_at timestamp
);
-- Databases built before this migration: give the existing plan rows their plan_id, and load the follow-up that a
-- report document states (the loader does the same for fresh databases), so the editor sees whole plans.
update action_responsibles set plan_id = (
    select a.plan_id from plan_actions a where a.action_id = action_responsibles.action_id
) where plan_id is null;
update plan_metrics set plan_id = (
    select a.plan_id from plan_actions a where a.action_id = plan_metrics.action_id
) where plan_id is null;
update plan_figures set plan_id = (
    select a.plan_id from plan_actions a where a.action_id = plan_figures.action_id
) where plan_id is null;
update metric_indicators set plan_id = (
    select m.plan_id from plan_metrics m where m.metric_id = metric_indicators.metric_id
) where plan_id is null;
update plans set origin = 'seed' where origin is null;
insert into action_followups (plan_id, action_id, year, status, progress)
select a.plan_id, a.action_id, p.year, 'ei_ilmoitettu', a.progress
from plan_actions a
join plans p on p.plan_id = a.plan_id
where p.document_kind = 'report' and p.year is not null and a.progress is not null
  and a.action_id not in (select action_id from action_followups);
