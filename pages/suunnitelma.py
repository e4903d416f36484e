"""Suunnitelma — what does my municipality's welfare plan say, exactly as the council adopted it: goals, actions,
responsible units and metrics, and which statistics measure each metric?"""

from urllib.parse import quote

import streamlit as st

from tutka.app import suunnitelma as plan_view
from tutka.app.common import current_region, empty_state, page_start, region_names, run_query, url_widget
from tutka.app.downloads import report_downloads
from tutka.catalogue import indicator_titles
from tutka.i18n import get_lang, t
from tutka.tables import age_group_label
from tutka.textsafe import md, md_block

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
region = current_region()
st.title(t("page.plan"))

# --- Inputs -------------------------------------------------------------------------------------------------------
plans = run_query("plans_for_region", region=region)
if plans.empty:
    empty_state("plan.none", municipality=region_names().get(region, region))
    st.stop()
plan_id = plans["plan_id"].iloc[0]
if len(plans) > 1:
    plan_id = url_widget(
        st.selectbox,
        t("plan.pick"),
        plans["plan_id"].tolist(),
        key="suunnitelma",
        format_func=lambda p: plans.set_index("plan_id").loc[p, "title"],
    )
plan = plans.set_index("plan_id").loc[plan_id]

# --- Data ---------------------------------------------------------------------------------------------------------
goals = run_query("plan_goals", plan=plan_id)
actions = run_query("plan_actions", plan=plan_id)
metrics = run_query("plan_metrics", plan=plan_id)
figures = run_query("plan_figures", plan=plan_id)
developments = run_query("plan_developments", plan=plan_id)

goal_titles = dict(zip(goals["goal_id"], goals["title"], strict=False))
with st.expander(t("plan.filters"), expanded=True, icon=":material/filter_list:"):
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        sel_goals = url_widget(
            st.multiselect,
            t("plan.filter_goal"),
            goals["goal_id"].tolist(),
            multi=True,
            format_func=goal_titles.get,
            key="tavoite",
        )
    ages = sorted(a for a in actions["age_group"].dropna().unique())
    sel_ages = []
    if ages:
        with c2:
            sel_ages = url_widget(
                st.multiselect,
                t("plan.filter_age"),
                ages,
                key="ika",
                multi=True,
                format_func=lambda a: age_group_label(a, lang),
            )
    units = plan_view.responsible_units(actions)
    sel_units = []
    if units:
        with c3:
            sel_units = url_widget(st.multiselect, t("plan.filter_unit"), units, key="vastuu", multi=True)
    scopes = [s for s in ("council_term", "year", "report") if s in set(actions["scope"])]
    sel_scopes = []
    if len(scopes) > 1:
        with c4:
            sel_scopes = url_widget(
                st.multiselect,
                t("plan.filter_scope"),
                scopes,
                key="kausi",
                multi=True,
                format_func=lambda s: t(f"plan.scope_{s}"),
            )
shown = plan_view.filter_actions(actions, sel_goals, sel_ages, sel_units, sel_scopes)

# --- Display ------------------------------------------------------------------------------------------------------
st.subheader(md(plan["title"]))
st.caption(
    " · ".join(
        text
        for x, text in (
            (plan["period"], md(plan["period"])),
            (plan["adopted"], md(plan["adopted"])),
            (plan["source"], t("plan.source", source=md(plan["source"]))),
        )
        if plan_view.present(x)
    )
)
if plan_view.present(plan["intro"]):
    with st.expander(t("plan.intro")):
        st.markdown(md_block(plan["intro"]))
if len(plan["cross_cutting"]):
    st.info(
        t("plan.cross_cutting", items=md(", ".join(plan["cross_cutting"]))),
        icon=":material/join_inner:",
    )
if not developments.empty:
    left, right = st.columns(2)
    for col, pol, icon in ((left, "positive", "▲"), (right, "negative", "▼")):
        items = developments[developments["polarity"] == pol]["text"]
        col.markdown(f"**{icon} {t('plan.dev_' + pol)}**")
        col.markdown("\n".join(f"- {md(x)}" for x in items))
    st.caption(t("plan.dev_note"))
st.caption(t("plan.count", shown=len(shown), total=len(actions)))
if shown.empty:
    empty_state("plan.no_match")
metrics_by_action = {a: m for a, m in metrics.groupby("action_id")}
figures_by_action = {a: f for a, f in figures.groupby("action_id")}
titles = indicator_titles(run_query("indicators_all"), lang)
for goal_id, goal_actions in shown.groupby("goal_id", sort=False):
    goal = goals.set_index("goal_id").loc[goal_id]
    st.markdown(f"### {md(goal['title'])}")
    if plan_view.present(goal["description"]):
        st.caption(md_block(goal["description"]))
    for _, action in goal_actions.iterrows():
        with st.container(border=True):
            tags = [t(f"plan.scope_{action['scope']}")] + (
                [age_group_label(action["age_group"], lang)] if plan_view.present(action["age_group"]) else []
            )
            st.markdown(f"**{md(action['text'])}**  \n" + " · ".join(md(x) for x in tags))
            if plan_view.present(action["progress"]):
                st.markdown(md_block(plan_view.progress_rest(action["text"], action["progress"])))
            if len(action["responsible"]):
                st.markdown(f"*{t('plan.responsible')}:* " + md("; ".join(action["responsible"])))
            for _, m in metrics_by_action.get(action["action_id"], metrics.iloc[0:0]).iterrows():
                icon = plan_view.METRIC_ICONS.get(m["kind"], "•")
                line = f"{icon} {md(m['text'])} — _{t('plan.metric_kind_' + m['kind'])}_"
                if len(m["indicator_ids"]):
                    links = ", ".join(
                        f"[{md(title)}](/indikaattorit?ind={quote(str(iid))}&kunta={quote(str(region))})"
                        for iid, fi_title in zip(m["indicator_ids"], m["indicator_titles_fi"], strict=False)
                        for title in [titles.get(iid) or fi_title]  # in the reader's language
                    )
                    line += f"  \n&nbsp;&nbsp;&nbsp;{t('plan.linked')}: {links}"
                elif m["kind"] != "indicator":
                    line += f" ({t('plan.no_statistic')})"
                st.markdown(line)
            figs = figures_by_action.get(action["action_id"])
            if figs is not None:
                st.markdown(
                    f"*{t('plan.figures')}:* " + md("; ".join(plan_view.figure_text(r) for _, r in figs.iterrows()))
                )
st.caption(t("plan.source", source=md(plan["source"])))
with st.expander(
    t("report.title", year=int(plan["year"]) if plan_view.present(plan["year"]) else ""), icon=":material/summarize:"
):
    report_year = st.number_input(
        t("report.year"),
        2000,
        2100,
        int(plan["year"]) if plan_view.present(plan["year"]) else 2024,
        key="raportti_vuosi",
    )
    report_downloads(region, int(report_year), key="plan")
