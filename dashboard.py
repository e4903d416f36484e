"""Hyvinvointitutka — entry script: page config, sign-in gate, shared sidebar, navigation over tutka.nav.PAGES."""

import streamlit as st

from tutka.app import access, startup
from tutka.app.common import sidebar
from tutka.i18n import t
from tutka.nav import PAGES

startup.warm_up()  # every module the pages use is imported before any page runs (no-op after the first time)
st.set_page_config(page_title="Hyvinvointitutka", page_icon=":material/monitoring:", layout="wide")

user = access.gate()  # refuses a public server without sign-in; visitors who may not read see the sign-in page
sidebar()
with st.sidebar:
    access.sidebar_block(user)
sections: dict[str, list] = {}
for page in PAGES:
    if page.requires and not user.regions(page.requires):
        continue  # hidden from users without the right; the page and its writes check again on the server
    sections.setdefault(t(page.section), []).append(
        st.Page(page.path, title=t(page.title_key), icon=page.icon, default=page.default)
    )
st.navigation(sections, expanded=True).run()  # every page listed (no English "View N more")
