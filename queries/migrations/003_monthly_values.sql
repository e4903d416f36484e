-- Migration 003: monthly values keep their month (issue 9). `month` is null for an annual value and 1–12 for a
-- monthly one (2026M06); the grain becomes (indicator, region, year, month, sex, group). Documented in
-- docs/data-model.md and docs/import.md.
drop index if exists indicator_values_grain;
alter table indicator_values add column if not exists month integer;
alter table value_history add column if not exists month integer;
-- one value per grain key; coalesce so that two annual values (month null) of one key are refused too
create unique index if not exists indicator_values_grain_month
    on indicator_values (indicator_id, region_code, year, (coalesce(month, 0)), sex, grp);

-- One value per year of each series, for year-based views (verdicts, sparklines, council charts): annual values,
-- or, in a series that has monthly values, the month of its latest monthly value in every year — so June is
-- compared with June a year earlier, never with December.
create or replace view yearly_values as
with marked as (
    select v.*,
           max(case when v.month is not null then v.year * 100 + v.month end)
               over (partition by v.indicator_id, v.region_code, v.sex, v.grp) as last_monthly
    from indicator_values v
)
select * exclude (last_monthly)
from marked
where case when last_monthly is null then month is null else month = last_monthly % 100 end;
