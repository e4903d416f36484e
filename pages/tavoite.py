"""Tavoite — is this plan goal on track? Every action of the goal with its metrics and the statistics linked to them:
a sparkline, the verdict and its one-sentence explanation per indicator series."""

import pandas as pd
import streamlit as st

from tutka.app import verdicts as vu
from tutka.app.common import current_region, demo_banner, empty_state, page_start, region_names, run_query, url_widget
from tutka.app.suunnitelma import present
from tutka.i18n import get_lang, t

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
goal_rows = vu.sort_for_display(series[series["goal_id"] == goal_id])
sparks = vu.sparklines(region, goal_rows["indicator_id"].tolist())
by_indicator = {k: g for k, g in goal_rows.groupby("indicator_id")}

# --- Display ------------------------------------------------------------------------------------------------------
demo_banner(bool(goal_rows["is_demo"].fillna(False).astype(bool).any()))
st.subheader(goal["title"])
st.markdown(vu.status_badge(goal["status"]) + "  " + vu.counts_line(goal))
st.caption(t("v.goal.status_rule"))
with st.expander(t("v.goal.all_series", n=len(goal_rows)), expanded=False):
    if goal_rows.empty:
        st.markdown(t("v.goal.no_links"))
    else:
        vu.show_verdict_table(goal_rows, lang, sparks, key="all_series")
vu.legend_caption()

metrics_by_action = {a: m for a, m in metrics.groupby("action_id")}
for action in actions.to_dict("records"):
    with st.container(border=True):
        tags = [t(f"plan.scope_{action['scope']}")] + ([action["age_group"]] if present(action["age_group"]) else [])
        st.markdown(f"**{action['text']}**  \n" + " · ".join(f"`{x}`" for x in tags))
        if len(action["responsible"]):
            st.caption(t("plan.responsible") + ": " + "; ".join(action["responsible"]))
        action_metrics = metrics_by_action.get(action["action_id"])
        if action_metrics is None:
            continue
        st.markdown("\n".join(f"- {m['text']}" for m in action_metrics.to_dict("records")))
        ids = sorted({i for m in action_metrics["indicator_ids"] for i in m})
        rows = [by_indicator[i] for i in ids if i in by_indicator]
        if rows:
            vu.show_verdict_table(vu.sort_for_display(pd.concat(rows)), lang, sparks, key=f"a_{action['action_id']}")
        else:
            st.caption(t("v.goal.no_statistic"))
