"""Esitystila — how do I present our welfare plan's situation to the council? Full-screen slides for one
municipality (title, one slide per goal, equity, sources), paged with a clicker or the keyboard; the slide number is
in the URL (?dia=N) and `?embed=true` hides the app chrome. Edit mode chooses and orders goals and indicators and
saves the deck; the PowerPoint and the PDF municipal profile download from the sidebar."""

import streamlit as st

from tutka.app import esitys as view
from tutka.app.common import current_region, empty_state, page_start, url_widget
from tutka.i18n import get_lang, t
from tutka.present.build import NoPlanError

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
region = current_region()

# --- Inputs -------------------------------------------------------------------------------------------------------
with st.sidebar:
    mode = url_widget(
        st.segmented_control,
        t("present.mode"),
        ["show", "edit"],
        key="tila",
        default="show",
        format_func=lambda m: t(f"present.mode_{m}"),
    )

# --- Data ---------------------------------------------------------------------------------------------------------
try:
    deck = view.current_deck(region, lang)
except NoPlanError as exc:
    st.title(t("page.present"))
    empty_state("present.no_plan_hint", message=str(exc))
    st.stop()

# --- Display ------------------------------------------------------------------------------------------------------
with st.sidebar:
    st.caption(t("present.exports"))
    view.download_buttons(deck, st.sidebar)
if mode == "edit":
    st.title(t("present.mode_edit"))
    view.edit_view(region, lang)
else:
    total = len(deck.slide_kinds())
    number = view.slide_number(total)
    view.render_slide(deck, number)
    view.nav_bar(total)
    st.sidebar.caption(t("present.keys_help"))
