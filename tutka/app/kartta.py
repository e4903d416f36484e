"""The map on Vertailu: municipalities of the county or the whole country coloured by an indicator's latest value or
by its verdict, the chosen municipality outlined, values on hover, PNG download."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tutka import maps
from tutka.app import verdicts as vu
from tutka.app.common import memo, region_names, run_query, url_widget
from tutka.app.downloads import png_button
from tutka.catalogue import indicator_titles
from tutka.charts import titled
from tutka.domain import DEFAULT_SCHOOL_LEVEL, GROUP_ORDER
from tutka.i18n import t, unit_label
from tutka.tables import group_label, sex_label


def show(region: str, sex: str, lang: str) -> None:
    catalogue = run_query("indicators_all")
    catalogue = catalogue[catalogue["n_values"] > 0]
    if catalogue.empty:
        return
    titles = indicator_titles(catalogue, lang)
    parents = run_query("region_parents", region=region)
    county = parents.loc[parents["parent_type"] == "hyvinvointialue", "parent_code"].tolist()
    scopes = (county[:1] if county else []) + ["SSS"]
    c1, c2, c3 = st.columns([3, 2, 2])
    with c1:
        indicator = url_widget(st.selectbox, t("map.indicator"), list(titles), format_func=titles.get, key="kartta")
    with c2:
        scope = (
            url_widget(
                st.segmented_control,
                t("map.scope"),
                scopes,
                key="kartta_alue",
                default=scopes[0],
                format_func=lambda s: t("map.scope_country") if s == "SSS" else t("map.scope_county"),
            )
            or scopes[0]
        )
    with c3:
        mode = (
            url_widget(
                st.segmented_control,
                t("map.colour"),
                ["value", "verdict"],
                key="kartta_vari",
                default="value",
                format_func=lambda m: t(f"map.colour_{m}"),
            )
            or "value"
        )
    built = memo(
        "map",
        (region, sex, lang, indicator, scope, mode),
        lambda: _figure(catalogue, region, sex, lang, indicator, titles[indicator], scope, mode),
    )
    if built is None:
        return
    fig, title, has_demo = built
    st.plotly_chart(fig, key="kartta_fig", config={"scrollZoom": False})
    st.caption(t("map.caption", municipality=region_names().get(region, region)))
    attribution = t("map.attribution")
    png_button(st, lambda: titled(fig, title, attribution), f"kartta_{indicator}", has_demo, key="kartta_png")


def _figure(
    catalogue: pd.DataFrame, region: str, sex: str, lang: str, indicator: str, name: str, scope: str, mode: str
) -> tuple[go.Figure, str, bool] | None:
    """(figure, export title, has demo values) of the map, or None without values; built once per view and data
    version (tutka.app.common.memo): the county's polygons took ~60 ms per rerun (issue 13)."""
    meta = catalogue.set_index("indicator_id").loc[indicator]
    groups = sorted(
        run_query("indicator_breakdowns", indicator=indicator, regions=[region])["grp"].unique(),
        key=lambda g: GROUP_ORDER.index(g) if g in GROUP_ORDER else len(GROUP_ORDER),
    ) or [""]
    grp = DEFAULT_SCHOOL_LEVEL if DEFAULT_SCHOOL_LEVEL in groups else groups[0]
    frame = run_query("map_values", indicator=indicator, region=scope, sex=sex, grp=grp)
    if frame.empty:
        return None
    frame["name"] = frame[f"name_{lang}"].fillna(frame["name_fi"])
    if mode == "verdict":
        with_data = frame.loc[frame["value"].notna(), "region_code"].tolist()
        frame["verdict"] = frame["region_code"].map(vu.series_verdicts(indicator, sex, grp, with_data))
    highlight = frame.loc[frame["region_code"] == region, "official_code"]
    title = " — ".join(p for p in (name, group_label(grp, lang) if grp else "", sex_label(sex, bool(grp), lang)) if p)
    has_demo = bool(frame["is_demo"].any())
    fig = maps.map_figure(
        frame,
        lang=lang,
        highlight=highlight.iloc[0] if len(highlight) else None,
        mode=mode,
        unit=unit_label(meta["short_unit"] or "", lang),
        decimals=int(meta["decimals"]),
        has_demo=has_demo,
        height=620 if scope == "SSS" else 520,
    )
    return fig, title, has_demo
