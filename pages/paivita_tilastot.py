"""Päivitä tilastot — how do I bring the latest official figures for my municipality from THL's Sotkanet and
Statistics Finland's StatFin into the dashboard, see what would change, and save them as one import I can undo?"""

import datetime as dt

import streamlit as st

from tutka.app import paivita
from tutka.app import upload as upload_ui
from tutka.app.common import current_region, page_start, region_names, run_query
from tutka.i18n import get_lang, t
from tutka.sources.fetch import FetchRequest

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
st.title(t("page.fetch"))
st.markdown(t("fetch.intro"))
paivita.show_saved()

# --- Inputs -------------------------------------------------------------------------------------------------------
catalogue = run_query("import_indicators")
titles = dict(zip(catalogue["indicator_id"], catalogue[f"title_{lang}"].fillna(catalogue["title_fi"]), strict=False))
options = paivita.fetchable(catalogue)
chosen = st.multiselect(
    t("fetch.indicators"),
    options,
    default=options,
    format_func=lambda i: titles.get(i, i),
    key="fetch_ind",
    placeholder=t("common.choose"),  # Streamlit's own texts are English only
    select_all=False,  # no English "Select all" in the list
)
names = region_names()
region = current_region()
this_year = dt.date.today().year
years = st.slider(t("fetch.years"), 2000, this_year, (this_year - 10, this_year), key="fetch_years")
st.caption(t("fetch.scope", region=names.get(region, region)))
go = st.button(t("fetch.run"), type="primary", icon=":material/cloud_download:", key="fetch_run", disabled=not chosen)

# --- Data ---------------------------------------------------------------------------------------------------------
if go:
    paivita.run_fetch(FetchRequest(indicators=chosen, regions=[region], years=tuple(years)))

# --- Display ------------------------------------------------------------------------------------------------------
paivita.show_error()
res = paivita.result()
if res is None:
    st.stop()
analysis = res.analysis
st.caption(t("fetch.fetched", n=len(res.bodies), rows=len(analysis.rows)))
upload_ui.show_problems(analysis)
if not analysis.ok:
    st.stop()
st.subheader(t("upload.preview_title"))
upload_ui.show_preview(analysis)
if st.button(t("upload.save"), type="primary", icon=":material/upload:", key="fetch_save"):
    paivita.save(res)
    st.rerun()
