-- Migration 001: the initial schema (tables as of the first version). Documented in docs/data-model.md.
create table if not exists meta (key varchar primary key, value varchar);

create table if not exists regions (
    region_code varchar primary key,     -- KU286 / MK08 / HV10 / SSS
    region_type varchar not null,        -- kunta | maakunta | hyvinvointialue | maa
    official_code varchar not null,
    name_fi varchar not null, name_sv varchar, name_en varchar,
    population integer, population_year integer,
    sotkanet_id integer,
    valid_from integer, valid_to integer  -- validity years (null = open); mergers end a municipality
);

create table if not exists region_membership (
    region_code varchar not null, parent_code varchar not null, parent_type varchar not null,
    valid_from integer, valid_to integer
);

create table if not exists indicators (
    indicator_id varchar primary key,
    title_fi varchar not null, title_sv varchar, title_en varchar,
    unit_fi varchar, unit_sv varchar, unit_en varchar, short_unit varchar,
    decimals integer not null, polarity varchar not null, topic varchar not null, kind varchar not null,
    survey_cycle integer, series_breaks integer[], groups varchar[], sexes varchar[],
    value_min double, value_max double,
    source_fi varchar, source_sv varchar, source_en varchar, source_org varchar, licence varchar,
    sotkanet_id integer,
    description_fi varchar, description_sv varchar, description_en varchar,
    aliases varchar[]                     -- other names official exports use (matched exactly by the importer)
);
alter table indicators add column if not exists aliases varchar[];  -- databases built before aliases existed

-- Long format; key (indicator_id, region_code, year, sex, grp) kept unique by the loaders.
create table if not exists indicator_values (
    indicator_id varchar not null, region_code varchar not null, year integer not null,
    sex varchar not null, grp varchar not null default '',
    value double, respondents integer, abs_value double, ci_low double, ci_high double,
    is_demo boolean not null default false, source varchar, import_id integer not null
);

create table if not exists imports (
    import_id integer primary key, created_at timestamp not null, user_name varchar,
    file_name varchar, file_hash varchar, sheet varchar, kind varchar not null,
    rows_total integer, rows_new integer, rows_changed integer, rows_unchanged integer,
    replace_series boolean default false, status varchar not null default 'done', undone_at timestamp, note varchar
);

-- Values an import overwrote or deleted (had_old = true) or inserted fresh (had_old = false): undo restores exactly.
create table if not exists value_history (
    import_id integer not null, indicator_id varchar not null, region_code varchar not null, year integer not null,
    sex varchar not null, grp varchar not null, had_old boolean not null,
    old_value double, old_respondents integer, old_abs_value double, old_ci_low double, old_ci_high double,
    old_is_demo boolean, old_source varchar, old_import_id integer
);

create table if not exists plans (
    plan_id varchar primary key, region_code varchar not null, title varchar, period varchar, year integer,
    document_kind varchar, adopted varchar, source varchar, intro varchar, cross_cutting varchar[]
);
create table if not exists plan_developments (plan_id varchar, polarity varchar, position integer, text varchar);
create table if not exists plan_goals (
    goal_id varchar primary key, plan_id varchar not null, position integer, title varchar, theme varchar, description varchar
);
create table if not exists plan_actions (
    action_id varchar primary key, goal_id varchar not null, plan_id varchar not null, position integer,
    scope varchar, age_group varchar, text varchar, progress varchar
);
create table if not exists action_responsibles (action_id varchar, position integer, unit varchar);
create table if not exists plan_metrics (
    metric_id varchar primary key, action_id varchar not null, position integer, text varchar, kind varchar
);
create table if not exists metric_indicators (metric_id varchar, indicator_id varchar);
create table if not exists plan_figures (
    action_id varchar, position integer, label varchar, value double, unit varchar, year integer,
    qualifier varchar, change_pct double, indicator_id varchar
);

-- Presentation mode: the presenter's saved deck per municipality (chosen goals and indicators in order, as JSON
-- {"plan_id": ..., "goals": [{"goal_id": ..., "indicators": [...]}, ...]}). Written by pages/esitys.py.
create table if not exists decks (
    region_code varchar primary key, plan_id varchar, definition varchar not null, updated_at timestamp not null
);

-- Who did what and when, for changes that the imports table does not describe (undo, deck save/reset, refused
-- writes). Read together with imports by queries/audit_list.sql on the admins' audit page.
create table if not exists audit_log (
    happened_at timestamp not null, user_name varchar, action varchar not null, region_code varchar,
    target varchar, allowed boolean not null, detail varchar
);
