-- Purpose: every stored plan with its region name and size.
-- Grain: one row per plan.
-- Params: none
-- Columns: plan_id, region_code, region_name, title, period, year, document_kind, origin, n_goals, n_actions,
--          n_metrics, n_changes
with goals as (select plan_id, count(*) as n from plan_goals group by plan_id),
actions as (select plan_id, count(*) as n from plan_actions group by plan_id),
metrics as (select plan_id, count(*) as n from plan_metrics group by plan_id),
changes as (select plan_id, count(*) as n from plan_changes where status = 'done' group by plan_id)
select p.plan_id, p.region_code, r.name_fi as region_name, p.title, p.period, p.year, p.document_kind, p.origin,
       coalesce(g.n, 0) as n_goals, coalesce(a.n, 0) as n_actions, coalesce(m.n, 0) as n_metrics,
       coalesce(c.n, 0) as n_changes
from plans p
left join regions r using (region_code)
left join goals g using (plan_id)
left join actions a using (plan_id)
left join metrics m using (plan_id)
left join changes c using (plan_id)
order by p.region_code, p.year desc nulls last, p.plan_id
