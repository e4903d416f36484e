"""Streamlit glue for the verdict pages (Etusivu, Tavoite, Vertailu, Tasa-arvo).

Verdicts and roll-ups are cached per (regions, data version, language): never keyed on DataFrames. Pages import
from here and from tutka.app.common; they hold no SQL and no verdict logic.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tutka import domain as D
from tutka.app.common import connection, data_version, memo, region_names, run_query
from tutka.charts.verdicts import gap_chart, sparkline_uri
from tutka.fmt import fmt_number, fmt_signed, fmt_year
from tutka.i18n import get_lang, t, unit_label
from tutka.readable import verdict_matrix
from tutka.textsafe import md
from tutka.verdicts import developments, verdicts_for
from tutka.verdicts import store as verdict_store
from tutka.verdicts.developments import headline, topics_from
from tutka.verdicts.rollup import goal_rollup, goal_series
from tutka.verdicts.text import SYMBOLS, group_label, label, sex_word, short_name


def _stored(regions: tuple[str, ...], as_of: int | None) -> bool:
    """Does the store keep these regions' verdicts and developments (the latest ones, or as of each plan's year)?"""
    if as_of is None:
        return True
    stored_years = set(zip(*run_query("store/plan_years")[["region_code", "as_of"]].T.values, strict=True))
    return all((r, as_of) in stored_years for r in regions)


# st.cache_resource, not st.cache_data: the cached frames and dicts are shared by the sessions of this process instead
# of being unpickled on every call (Etusivu's developments took ~11 ms per run to unpickle, issue 13). Callers never
# change them: frames are handed out as shallow copies (pandas copy-on-write), developments dicts are only read.
@st.cache_resource(show_spinner=False, max_entries=64)
def _verdicts(regions: tuple[str, ...], version: int, lang: str, as_of: int | None, rules: str) -> pd.DataFrame:
    if not _stored(regions, as_of):
        # judged with the data up to a year the store does not keep: computed for these regions only
        return verdicts_for(connection(), list(regions), lang=lang, as_of=as_of)
    cur = connection().cursor()
    try:  # from the store (once per data version: latest and as of each plan's year); sentences for shown rows only
        return verdict_store.stored_verdicts(cur, list(regions), lang, explained=False, as_of=as_of)
    finally:
        cur.close()


@st.cache_resource(show_spinner=False, max_entries=64)
def _stored_rollups(region: str, version: int, rules: str) -> pd.DataFrame:
    cur = connection().cursor()
    try:
        return verdict_store.stored_rollups(cur, [region])
    finally:
        cur.close()


def series_verdicts(indicator: str, sex: str, grp: str, regions: list[str]) -> dict[str, str | None]:
    """{region: latest verdict} of one series in these regions, from the verdict store (for the map). Read directly,
    not through run_query's cache: that one is keyed on the data version only, and an edited rules file rebuilds
    the store without a new version (callers cache on both, see tutka.app.common.memo)."""
    data_version()  # brings a stale store up to date first
    cur = connection().cursor()
    try:
        return verdict_store.series_verdicts(cur, indicator, sex, grp, regions)
    finally:
        cur.close()


def explained(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The explanation sentences for these (shown) rows only, in the shown language."""
    return verdict_store.with_explanations(frame, lang)


def verdicts(regions: str | list[str] | tuple[str, ...], as_of: int | None = None) -> pd.DataFrame:
    """Verdicts of the given region(s), cached per (regions, data version, language, as-of year). The latest ones
    come without explanation sentences: `explained(rows, lang)` (and `verdict_table`) add them for the shown rows."""
    key = (regions,) if isinstance(regions, str) else tuple(sorted(set(regions)))
    version, lang, rules = data_version(), get_lang(), verdict_store.rules_fingerprint()
    if len(key) <= 1:
        return _verdicts(key, version, lang, as_of, rules).copy(deep=False)
    # several regions (Vertailu): each region's cached frame, combined as one read would give them, so that a
    # municipality already read on another page (Etusivu reads the chosen one) is not read again for each combination
    parts = [_verdicts((region,), version, lang, as_of, rules) for region in key]
    return verdict_store.combined(parts)


@st.cache_resource(show_spinner=False, max_entries=64)
def _developments(region: str, version: int, lang: str, as_of: int | None, rules: str) -> dict:
    frame = verdicts(region, as_of)
    if _stored((region,), as_of):  # grouped once per data version in the store; only the wording is done here
        cur = connection().cursor()
        try:
            return verdict_store.stored_developments(cur, region, frame, lang, as_of)
        except KeyError:  # a write moved the store on since `frame` was read (a series gone): grouped here instead
            pass
        finally:
            cur.close()
    topics = topics_from(run_query("verdict_indicators"))  # a year the store does not keep: this region only
    return developments(frame, region, lang, topics=topics)


def developments_for(region: str, as_of: int | None = None) -> dict:
    """The generated positive / negative developments of a municipality, cached per (region, data version, language,
    as-of year, rules): read from the store (latest data and each plan's year) and worded in the shown language;
    revisiting a municipality does not rebuild the sentences."""
    return _developments(region, data_version(), get_lang(), as_of, verdict_store.rules_fingerprint())


def largest_changes(region: str, as_of: int | None = None, n: int = 10) -> pd.DataFrame:
    """Etusivu's largest changes: the headline series (total, or both sexes) that improved, worsened, increased or
    decreased, strongest first; once per (municipality, year, language, data version)."""

    def build() -> pd.DataFrame:
        top = headline(verdicts(region, as_of))
        top = top[top["verdict"].isin(["improved", "worsened", "increased", "decreased"])]
        return top.sort_values("strength", ascending=False).head(n)

    return memo("largest_changes", (region, as_of, n, get_lang()), build).copy(deep=False)


def goal_statuses(region: str, as_of: int | None = None) -> pd.DataFrame:
    """The goal roll-up (status and counts per goal) of the municipality's plans: the stored one for the latest data,
    computed for an earlier year. Without the drill-down series (Etusivu and Vertailu show only the statuses)."""
    if as_of is None:
        return _stored_rollups(region, data_version(), verdict_store.rules_fingerprint()).copy(deep=False)
    goals = run_query("rollup_goals", regions=[region])
    links = run_query("rollup_links", regions=[region])
    return goal_rollup(verdicts(region, as_of), goals, links)


def rollup(region: str, as_of: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(goal roll-up, drill-down series) of the municipality's plans."""
    goals = run_query("rollup_goals", regions=[region])
    links = run_query("rollup_links", regions=[region])
    return goal_statuses(region, as_of), goal_series(verdicts(region, as_of), goals, links)


def status_badge(code: str, lang: str | None = None) -> str:
    c = D.CODES.get(code)
    return f":{c.badge if c else 'gray'}-badge[{D.symbol(code)} {label(code, lang)}]"


def counts_line(row: pd.Series | dict) -> str:
    """'▲ 3 parantunut · ▼ 5 heikentynyt · ● 2 … · ? 1 …'"""
    parts = []
    for code in ("improved", "worsened", "no_change", "insufficient"):
        parts.append(f"{SYMBOLS[code]} {int(row[code])} {label(code)}")
    return " · ".join(parts)


def series_label(row: pd.Series | dict, lang: str) -> str:
    name = short_name(row["indicator_id"], str(row.get("title") or ""), lang)
    name = name[:1].upper() + name[1:]
    grp = row.get("grp") or ""
    extra = [x for x in (group_label(grp, lang) if grp else "", sex_word(row.get("sex", ""), grp, lang)) if x]
    return f"{name} ({', '.join(extra)})" if extra else name


def verdict_table(frame: pd.DataFrame, lang: str, sparks: dict | None = None) -> pd.DataFrame:
    """Display frame: indicator, value, change, verdict (symbol + word), county, country, explanation."""
    frame = explained(frame, lang)
    rows = []
    for r in frame.to_dict("records"):
        dec = int(r.get("decimals") or 0)
        unit = unit_label(r.get("short_unit"), lang)
        row = {
            t("v.col.indicator"): series_label(r, lang),
            t("v.col.value"): f"{fmt_number(r['latest_value'], dec, lang=lang)} {unit}".strip(),
            t("v.col.year"): str(int(r["latest_year"])) if pd.notna(r["latest_year"]) else "",
            t("v.col.change"): "" if pd.isna(r.get("change")) else fmt_signed(r["change"], dec, lang=lang),
            t("v.col.verdict"): f"{SYMBOLS.get(r['verdict'], '')} {label(r['verdict'], lang)}",
            t(
                "v.col.county"
            ): f"{SYMBOLS.get(r.get('county_verdict') or '', '')} {label(r.get('county_verdict') or '', lang)}".strip(),
            t(
                "v.col.country"
            ): f"{SYMBOLS.get(r.get('country_verdict') or '', '')} {label(r.get('country_verdict') or '', lang)}".strip(),
            t("v.col.explanation"): r.get("explanation") or "",
        }
        if sparks is not None:  # drawn in the verdict's colour; the verdict column keeps its symbol beside it
            values, demo = sparks.get((r["indicator_id"], r["sex"], r["grp"]), ([], []))
            trend = sparkline_uri(values, demo, str(r.get("verdict") or ""))
            items = list(row.items())  # right after the value: a laptop-wide table shows it without scrolling
            row = dict([*items[:2], (t("v.col.trend"), trend), *items[2:]])
        rows.append(row)
    return pd.DataFrame(rows)


def explanations_markdown(frame: pd.DataFrame, lang: str) -> str:
    """Every explanation in full, one bullet per series (a grid cell would cut a long sentence)."""
    lines = []
    for r in frame.to_dict("records"):
        text = str(r.get("explanation") or "").strip()
        if text:
            symbol = SYMBOLS.get(r.get("verdict") or "", "")
            lines.append(f"- {symbol} **{_md(series_label(r, lang))}:** {_md(text)}")
    return "\n".join(lines)


def _md(text: str) -> str:
    """User and data text shown as text, never as Markdown/HTML markup."""
    return "".join("\\" + ch if ch in "\\`*_{}[]<>#|~" else ch for ch in text)


def _table_parts(frame: pd.DataFrame, lang: str, sparks: dict | None) -> tuple[pd.DataFrame, str]:
    frame = explained(frame, lang)
    table = verdict_table(frame, lang, sparks).drop(columns=[t("v.col.explanation", lang)], errors="ignore")
    return table, explanations_markdown(frame, lang)


def show_verdict_table(
    frame: pd.DataFrame,
    lang: str,
    sparks: dict | None = None,
    key: str | None = None,
    view: tuple | None = None,
) -> None:
    """The grid without the long explanation column, and every explanation in full under it. With `view` (every
    input of `frame` and `sparks` besides the language and the data version, e.g. (region, as-of year)) the grid
    and the sentences are built once per view (tutka.app.common.memo)."""
    if view is None:
        table, text = _table_parts(frame, lang, sparks)
    else:
        table, text = memo("verdict_table", (*view, key, lang), lambda: _table_parts(frame, lang, sparks))
    config = {}
    if sparks is not None:
        config[t("v.col.trend")] = st.column_config.ImageColumn(width=110, help=t("v.col.trend_help"))
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=key)
    if sparks is not None:
        st.caption(t("v.col.trend_help"))
    if text:
        with st.expander(t("v.col.explanation_all", n=text.count("\n") + 1), icon=":material/notes:"):
            st.markdown(text)


def sparklines(region: str, indicator_ids: list[str]) -> dict:
    """{(indicator_id, sex, grp): ([values by year], [is demo by year])} for the trend cells of `verdict_table`."""
    if not indicator_ids:
        return {}
    ids = sorted(set(indicator_ids))

    def build() -> dict:
        vals = run_query("verdict_series", region=region, indicators=ids)
        return sparkline_values(vals.dropna(subset=["value"]).sort_values("year", kind="stable"))

    return memo("sparklines", (region, tuple(ids)), build)  # shared: read only


def sparkline_values(vals: pd.DataFrame) -> dict:
    """{(indicator_id, sex, grp): ([values], [is demo])} in the rows' order, in one pass over plain lists (a groupby
    with a frame per series took ~25 ms for Etusivu's table; issue 13). Rows with a missing key are left out, as
    groupby leaves them out."""
    out: dict = {}
    vals = vals[vals[["indicator_id", "sex", "grp"]].notna().all(axis=1)]
    keys = zip(vals["indicator_id"].tolist(), vals["sex"].tolist(), vals["grp"].tolist(), strict=True)
    demo = vals["is_demo"].fillna(False).astype(bool).tolist()
    for key, value, is_demo in zip(keys, vals["value"].round(2).tolist(), demo, strict=True):
        values, flags = out.setdefault(key, ([], []))
        values.append(value)
        flags.append(is_demo)
    return out


def indicator_link(rows: pd.DataFrame, region: str, lang: str) -> str:
    """'▲ [kiusaaminen](/indikaattorit?ind=…&kunta=…)': the indicator's headline verdict symbol (its first series in
    display order) and a link to its page — the verdicts themselves are in the goal's one table."""
    first = sort_for_display(rows).iloc[0]
    name = short_name(str(first["indicator_id"]), str(first.get("title") or ""), lang)
    title = md(name[:1].upper() + name[1:])
    url = f"/indikaattorit?ind={quote(str(first['indicator_id']))}&kunta={quote(region)}"
    return f"{D.symbol(first['verdict'])} [{title}]({url})".strip()


def compare_selection(names: list[str], sorted_by: str | None) -> str:
    """Beside Vertailu's menu, what the table shows: the chosen municipalities (three named, then how many
    more) and a sort order other than by indicator. Names are escaped (Markdown)."""
    shown = ", ".join(md(n) for n in names[:3])
    text = t("v.compare.menu_more", names=shown, n=len(names) - 3) if len(names) > 3 else shown
    if sorted_by:
        text += f" · {t('v.compare.menu_sort', name=md(sorted_by))}"
    return f":gray[{text}]" if text else ""


def comparison_rows(chosen: list[str], sex: str) -> pd.DataFrame:
    """Vertailu's rows: the latest verdicts of the chosen municipalities for one sex, with the row label (series,
    unit) and the column (municipality name) — built once per (municipalities, sex, language, data version)."""
    lang = get_lang()

    def build() -> pd.DataFrame:
        v = verdicts(chosen)
        v = v[v["sex"] == sex]
        names = region_names()
        labelled = v[["indicator_id", "title", "grp", "sex", "short_unit"]]  # not every column: to_dict took ~8 ms
        return v.assign(
            row=[
                ", ".join(p for p in (series_label(r, lang), unit_label(r.get("short_unit"), lang)) if p)
                for r in labelled.to_dict("records")
            ],
            col=v["region_code"].map(lambda c: names.get(c, c)),
        )

    return memo("comparison_rows", (tuple(chosen), sex, lang), build).copy(deep=False)


def comparison_matrix(chosen: list[str], sex: str, sort_by: str) -> tuple[list[str], dict[str, pd.DataFrame]]:
    """(row order, readable.verdict_matrix) of Vertailu's table: by indicator, or by one municipality's verdicts
    (worsened first, then improved …, within a verdict by the value). Shared, read-only."""
    lang = get_lang()

    def build() -> tuple[list[str], dict[str, pd.DataFrame]]:
        v = comparison_rows(chosen, sex)
        if sort_by == "indicator":
            v = v.sort_values(["indicator_id", "grp"])
            order = list(dict.fromkeys(v["row"]))
        else:
            own = v[v["region_code"] == sort_by].assign(_o=lambda f: f["verdict"].map(D.order))
            order = list(dict.fromkeys(own.sort_values(["_o", "latest_value"], ascending=[True, False])["row"]))
            order += [r for r in dict.fromkeys(v["row"]) if r not in order]
        names = region_names()
        return order, verdict_matrix(v, [names.get(c, c) for c in chosen], order, lang)

    return memo("comparison_matrix", (tuple(chosen), sex, sort_by, lang), build)


def gap_view(region: str, only_changed: bool) -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
    """Tasa-arvo: (the sex-gap rows, widened first, then narrowed, stable …; the gap chart or None; the table) of a
    municipality, built once per (municipality, filter, language, data version). Shared, read-only."""
    lang = get_lang()

    def build() -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
        v = verdicts(region)
        gaps = v[(v["sex"] == "female") & v["gap_trend"].ne("")]
        if only_changed:
            gaps = gaps[gaps["gap_trend"].isin(["narrowed", "widened"])]
        gaps = gaps.assign(
            label=[series_label({**r, "sex": ""}, lang) for r in gaps.to_dict("records")],
            _o=gaps["gap_trend"].map({"widened": 0, "narrowed": 1, "stable": 2}).fillna(3),
            _a=-gaps["gap_latest"].abs().fillna(0),
        ).sort_values(["_o", "_a"])
        plotted = gaps.dropna(subset=["gap_latest", "gap_previous"])
        fig = gap_chart(plotted, lang, bool(plotted["is_demo"].any())) if not plotted.empty else None
        rows = []
        for r in gaps.to_dict("records"):
            dec = int(r["decimals"] or 0)
            worse = r["gap_worse_sex"]
            rows.append(
                {
                    t("v.col.indicator", lang): r["label"],
                    t(
                        "v.gap.col_latest", lang
                    ): f"{fmt_signed(r['gap_latest'], dec, lang)} ({fmt_year(r['gap_year'])})",
                    t("v.gap.col_previous", lang): (
                        f"{fmt_signed(r['gap_previous'], dec, lang)} ({fmt_year(r['gap_previous_year'])})"
                    ),
                    t("v.gap.col_trend", lang): f"{SYMBOLS.get(r['gap_trend'], '?')} {label(r['gap_trend'], lang)}",
                    t("v.gap.col_worse", lang): (
                        t(f"v.sex.{worse}.{'young' if r['grp'] else 'adult'}", lang) if worse else ""
                    ),
                }
            )
        return gaps, fig, pd.DataFrame(rows)

    return memo("gap_view", (region, only_changed, lang), build)


# The table's width at a 1366×768 laptop with the sidebar open (measured: tests/test_vertailu_browser.py).
TABLE_WIDTH = 900
ROW_MARKER = 48  # the row-selection checkbox column, borders and the vertical scroll bar


def column_width(name: str, cells: list[str] | None = None) -> int:
    """Pixels for a municipality column: its whole name in the header and its widest cell ('▲ 676 462')."""
    return max(62, 7 * max([len(name), *(len(c) for c in cells or [])]) + 18)


def label_width(widths: list[int]) -> int:
    """The series label takes what the municipality columns leave of a laptop-wide table (240–380 px): the whole
    county fits side by side without sideways scrolling; a long label may then be cut (the picked row shows it
    whole)."""
    return max(240, min(380, TABLE_WIDTH - ROW_MARKER - sum(widths)))


def compare_table(matrix: dict[str, pd.DataFrame], label: str, key: str):
    """The Vertailu table: series × municipalities, a cell = verdict symbol + latest value in the verdict's dark
    shade on its tint (WCAG AA, tutka.domain.TONE_TEXT/TONE_TINT). The cells hold the numbers, so a click on a
    municipality's header sorts by value; one row can be picked to read the explanations."""
    values, texts, codes = matrix["value"], matrix["text"], matrix["verdict"]
    frame = values.reset_index(drop=True)
    frame.columns.name = None
    frame.insert(0, label, list(values.index))
    styler = frame.style
    # each cell shows its own text over the number it sorts by: one display function per cell, set directly (a
    # Styler.format call per cell re-indexes the frame each time: 0,25 s for 60 rows × 2 municipalities, issue 13)
    display = styler._display_funcs
    shown, verdict_codes = texts.to_numpy(), codes.to_numpy()
    for i in range(len(frame)):
        for j in range(values.shape[1]):
            display[(i, j + 1)] = lambda _v, text=shown[i, j]: text
    cell_css = {
        code: (
            f"color: {D.text_colour(code)}; background-color: {D.tint(code)}; font-weight: 600"
            if code
            else f"color: {D.INK}"
        )
        for code in set(verdict_codes.ravel())
    }
    css = pd.DataFrame(
        [["", *(cell_css[c] for c in row)] for row in verdict_codes], index=frame.index, columns=frame.columns
    )
    styler = styler.apply(lambda _f: css, axis=None)
    widths = {col: column_width(str(col), texts[col].tolist()) for col in values.columns}
    config = {label: st.column_config.TextColumn(label, width=label_width(list(widths.values())), pinned=True)}
    for col, width in widths.items():
        config[col] = st.column_config.Column(col, width=width)
    return st.dataframe(
        styler,
        column_config=config,
        hide_index=True,
        placeholder="–",  # a missing value (Streamlit's own placeholder is "None")
        height=min(38 + 35 * len(frame), 640),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )


def goal_cards(goals: pd.DataFrame, region: str) -> None:
    """One bordered card per plan goal (title, status badge, counts, link to the goal page), three per row. The title,
    badge and counts are one Markdown element: every element is a React node the browser draws on a page change."""
    st.subheader(t("v.overview.goals", plan=md(goals["plan_title"].iloc[0])))
    cols = st.columns(min(3, len(goals)))
    for i, g in enumerate(goals.to_dict("records")):
        with cols[i % len(cols)].container(border=True):
            st.markdown(f"**{md(g['title'])}**\n\n{status_badge(g['status'])}\n\n:small[:gray[{counts_line(g)}]]")
            st.page_link(
                "pages/tavoite.py",
                label=t("v.overview.open_goal"),
                icon=":material/arrow_forward:",
                query_params={"tavoite_id": g["goal_id"], "kunta": region},
            )


DEV_ICONS = {"positive": D.symbol("positive"), "negative": D.symbol("negative")}


def _phrase_list(items: list[dict]) -> str:
    return "\n".join(f"- {md(item['text'])}" for item in items) if items else t("v.overview.none")


def show_developments(devs: dict, lang: str) -> None:
    """The positive and negative theme phrases side by side, the neutral changes under them, and an expander with
    the per-indicator explanation sentences behind every phrase."""
    left, right = st.columns(2)
    for col, key in ((left, "positive"), (right, "negative")):
        with col.container(border=True):
            st.subheader(f"{DEV_ICONS[key]} {t('v.overview.' + key)}")
            st.markdown(_phrase_list(devs[key]))
    if devs["neutral"]:
        st.caption(t("v.overview.neutral") + " " + "; ".join(md(item["text"]) for item in devs["neutral"]))
    items = devs["positive"] + devs["negative"]
    if items:
        # lazy: the sentences behind the phrases are built only while the expander is open (a municipality change
        # built ~15 explanation batches for a closed expander, issue 13)
        details = st.expander(
            t("v.overview.details", n=len(items)), icon=":material/notes:", key="kehitys_perustelut", on_change="rerun"
        )
        if not details.open:
            return
        with details:
            for item in items:
                icon = DEV_ICONS["positive" if item["direction"] == "improved" else "negative"]
                st.markdown(f"**{icon} {md(item['detail'] or item['text'])}**")
                st.markdown(explanations_markdown(explained(item["series"], lang), lang) or t("v.overview.none"))


def show_plan_comparison(plan: pd.Series, plan_devs: pd.DataFrame, devs: dict, year: int) -> None:
    """What the plan wrote (verbatim) next to the theme phrases computed from the data up to the plan's year."""
    with st.expander(t("v.overview.plan_compare", year=year), expanded=True):
        st.caption(t("v.overview.plan_compare_help", year=year))
        c_plan, c_data = st.columns(2)  # one Markdown element per column
        plan_parts = [f"**{t('v.overview.plan_says', plan=md(plan['title']))}**"]
        data_parts = [f"**{t('v.overview.data_says', year=year)}**"]
        for pol in ("positive", "negative"):
            heading = f"{DEV_ICONS[pol]} *{t('v.overview.' + pol)}*"
            said = "\n".join(f"- {md(x)}" for x in plan_devs[plan_devs["polarity"] == pol]["text"])
            plan_parts += [heading, said or t("v.overview.none")]
            data_parts += [heading, _phrase_list(devs[pol])]
        c_plan.markdown("\n\n".join(plan_parts))
        c_data.markdown("\n\n".join(data_parts))


def legend_caption() -> None:
    st.caption(
        " · ".join(
            f"{SYMBOLS[c]} {label(c)}"
            for c in ("improved", "worsened", "no_change", "insufficient", "increased", "decreased")
        )
    )


def sort_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    return (
        frame.assign(_o=frame["verdict"].map(D.order), _s=-frame["strength"].fillna(0))
        .sort_values(["_o", "_s", "indicator_id", "grp"])
        .drop(columns=["_o", "_s"])
    )
