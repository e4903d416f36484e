"""Tasa-arvo — are the differences between girls and boys, women and men narrowing? The sex gap of every indicator
with a sex breakdown, now and at the previous comparison point (the plan's cross-cutting goal "terveys- ja
hyvinvointierojen kaventaminen")."""

import streamlit as st

from tutka.app import verdicts as vu
from tutka.app.common import (
    current_region,
    demo_banner,
    empty_state,
    page_start,
    region_names,
    regions_source_caption,
    url_toggle,
)
from tutka.i18n import get_lang, t
from tutka.verdicts.text import SYMBOLS, label

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
region = current_region()
name = region_names().get(region, region)
st.title(t("v.page.equality_title", municipality=name))

# --- Inputs -------------------------------------------------------------------------------------------------------
only_changed = url_toggle(t("v.gap.only_changed"), key="muuttuneet")

# --- Data ---------------------------------------------------------------------------------------------------------
gaps, fig, rows = vu.gap_view(region, only_changed)  # built once per view, language and data version

# --- Display ------------------------------------------------------------------------------------------------------
st.caption(t("v.gap.intro"))
if gaps.empty:
    empty_state("v.gap.none", municipality=name)
    st.stop()
demo_banner(bool(gaps["is_demo"].any()))
counts = gaps["gap_trend"].value_counts()
c1, c2, c3, c4 = st.columns(4)
for col, code in zip((c1, c2, c3, c4), ("narrowed", "widened", "stable", "insufficient"), strict=False):
    col.metric(f"{SYMBOLS.get(code, '?')} {label(code)}", int(counts.get(code, 0)))
if fig is not None:
    st.plotly_chart(fig, key="gap_chart")
st.dataframe(rows, hide_index=True, width="stretch", key="gap_table")
st.caption(t("v.gap.caption"))
regions_source_caption([region])
