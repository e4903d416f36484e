"""Tavoite — is this plan goal on track? Every action of the goal with its metrics and the statistics linked to them:
a sparkline, the verdict and its one-sentence explanation per indicator series."""

import streamlit as st

from tutka.app import verdicts as vu
from tutka.app.common import current_region, demo_banner, empty_state, page_start, region_names, run_query, url_widget
from tutka.app.suunnitelma import present, target_distances
from tutka.domain import TARGET_STATUS_SYMBOLS
from tutka.i18n import get_lang, t
from tutka.tables import age_group_label
from tutka.textsafe import md

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
region = current_region()
name = region_names().get(region, region)
st.title(t("v.page.goal"))

# --- Inputs -------------------------------------------------------------------------------------------------------
goals, series = vu.rollup(region)
if goals.empty:
    empty_state("v.overview.no_plan", municipality=name)
    st.stop()
titles = dict(zip(goals["goal_id"], goals["title"], strict=False))
ids = goals["goal_id"].tolist()
# links from Etusivu carry the goal id in the URL (?tavoite_id=…)
goal_id = url_widget(st.selectbox, t("v.goal.pick"), ids, format_func=titles.get, key="tavoite_id")
goal = goals.set_index("goal_id").loc[goal_id]

# --- Data ---------------------------------------------------------------------------------------------------------
plan_id = goal["plan_id"]
actions = run_query("plan_actions", plan=plan_id)
actions = actions[actions["goal_id"] == goal_id]
metrics = run_query("plan_metrics", plan=plan_id)
distances = target_distances(plan_id, region, lang)
followups = run_query("plan_followups", plan=plan_id)
latest_followup = {r["action_id"]: r for r in followups.sort_values("year").to_dict("records")}
goal_rows = vu.sort_for_display(series[series["goal_id"] == goal_id])
sparks = vu.sparklines(region, goal_rows["indicator_id"].tolist())
by_indicator = {k: g for k, g in goal_rows.groupby("indicator_id")}

# --- Display ------------------------------------------------------------------------------------------------------
demo_banner(bool(goal_rows["is_demo"].fillna(False).astype(bool).any()))
st.subheader(md(goal["title"]))
st.markdown(vu.status_badge(goal["status"]) + "  " + vu.counts_line(goal))
st.caption(t("v.goal.status_rule"))
with st.expander(t("v.goal.all_series", n=len(goal_rows)), expanded=True):
    if goal_rows.empty:
        st.markdown(t("v.goal.no_links"))
    else:
        vu.show_verdict_table(goal_rows, lang, sparks, key="all_series")
vu.legend_caption()

metrics_by_action = {a: m for a, m in metrics.groupby("action_id")}
for action in actions.to_dict("records"):
    with st.container(border=True):
        tags = [t(f"plan.scope_{action['scope']}")] + (
            [age_group_label(action["age_group"], lang)] if present(action["age_group"]) else []
        )
        st.markdown(f"**{md(action['text'])}**  \n" + " · ".join(md(x) for x in tags))
        if len(action["responsible"]):
            st.caption(t("plan.responsible") + ": " + md("; ".join(action["responsible"])))
        follow = latest_followup.get(action["action_id"])
        if follow is not None:
            st.caption(
                t("plan.followup_line", year=int(follow["year"]), status=t(f"plan.status_{follow['status']}"))
                + (" " + md(follow["progress"]) if present(follow["progress"]) else "")
            )
        action_metrics = metrics_by_action.get(action["action_id"])
        if action_metrics is None:
            continue
        lines = []
        for m in action_metrics.to_dict("records"):
            dist = distances.get(m["metric_id"])
            extra = f" — 🎯 {TARGET_STATUS_SYMBOLS[dist.status]} {md(dist.text)}" if dist else ""
            lines.append(f"- {md(m['text'])}{extra}")
        st.markdown("\n".join(lines))
        # each indicator once: the table above lists every series; an action names its indicators as links
        ids = sorted({i for m in action_metrics["indicator_ids"] for i in m})
        links = [vu.indicator_link(by_indicator[i], region, lang) for i in ids if i in by_indicator]
        st.markdown(t("v.goal.indicators") + ": " + " · ".join(links) if links else t("v.goal.no_statistic"))
