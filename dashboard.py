"""Hyvinvointitutka — entry script: page config, shared sidebar, navigation over tutka.nav.PAGES."""

import streamlit as st

from tutka.app.common import sidebar
from tutka.i18n import t
from tutka.nav import PAGES

st.set_page_config(page_title="Hyvinvointitutka", page_icon=":material/monitoring:", layout="wide")

sidebar()
sections: dict[str, list] = {}
for page in PAGES:
    sections.setdefault(t(page.section), []).append(
        st.Page(page.path, title=t(page.title_key), icon=page.icon, default=page.default)
    )
st.navigation(sections).run()
