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
from tutka.charts.verdicts import gap_chart
from tutka.fmt import fmt_signed, fmt_year
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
v = vu.verdicts(region)
gaps = v[(v["sex"] == "female") & v["gap_trend"].ne("")].copy()
if only_changed:
    gaps = gaps[gaps["gap_trend"].isin(["narrowed", "widened"])]

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
gaps["label"] = [vu.series_label({**r, "sex": ""}, lang) for r in gaps.to_dict("records")]
gaps = gaps.assign(
    _o=gaps["gap_trend"].map({"widened": 0, "narrowed": 1, "stable": 2}).fillna(3),
    _a=-gaps["gap_latest"].abs().fillna(0),
).sort_values(["_o", "_a"])
plotted = gaps.dropna(subset=["gap_latest", "gap_previous"])
if not plotted.empty:
    st.plotly_chart(gap_chart(plotted, lang, bool(plotted["is_demo"].any())), key="gap_chart")
rows = []
for r in gaps.to_dict("records"):
    dec = int(r["decimals"] or 0)
    worse = r["gap_worse_sex"]
    rows.append(
        {
            t("v.col.indicator"): r["label"],
            t("v.gap.col_latest"): f"{fmt_signed(r['gap_latest'], dec, lang)} ({fmt_year(r['gap_year'])})",
            t("v.gap.col_previous"): (
                f"{fmt_signed(r['gap_previous'], dec, lang)} ({fmt_year(r['gap_previous_year'])})"
            ),
            t("v.gap.col_trend"): f"{SYMBOLS.get(r['gap_trend'], '?')} {label(r['gap_trend'])}",
            t("v.gap.col_worse"): t(f"v.sex.{worse}.{'young' if r['grp'] else 'adult'}") if worse else "",
        }
    )
st.dataframe(rows, hide_index=True, width="stretch", key="gap_table")
st.caption(t("v.gap.caption"))
regions_source_caption([region])
