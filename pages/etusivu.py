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
    vu.goal_cards(goals, region)
else:
    empty_state("v.overview.no_plan", municipality=name)

vu.show_developments(devs, lang)
if plan_devs is not None and not plan_devs.empty and devs_plan_year is not None and plan_year is not None:
    vu.show_plan_comparison(plan, plan_devs, devs_plan_year, plan_year)

st.subheader(t("v.overview.largest"))
top = vu.largest_changes(region, as_of)
if top.empty:
    st.markdown(t("v.overview.none"))
else:  # the table and its sentences built once per (municipality, year, language, data version)
    vu.show_verdict_table(
        top, lang, vu.sparklines(region, top["indicator_id"].tolist()), key="largest", view=(region, as_of)
    )
vu.legend_caption()
regions_source_caption([region])
st.page_link("pages/tietoa.py", label=t("v.overview.rules_link"), icon=":material/rule:")
