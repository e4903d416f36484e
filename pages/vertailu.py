"""Vertailu — where do municipalities stand side by side? A table of series × municipalities: each cell the latest
value with the verdict's symbol and colour (never colour alone), sortable by value; Kouvola and Kokkola by default or
the whole wellbeing services county at one click; the map; and each municipality's goal statuses."""

import streamlit as st

from tutka.app import kartta
from tutka.app import verdicts as vu
from tutka.app.common import (
    current_region,
    demo_banner,
    empty_state,
    municipalities_picker,
    page_start,
    region_names,
    regions_source_caption,
    run_query,
    url_tabs,
    url_value,
    url_widget,
)
from tutka.i18n import get_lang, t
from tutka.textsafe import md

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
names = region_names()
st.title(t("v.page.compare"))

# --- Inputs -------------------------------------------------------------------------------------------------------
munis = run_query("municipalities_with_data")["region_code"].tolist()
defaults = [c for c in dict.fromkeys([current_region(), "KU286", "KU272"]) if c in munis][:2] or munis[:2]
members = run_query("verdict_membership")
members = members[members["valid_to"].isna() & (members["parent_type"] == "hyvinvointialue")]
county = members.loc[members["region_code"] == current_region(), "parent_code"].tolist()
county_munis = [c for c in members.loc[members["parent_code"].isin(county), "region_code"] if c in munis]
county_munis = sorted(county_munis, key=lambda c: (c != current_region(), names.get(c, c)))


def pick_county() -> None:
    st.session_state["alueet"] = county_munis


def sort_label(code: str) -> str:
    return t("v.compare.sort_indicator") if code == "indicator" else t("v.compare.sort_by", name=names.get(code, code))


# The pickers are in a menu that runs only when opened: the page draws one button (the 308-option multiselect and the
# sort picker were about a quarter of the page change in the browser, issue 13).
chosen = municipalities_picker(munis, key="alueet", default=defaults, draw=False)
sort_by = url_value("jarjestys", ["indicator", *chosen], default="indicator")
bar = st.container(horizontal=True, vertical_alignment="center")
# the label stays the same while the menu is open (a new label closes it); the selection is named beside it
menu = bar.popover(t("v.compare.menu"), icon=":material/tune:", key="vertailu_valinnat", on_change="rerun")
if chosen:
    bar.markdown(
        vu.compare_selection([names.get(c, c) for c in chosen], names.get(sort_by) if sort_by in chosen else None)
    )
if menu.open:
    with menu:
        chosen = municipalities_picker(munis, key="alueet", default=defaults)
        if len(county_munis) > 1:
            st.button(
                t("v.compare.county", n=len(county_munis)),
                on_click=pick_county,
                key="koko_alue",
                help=t("v.compare.county_help", county=names.get(county[0], county[0])),
            )
        sort_by = url_widget(
            st.selectbox,
            t("v.compare.sort"),
            ["indicator", *chosen],
            key="jarjestys",
            default="indicator",
            format_func=sort_label,
        )
if not chosen:
    empty_state("v.compare.pick")
    st.stop()


# --- Display ------------------------------------------------------------------------------------------------------
@st.fragment
def comparison(chosen: list[str], sort_by: str) -> None:
    """The sex picker, the tabs and a row's details rerun only this part. Only the open tab is drawn
    (the table, the map or the goals): the map alone was about a quarter of the page's cost in the browser."""
    sex = url_widget(
        st.selectbox,
        t("v.compare.sex"),
        ["total", "female", "male"],
        key="sukupuoli",
        default="total",
        format_func=lambda s: t(f"v.compare.sex_{s}"),
    )
    v = vu.comparison_rows(chosen, sex)
    if v.empty:
        empty_state("v.compare.no_data")
        return
    demo_banner(bool(v["is_demo"].any()))
    tabs = url_tabs(
        ["taulukko", "kartta", "tavoitteet"],
        {"taulukko": t("v.compare.tab_table"), "kartta": t("map.title"), "tavoitteet": t("v.compare.goals")},
        key="osio",
    )
    if tabs["taulukko"].open:
        with tabs["taulukko"]:
            table(chosen, sex, sort_by, v)
    if tabs["kartta"].open:
        with tabs["kartta"]:
            kartta.show(current_region(), sex, lang)
    if tabs["tavoitteet"].open:
        with tabs["tavoitteet"]:
            goals(chosen)
    else:
        regions_source_caption(chosen)  # the sources of the values, under the table or the map


def table(chosen: list[str], sex: str, sort_by: str, v) -> None:
    order, matrix = vu.comparison_matrix(chosen, sex, sort_by)
    event = vu.compare_table(matrix, t("v.col.indicator"), key="vertailu_taulukko")
    st.caption(t("v.compare.table_caption"))
    vu.legend_caption()
    picked = [order[i] for i in (event.selection.rows if event else []) if i < len(order)]
    if picked:  # the explanations with numbers of the picked row, one line per municipality
        shown = vu.explained(v[v["row"] == picked[0]], lang)
        by_region = dict(zip(shown["region_code"], shown["explanation"], strict=False))
        st.markdown(
            f"**{md(picked[0])}**\n\n"
            + "\n".join(f"- **{md(names.get(c, c))}:** {md(by_region[c])}" for c in chosen if by_region.get(c))
        )


def goals(chosen: list[str]) -> None:
    """Each municipality's goal statuses (the plans' goals differ: a list per municipality, not a table)."""
    for code in chosen:
        statuses = vu.goal_statuses(code)
        st.markdown(f"**{md(names.get(code, code))}**")
        if statuses.empty:
            st.caption(t("v.compare.no_plan"))
            continue
        st.markdown(
            "\n".join(
                f"- {md(g['title'])}: {vu.status_badge(g['status'])} {vu.counts_line(g)}"
                for g in statuses.to_dict("records")
            )
        )


comparison(chosen, sort_by)
