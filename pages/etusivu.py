"""Etusivu — how is my municipality doing? Per plan goal: what got better and what worse, the positive and negative
developments in plain language (the plan's "kehityskulut" generated from the data), and the largest changes."""

import pandas as pd
import streamlit as st

from tutka.app import verdicts as vu
from tutka.app.common import (
    current_region,
    demo_banner,
    empty_state,
    page_start,
    region_names,
    regions_source_caption,
    run_query,
    url_widget,
)
from tutka.i18n import get_lang, t
from tutka.textsafe import md
from tutka.verdicts.developments import headline

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
region = current_region()
name = region_names().get(region, region)
st.title(t("v.page.overview_title", municipality=name))

# --- Inputs -------------------------------------------------------------------------------------------------------
# (municipality and language come from the shared sidebar)
latest = vu.verdicts(region)
last_year = int(latest["latest_year"].max()) if not latest.empty else None
years = [0] + (list(range(last_year - 1, last_year - 8, -1)) if last_year else [])  # 0 = the latest data
# (not None: a selectbox shows its empty placeholder for None; the label's language is bound here, not at draw time)
as_of = (
    url_widget(
        st.selectbox,
        t("v.overview.as_of"),
        years,
        key="vuosi",
        default=0,
        format_func=lambda y, lang=lang: t("v.overview.as_of_latest", lang) if not y else str(y),
        help=t("v.overview.as_of_help"),
    )
    or None
)

# --- Data ---------------------------------------------------------------------------------------------------------
verdicts = vu.verdicts(region, as_of) if as_of else latest
goals = vu.goal_statuses(region, as_of)
plans = run_query("plans_for_region", region=region)
plan = plans.iloc[0] if not plans.empty else None
plan_devs = run_query("plan_developments", plan=plan["plan_id"]) if plan is not None else None
devs = vu.developments_for(region, as_of or None)
plan_year = int(plan["year"]) if plan is not None and pd.notna(plan["year"]) else None
devs_plan_year = vu.developments_for(region, plan_year) if plan_year else None

# --- Display ------------------------------------------------------------------------------------------------------
if verdicts.empty:
    empty_state("v.overview.no_data", municipality=name)
    st.stop()
demo_banner(bool(verdicts["is_demo"].any()))
st.caption(t("v.overview.intro"))

if not goals.empty:
    st.subheader(t("v.overview.goals", plan=md(goals["plan_title"].iloc[0])))
    cols = st.columns(min(3, len(goals)))
    for i, g in enumerate(goals.to_dict("records")):
        with cols[i % len(cols)].container(border=True):
            st.markdown(f"**{md(g['title'])}**")
            st.markdown(vu.status_badge(g["status"]))
            st.caption(vu.counts_line(g))
            st.page_link(
                "pages/tavoite.py",
                label=t("v.overview.open_goal"),
                icon=":material/arrow_forward:",
                query_params={"tavoite_id": g["goal_id"], "kunta": region},
            )
else:
    empty_state("v.overview.no_plan", municipality=name)

left, right = st.columns(2)
for col, key, icon in ((left, "positive", "▲"), (right, "negative", "▼")):
    with col.container(border=True):
        st.subheader(f"{icon} {t('v.overview.' + key)}")
        items = devs[key]
        st.markdown("\n".join(f"- {md(item['text'])}" for item in items) if items else t("v.overview.none"))
if devs["neutral"]:
    st.caption(t("v.overview.neutral") + " " + "; ".join(md(item["text"]) for item in devs["neutral"]))
if plan_devs is not None and not plan_devs.empty and devs_plan_year is not None:
    with st.expander(t("v.overview.plan_compare", year=plan_year), expanded=True):
        st.caption(t("v.overview.plan_compare_help", year=plan_year))
        c_plan, c_data = st.columns(2)
        c_plan.markdown(f"**{t('v.overview.plan_says', plan=md(plan['title']))}**")
        c_data.markdown(f"**{t('v.overview.data_says', year=plan_year)}**")
        for pol, icon in (("positive", "▲"), ("negative", "▼")):
            c_plan.markdown(f"{icon} *{t('v.overview.' + pol)}*")
            c_plan.markdown("\n".join(f"- {md(x)}" for x in plan_devs[plan_devs["polarity"] == pol]["text"]))
            c_data.markdown(f"{icon} *{t('v.overview.' + pol)}*")
            items = devs_plan_year[pol]
            c_data.markdown("\n".join(f"- {md(i['text'])}" for i in items) if items else t("v.overview.none"))

st.subheader(t("v.overview.largest"))
top = headline(verdicts)
top = top[top["verdict"].isin(["improved", "worsened", "increased", "decreased"])]
top = top.sort_values("strength", ascending=False).head(10)
if top.empty:
    st.markdown(t("v.overview.none"))
else:
    vu.show_verdict_table(top, lang, vu.sparklines(region, top["indicator_id"].tolist()), key="largest")
vu.legend_caption()
regions_source_caption([region])
st.page_link("pages/tietoa.py", label=t("v.overview.rules_link"), icon=":material/rule:")
