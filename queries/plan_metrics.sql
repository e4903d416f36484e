-- Purpose: the metrics of a plan's actions with the indicators linked to each metric.
-- Grain: one row per metric.
-- Params: $plan (plan_id)
-- Columns: metric_id, action_id, position, text, kind, indicator_ids (list), indicator_titles_fi (list)
with links as (
    select mi.metric_id, list(mi.indicator_id order by mi.indicator_id) as indicator_ids,
           list(i.title_fi order by mi.indicator_id) as indicator_titles_fi
    from metric_indicators mi
    join indicators i using (indicator_id)
    group by mi.metric_id
)
select m.metric_id, m.action_id, m.position, m.text, m.kind,
       coalesce(l.indicator_ids, []::varchar[]) as indicator_ids,
       coalesce(l.indicator_titles_fi, []::varchar[]) as indicator_titles_fi
from plan_metrics m
join plan_actions a using (action_id)
left join links l using (metric_id)
where a.plan_id = $plan
order by m.action_id, m.position
