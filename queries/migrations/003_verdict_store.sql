-- Migration 003: the verdict store (tutka/verdicts/store.py): everything derived from the values once per data
-- version, stamped in meta (store_data_version, store_rules). One row per indicator × region × sex × group series; titles and explanation
-- sentences are added at read time in the shown language.
create table if not exists store_verdicts (
    indicator_id varchar, region_code varchar, sex varchar, grp varchar, kind varchar, polarity varchar,
    short_unit varchar, decimals bigint, latest_year bigint, latest_value double, latest_respondents double,
    previous_year double, previous_value double, change double, change_rel double, slope double, p_value double,
    n_points bigint, threshold double, direction bigint, verdict varchar, rule varchar, strength double,
    ci_separate boolean, county_code varchar, county_value double, county_verdict varchar, county_is_demo boolean,
    country_code varchar, country_value double, country_verdict varchar, country_is_demo boolean,
    gap_latest double, gap_previous double, gap_year double, gap_previous_year double, gap_trend varchar,
    gap_worse_sex varchar, is_demo boolean
);
-- The same columns for each plan's municipality as of the plan's year (as_of), for Etusivu's plan comparison.
create table if not exists store_plan_verdicts as select *, 0::bigint as as_of from store_verdicts with no data;
create table if not exists store_goal_rollups (
    plan_id varchar, region_code varchar, plan_title varchar, plan_year integer, document_kind varchar,
    goal_id varchar, position integer, title varchar, theme varchar, improved bigint, worsened bigint,
    no_change bigint, insufficient bigint, neutral bigint, n_indicators bigint, n_series bigint, assessed bigint,
    status varchar
);
create table if not exists store_indicator_stats (
    indicator_id varchar, n_values bigint, n_demo bigint, first_year integer, last_year integer, updated_at timestamp
);
create table if not exists store_source_stats (
    source varchar, is_demo boolean, n_values bigint, n_indicators bigint, first_year integer, last_year integer
);
