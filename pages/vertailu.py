"""Vertailu — where do municipalities stand side by side? A heat map of municipalities × indicators coloured by
verdict (with symbols, not only colour), Kouvola and Kokkola by default, and each municipality's goal statuses."""

import streamlit as st

from tutka import domain as D
from tutka.app import kartta
from tutka.app import verdicts as vu
from tutka.app.common import (
    current_region,
    demo_banner,
    empty_state,
    page_start,
    region_names,
    regions_source_caption,
    run_query,
    url_widget,
)
from tutka.charts.verdicts import verdict_heatmap
from tutka.fmt import fmt_value
from tutka.i18n import get_lang, t

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
names = region_names()
st.title(t("v.page.compare"))

# --- Inputs -------------------------------------------------------------------------------------------------------
munis = run_query("municipalities_with_data")["region_code"].tolist()
defaults = [c for c in dict.fromkeys([current_region(), "KU286", "KU272"]) if c in munis][:2] or munis[:2]
chosen = url_widget(
    st.multiselect,
    t("v.compare.regions"),
    munis,
    default=defaults,
    multi=True,
    format_func=lambda c: names.get(c, c),
    key="alueet",
    max_selections=8,
)
if not chosen:
    empty_state("v.compare.pick")
    st.stop()

# --- Data ---------------------------------------------------------------------------------------------------------
# the stored verdicts of the chosen municipalities (one query on the verdict store, sentences for these rows only)
verdicts = vu.verdicts(chosen)


# --- Display ------------------------------------------------------------------------------------------------------
@st.fragment
def heatmap(verdicts, chosen: list[str]) -> None:
    """The sex picker reruns only this part (the heat map and the map), not the page."""
    sex = url_widget(
        st.selectbox,
        t("v.compare.sex"),
        ["total", "female", "male"],
        key="sukupuoli",
        default="total",
        format_func=lambda s: t(f"v.compare.sex_{s}"),
    )
    v = vu.explained(verdicts[verdicts["sex"] == sex], lang)  # the hover sentences of the shown cells only
    if v.empty:
        empty_state("v.compare.no_data")
        return
    demo_banner(bool(v["is_demo"].any()))
    v = v.assign(
        row=[vu.series_label(r, lang) for r in v.to_dict("records")],
        col=v["region_code"].map(lambda c: names.get(c, c)),
    )
    v["cell"] = [
        fmt_value(r["latest_value"], int(r["decimals"] or 0), r.get("short_unit"), lang) for r in v.to_dict("records")
    ]
    sort_by = url_widget(
        st.selectbox,
        t("v.compare.sort"),
        ["indicator", *chosen],
        key="jarjestys",
        default="indicator",
        format_func=lambda c: (
            t("v.compare.sort_indicator") if c == "indicator" else t("v.compare.sort_by", name=names.get(c, c))
        ),
    )
    if sort_by == "indicator":
        v = v.sort_values(["indicator_id", "grp"])
        order = list(dict.fromkeys(v["row"]))
    else:  # worsened first, then improved …, within a verdict by the value
        own = v[v["region_code"] == sort_by].assign(_o=lambda f: f["verdict"].map(D.order))
        order = list(dict.fromkeys(own.sort_values(["_o", "latest_value"], ascending=[True, False])["row"]))
        order += [r for r in dict.fromkeys(v["row"]) if r not in order]
    cols = [names.get(c, c) for c in chosen]
    matrix = (
        v.pivot_table(index="row", columns="col", values="verdict", aggfunc="first")
        .reindex(index=order, columns=cols)
        .fillna("")
    )
    hover = v.pivot_table(index="row", columns="col", values="explanation", aggfunc="first")
    cells = v.pivot_table(index="row", columns="col", values="cell", aggfunc="first")
    st.plotly_chart(verdict_heatmap(matrix, hover, lang, bool(v["is_demo"].any()), values=cells), key="heatmap")
    st.caption(t("v.compare.caption"))
    kartta.show(current_region(), sex, lang)


heatmap(verdicts, chosen)
regions_source_caption(chosen)

st.subheader(t("v.compare.goals"))
for code in chosen:
    goals = vu.goal_statuses(code)
    st.markdown(f"**{names.get(code, code)}**")
    if goals.empty:
        st.caption(t("v.compare.no_plan"))
        continue
    st.markdown(
        "\n".join(
            f"- {g['title']}: {vu.status_badge(g['status'])} {vu.counts_line(g)}" for g in goals.to_dict("records")
        )
    )
