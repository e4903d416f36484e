"""Tietoa aineistosta — where do the numbers come from, under which licence, when were they updated, which of them
are demo data, and how does the tool judge a development?"""

import streamlit as st

from tutka.app import tietoa as about
from tutka.app.common import memo, page_start, run_query, url_widget
from tutka.i18n import get_lang, t

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
st.title(t("page.about"))

# --- Data ---------------------------------------------------------------------------------------------------------
# catalogue metadata and the verdict store's per-version statistics: no scan of indicator_values
catalogue = run_query("indicators_all")
sources = run_query("data_sources")

# --- Display ------------------------------------------------------------------------------------------------------
st.markdown(t("about.intro"))
st.subheader(t("about.demo_title"))
st.markdown(t("about.demo_text"))
st.dataframe(
    memo("about_sources", (lang,), lambda: about.sources_table(sources, lang)), hide_index=True, width="stretch"
)
st.subheader(t("about.catalogue_title", n=len(catalogue)))


@st.fragment
def catalogue_view(catalogue) -> None:
    """The topic and indicator pickers rerun only the catalogue part, not the page. One indicator's details at a time
    (a searchable picker), not an expander per indicator: ~50 expanders doubled the page's elements in the browser."""
    topic = url_widget(
        st.selectbox,
        t("about.topic"),
        [""] + about.topics(catalogue),
        key="aihe",
        default="",
        format_func=lambda x: about.topic_label(x, lang) if x else t("about.all_topics"),
    )
    shown = catalogue[catalogue["topic"] == topic] if topic else catalogue
    table, titles = memo("about_catalogue", (topic, lang), lambda: about.catalogue_parts(shown, lang))
    st.dataframe(table, hide_index=True, width="stretch")
    by_id = shown.set_index("indicator_id", drop=False)
    picked = url_widget(st.selectbox, t("about.details"), list(titles), key="tieto", format_func=titles.get)
    if picked is not None:
        with st.container(border=True):
            st.markdown(about.indicator_markdown(by_id.loc[picked], lang))


catalogue_view(catalogue)
st.subheader(t("about.fields_title"))
st.markdown(t("about.fields_intro"))
st.dataframe(memo("about_fields", (lang,), lambda: about.fields_table(lang)), hide_index=True, width="stretch")
for section in about.extra_sections(lang):
    st.subheader(section[0])
    st.markdown(section[1])
