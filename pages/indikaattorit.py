"""Indikaattorit — how has an indicator developed in my municipality, compared with the county and the whole
country, by sex and school level? Every selection is in the URL, so the view can be shared as a link."""

import streamlit as st

from tutka import charts, readable
from tutka.app import indikaattorit as explorer
from tutka.app.common import (
    current_region,
    demo_banner,
    empty_state,
    memo,
    municipalities_picker,
    page_start,
    region_names,
    run_query,
    source_caption,
    url_widget,
)
from tutka.app.downloads import png_button
from tutka.catalogue import indicator_titles
from tutka.i18n import get_lang, licence_label, t
from tutka.tables import group_label
from tutka.textsafe import md

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
region = current_region()
names = region_names()
st.title(t("page.indicators"))

# --- Inputs -------------------------------------------------------------------------------------------------------
catalogue = run_query("indicators_all")
catalogue = catalogue[catalogue["n_values"] > 0]
if catalogue.empty:
    empty_state("indicators.empty")
    st.stop()


@st.fragment
def explorer_view(catalogue, region: str, names: dict[str, str], lang: str) -> None:
    """The indicator, comparison, group, sex and view pickers rerun only this part (not the sidebar and the page
    frame): each of them changes the chart, the table and the downloads, nothing else."""
    titles = indicator_titles(catalogue, lang)
    ids = list(titles)
    col1, col2 = st.columns([3, 2], vertical_alignment="bottom")
    with col1:
        indicator_id = url_widget(st.selectbox, t("indicators.pick"), ids, format_func=titles.get, key="ind")
    meta = catalogue.set_index("indicator_id").loc[indicator_id]
    parents = run_query("region_parents", region=region)
    base_regions = [region] + parents.loc[parents.parent_type.isin(["hyvinvointialue", "maa"]), "parent_code"].tolist()
    others = [c for c in run_query("municipalities_with_data")["region_code"] if c != region]
    # the 307-option picker is in a menu drawn only when opened (issue 13: a page visit draws one button); the
    # compared municipalities are named in the chart's legend and the table's columns
    menu = col2.popover(t("indicators.compare"), icon=":material/add:", key="vertaa_valikko", on_change="rerun")
    with menu:
        extra = municipalities_picker(others, key="vrt", draw=bool(menu.open))
    regions = base_regions + list(extra)
    breakdowns = run_query("indicator_breakdowns", indicator=indicator_id, regions=regions)
    groups = sorted(breakdowns["grp"].unique(), key=explorer.group_sort_key)
    youth = bool(len(meta["groups"]))
    col3, col4, col5 = st.columns([2, 3, 2])
    grp = groups[0] if groups else ""
    if len(groups) > 1:
        with col3:
            grp = url_widget(
                st.selectbox,
                t("indicators.group"),
                groups,
                format_func=lambda g: group_label(g, lang),
                key="ryhma",
                default=explorer.default_group(groups),
            )
    sex_options = [s for s in ("total", "female", "male") if s in set(breakdowns["sex"])]
    with col4:
        sexes = (
            url_widget(
                st.segmented_control,
                t("indicators.sex"),
                sex_options,
                selection_mode="multi",
                default=sex_options[:1],
                key="sp",
                multi=True,
                format_func=lambda s: explorer.sex_label(s, youth, lang),
            )
            or sex_options[:1]
        )
    with col5:
        view = (
            url_widget(
                st.segmented_control,
                t("indicators.view"),
                ["chart", "table"],
                default="chart",
                key="nakyma",
                format_func=lambda v: t(f"indicators.view_{v}"),
            )
            or "chart"
        )

    # --- Data -----------------------------------------------------------------------------------------------------
    series = run_query("indicator_series", indicator=indicator_id, regions=regions, sexes=list(sexes), grp=grp)
    links = run_query("indicator_plan_links", indicator=indicator_id, region=region)

    # --- Display --------------------------------------------------------------------------------------------------
    has_demo = bool(series["is_demo"].any())
    demo_banner(has_demo)
    by_sex = len(sex_options) > 1
    title = explorer.chart_title(meta, grp, lang, list(sexes), youth, by_sex)
    st.subheader(md(title))
    if series.empty:
        empty_state("indicators.no_values")
        return
    view_key = (indicator_id, tuple(regions), tuple(sexes), grp, lang)  # every input of the figure and the files
    if view == "chart":
        fig = memo(
            "indicator_figure", view_key, lambda: explorer.figure(series, meta, names, youth, lang, has_demo, regions)
        )
        st.plotly_chart(fig, width="stretch")
    else:
        grid = readable.comparison_table(series, names, youth, int(meta["decimals"]), lang)
        st.dataframe(grid, hide_index=True, width="stretch", height=min(38 + 35 * len(grid), 720))
    source_caption(
        series["source"].dropna().unique().tolist(),
        series["updated_at"].max(),
        has_demo,
        unit=meta[f"unit_{lang}"] or meta["unit_fi"],
    )
    with st.expander(t("indicators.in_plan", n=len(links)), icon=":material/account_tree:"):
        st.markdown(explorer.plan_links_markdown(links) if len(links) else t("indicators.not_in_plan"))
    if meta[f"description_{lang}"] or meta["description_fi"]:
        with st.expander(t("indicators.about")):
            st.markdown(md(meta[f"description_{lang}"] or meta["description_fi"]))
            st.caption(t("indicators.licence", licence=md(licence_label(meta["licence"], lang) or "–")))
    # the files in a menu that runs only when opened: the CSV is built then, and a page visit draws one button, not
    # three (each widget costs the browser ~10 ms on a page change; issue 13)
    files = st.popover(t("download.menu"), icon=":material/download:", key="lataukset", on_change="rerun")
    if not files.open:
        return
    files.download_button(
        t("download.csv"),
        on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
        data=memo("indicator_csv", view_key, lambda: explorer.csv_download(series, names, youth, lang)),
        # built in the run that opens the menu: a file built on click can be cleaned up by other sessions' runs
        # before the browser fetches it (Streamlit 1.67, seen in bench/bench_load.py)
        file_name=f"{indicator_id}.csv",
        mime="text/csv",
        icon=":material/download:",
        width="stretch",
    )
    files.download_button(
        t("download.xlsx"),
        on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
        data=lambda: explorer.xlsx_download(series, meta, names, youth, lang),
        file_name=f"{indicator_id}.xlsx",
        icon=":material/table:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        width="stretch",
    )
    caption = explorer.export_caption(meta, series, lang)
    png_button(  # the titled figure is built on click only
        files,
        lambda: charts.titled(explorer.figure(series, meta, names, youth, lang, has_demo, regions), title, caption),
        indicator_id,
        has_demo,
        key="png",
        width="stretch",
    )


explorer_view(catalogue, region, names, lang)
