"""Streamlit side of the presentation mode: cached deck, slide navigation (keyboard, clicker, URL), slide rendering
and the edit view where the presenter chooses and orders goals and indicators and saves the deck."""

from __future__ import annotations

import html
import json

import pandas as pd
import streamlit as st

from tutka import ROOT
from tutka.app import access
from tutka.app.common import connection, data_version, write_lock
from tutka.citations import unique_sources
from tutka.domain import SLIDE_POINTS, css_variables
from tutka.exports.common import (
    FontMissingError,
    counts_text,
    demo_label,
    file_name,
    font_paths,
    generated_line,
    map_caption,
    map_rows,
    source_line,
)
from tutka.fmt import fmt_date
from tutka.i18n import t
from tutka.present import definition as defs
from tutka.present.build import build_deck, plan_context
from tutka.present.figures import chart_figure, map_figure
from tutka.present.model import Deck, GoalSlide
from tutka.textsafe import md

CSS = (ROOT / "tutka" / "present" / "slides.css").read_text(encoding="utf-8")
STATUS_CLASS = {"positive": "pos", "negative": "neg"}


# ------------------------------------------------------------------------------------------------------ data
@st.cache_data(show_spinner=False, max_entries=32)
def _deck(region: str, lang: str, definition_json: str, version: int) -> Deck:
    definition = json.loads(definition_json) if definition_json else None
    return build_deck(connection(), region, lang, definition=definition, use_saved=False)


@st.cache_data(show_spinner=False, max_entries=16)
def _context(region: str, lang: str, version: int) -> dict:
    ctx = plan_context(connection(), region, lang)
    return {k: ctx[k] for k in ("plan", "goals", "links", "default", "region_name")}


@st.cache_data(show_spinner=False, max_entries=16)
def _headline_verdicts(region: str, lang: str, version: int) -> pd.DataFrame:
    from tutka.verdicts import store as verdict_store
    from tutka.verdicts.developments import headline

    cur = connection().cursor()
    try:  # the stored verdicts of this data version (the app keeps the store fresh)
        return headline(verdict_store.stored_verdicts(cur, [region], lang))
    finally:
        cur.close()


def saved_definition(region: str) -> tuple[dict | None, object]:
    from tutka import queries

    frame = queries.run(connection(), "deck_get", region=region)
    if frame.empty:
        return None, None
    return defs.load(connection(), region), frame["updated_at"].iloc[0]


def current_deck(region: str, lang: str) -> Deck:
    saved, _ = saved_definition(region)
    return _deck(region, lang, json.dumps(saved, sort_keys=True) if saved else "", data_version())


# ------------------------------------------------------------------------------------------------ navigation
def slide_number(total: int) -> int:
    """The 1-based slide number in session state key "dia", kept in the URL (?dia=N) and clamped to the deck.
    (Synced by hand rather than bind="query-params": the number of slides differs between municipalities, and a
    bound number_input would reject a link's out-of-range value instead of clamping it.)"""
    if "dia" not in st.session_state:
        try:
            st.session_state["dia"] = int(st.query_params.get("dia", 1))
        except ValueError:
            st.session_state["dia"] = 1
    st.session_state["dia"] = max(1, min(total, int(st.session_state["dia"] or 1)))
    return st.session_state["dia"]


def _step(delta: int, total: int) -> None:
    st.session_state["dia"] = max(1, min(total, int(st.session_state.get("dia", 1)) + delta))


def nav_bar(total: int) -> None:
    """Previous / slide number / next. PageUp/PageDown (clickers send these) and the arrow keys page the deck."""
    with st.container(horizontal=True, horizontal_alignment="center", vertical_alignment="center", key="tk_nav"):
        st.button(
            t("present.prev"),
            icon=":material/chevron_left:",
            shortcut="PageUp",
            on_click=_step,
            args=(-1, total),
            key="tk_prev",
            disabled=st.session_state["dia"] <= 1,
        )
        st.number_input(
            t("present.slide"), min_value=1, max_value=total, step=1, key="dia", label_visibility="collapsed", width=110
        )
        st.markdown(f"/ {total}")
        st.button(
            t("present.next"),
            icon=":material/chevron_right:",
            shortcut="PageDown",
            on_click=_step,
            args=(1, total),
            key="tk_next",
            disabled=st.session_state["dia"] >= total,
        )
    # The arrow keys: one shortcut per button, so two more buttons, hidden by CSS (.st-key-tk_arrows).
    with st.container(key="tk_arrows", horizontal=True):
        st.button("←", shortcut="Left", on_click=_step, args=(-1, total), key="tk_left")
        st.button("→", shortcut="Right", on_click=_step, args=(1, total), key="tk_right")
    st.query_params["dia"] = str(st.session_state["dia"])


# ---------------------------------------------------------------------------------------------------- slides
def _esc(text: object) -> str:
    return html.escape(str(text))


def title_size(title: str) -> str:
    """Extra CSS class for long goal titles: smaller type so that they wrap to at most three lines."""
    return " tk-xlong" if len(title) > 110 else " tk-long" if len(title) > 60 else ""


def _demo_badge(show: bool, lang: str) -> str:
    return f'<span class="tk-demo">{_esc(demo_label(lang))}</span>' if show else ""


def _demo_tag(show: bool, lang: str) -> str:
    return f' <span class="tk-demo-inline">{_esc(demo_label(lang))}</span>' if show else ""


def render_slide(deck: Deck, number: int) -> None:
    kind, index = deck.slide_kinds()[number - 1]
    st.html(f"<style>{css_variables()}\n{CSS}</style>")
    with st.container(key="tk_slide"):
        if kind == "title":
            _title(deck)
        elif kind == "goal":
            _goal(deck, deck.goals[index], index)
        elif kind == "map":
            _map(deck)
        elif kind == "equity":
            _equity(deck)
        else:
            _sources(deck)
    foot = {
        "title": deck.plan_source,
        "equity": source_line(deck, [g.indicator_id for g in deck.gaps]),
        "map": source_line(deck, [deck.map.indicator_id]) if deck.map else "",
        "sources": generated_line(deck),
    }.get(kind) or source_line(deck, deck.goals[index].indicator_ids)
    st.html(f'<div class="tk-foot"><span>{_esc(foot)}</span><span>{number} / {len(deck.slide_kinds())}</span></div>')


def _title(deck: Deck) -> None:
    lang = deck.lang
    cross = "".join(
        f"<p class='tk-sub'>{_esc(t('present.cross_cutting', lang, items=c))}</p>" for c in deck.cross_cutting
    )
    st.html(f"""<div class="tk-titleslide">{_demo_badge(deck.has_demo, lang)}
      <p class="tk-eyebrow">{_esc(t("present.title_eyebrow", lang))}</p>
      <h1 class="tk-h0">{_esc(deck.region_name)}</h1>
      <p class="tk-lead">{_esc(deck.plan_title)} · {_esc(deck.plan_period)}</p>
      <p class="tk-body">{_esc(t("present.title_sub", lang, n=len(deck.goals)))}</p>{cross}
      <p class="tk-small">{_esc(generated_line(deck))}</p></div>""")


def _points(title: str, cls: str, symbol: str, items: list, empty: str) -> str:
    lis = "".join(f"<li>{_esc(p.text)}</li>" for p in items) or f"<li class='tk-muted'>{_esc(empty)}</li>"
    return f"<h3 class='tk-{cls}'>{symbol} {_esc(title)}</h3><ul class='tk-list'>{lis}</ul>"


def _goal(deck: Deck, g: GoalSlide, index: int) -> None:
    lang = deck.lang
    status_cls = STATUS_CLASS.get(g.status, "mid")
    counts = counts_text(g, lang) if g.status != "no_indicators" else ""
    st.html(f"""<div class="tk-head">{_demo_badge(g.is_demo, lang)}
      <p class="tk-eyebrow">{_esc(t("present.goal_of", lang, n=index + 1, total=len(deck.goals)))}</p>
      <h1 class="tk-h1{title_size(g.title)}">{_esc(g.title)}</h1>
      <p class="tk-status"><span class="tk-pill tk-{status_cls}">{_esc(t("present.status", lang, status=g.status_label))}</span>
      <span class="tk-counts">{_esc(counts)}</span></p></div>""")
    left, right = st.columns([11, 9], gap="medium") if g.charts else (st.container(), None)

    targets = "".join(f"<li>{_esc(x)}</li>" for x in g.targets[:SLIDE_POINTS])  # one line each, never overflowing
    left.html(
        _points(t("present.positive", lang), "pos", "▲", g.positives[:SLIDE_POINTS], t("present.none_positive", lang))
        + _points(t("present.negative", lang), "neg", "▼", g.negatives[:SLIDE_POINTS], t("present.none_negative", lang))
        + (
            f"<p class='tk-small'><b>{_esc(t('present.targets', lang))}</b></p><ul class='tk-targets'>{targets}</ul>"
            if targets
            else ""
        )
    )
    if right is not None:
        with right:
            for i, chart in enumerate(g.charts[:2]):
                st.html(f"<p class='tk-charttitle'>{_esc(chart.title)}{_demo_tag(chart.is_demo, lang)}</p>")
                with st.container(key=f"tk_chart{len(g.charts[:2])}_{i}"):
                    n = len(g.charts[:2])
                    fig = chart_figure(
                        chart, lang, font_size=15 if n > 1 else 17, demo_annotation=False, legend_top=True
                    )
                    st.plotly_chart(
                        fig,
                        height="stretch",
                        key=f"tk_fig_{g.goal_id}_{i}",
                        theme=None,
                        config={"displayModeBar": False, "responsive": True},
                    )


def _map(deck: Deck) -> None:
    """The county's municipalities coloured by the map indicator (planar polygons, values on hover) and the values
    as a list beside the map, so that the council sees them without hovering."""
    lang, m = deck.lang, deck.map
    assert m is not None
    sub = t("present.map_sub", lang, county=deck.county_name, municipality=deck.region_name)
    st.html(f"""<div class="tk-head">{_demo_badge(m.is_demo, lang)}
      <p class="tk-eyebrow">{_esc(t("map.title", lang))}</p>
      <h1 class="tk-h1{title_size(m.title)}">{_esc(m.title)}</h1>
      <p class="tk-sub">{_esc(sub)}</p></div>""")
    left, right = st.columns([13, 7], gap="medium")
    with left, st.container(key="tk_chart_map"):
        st.plotly_chart(
            map_figure(m, lang, demo_annotation=False),
            height="stretch",
            key="tk_fig_map",
            theme=None,
            config={"displayModeBar": False, "responsive": True, "scrollZoom": False},
        )
    items = "".join(f"<li>{_esc(x)}</li>" for x in map_rows(m, lang)[:12])
    right.html(f"<ul class='tk-list tk-maplist'>{items}</ul>")


def _equity(deck: Deck) -> None:
    lang = deck.lang
    demo = any(g.is_demo for g in deck.gaps)
    st.html(f"""<div class="tk-head">{_demo_badge(demo, lang)}<h1 class="tk-h1">{_esc(t("present.equity_title", lang))}</h1>
      <p class="tk-sub">{_esc(t("present.equity_sub", lang))}</p></div>""")
    left, right = st.columns([1, 1], gap="large") if deck.gap_chart else (st.container(), None)
    items = "".join(f"<li>{_esc(g.text)}</li>" for g in deck.gaps[:4]) or f"<li>{_esc(t('present.no_gaps', lang))}</li>"
    left.html(f"<ul class='tk-list tk-gaps'>{items}</ul>")
    if right is not None and deck.gap_chart is not None:
        with right:
            gap = deck.gap_chart
            st.html(f"<p class='tk-charttitle'>{_esc(gap.title)}{_demo_tag(gap.is_demo, lang)}</p>")
            with st.container(key="tk_chart1_0"):
                fig = chart_figure(gap, lang, font_size=15, demo_annotation=False, legend_top=True)
                st.plotly_chart(
                    fig,
                    height="stretch",
                    key="tk_fig_gap",
                    theme=None,
                    config={"displayModeBar": False, "responsive": True},
                )


def _sources(deck: Deck) -> None:
    lang = deck.lang
    grouped: dict[tuple[str, str], list[str]] = {}
    for s in deck.sources:
        grouped.setdefault((s.source, s.licence), []).append(s.title)
    rows = "".join(
        f"<li><b>{_esc(src)}</b> ({_esc(t('meta.licence', lang))}: {_esc(lic or '–')}): {_esc(', '.join(titles))}</li>"
        for (src, lic), titles in grouped.items()
    )
    details = unique_sources(s.detail for s in deck.sources)
    if details:
        rows += f"<li>{_esc(t('present.value_sources', lang, sources='; '.join(details)))}</li>"
    demo = (
        f"<p class='tk-demo-note'>{_esc(t('demo.short', lang))}. {_esc(t('present.demo_note', lang))}</p>"
        if deck.has_demo
        else ""
    )
    st.html(f"""<div class="tk-head">{_demo_badge(deck.has_demo, lang)}<h1 class="tk-h1">{_esc(t("present.sources_title", lang))}</h1></div>
      <p class="tk-sub">{_esc(t("present.plan_source", lang, source=deck.plan_source))}</p>
      <ul class="tk-sources">{rows}</ul><p class="tk-small">{_esc(t("present.method", lang))}</p>{demo}""")


# ---------------------------------------------------------------------------------------------------- exports
def download_buttons(deck: Deck, container) -> None:
    from tutka.exports.pdf_profile import profile_pdf  # fpdf2 and python-pptx: imported on first use (startup)
    from tutka.exports.pptx_deck import deck_pptx

    container.download_button(
        t("download.pptx"),
        on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
        data=lambda: deck_pptx(deck),
        file_name=file_name(deck, "esitys", "pptx"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/slideshow:",
        key="tk_dl_pptx",
    )
    try:
        font_paths()
    except FontMissingError as exc:
        container.warning(str(exc))
        return
    container.download_button(
        t("download.pdf"),
        on_click="ignore",  # no rerun on click: a rerun orphaned the file being downloaded
        data=lambda: profile_pdf(deck),
        file_name=file_name(deck, "kuntaprofiili", "pdf"),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="tk_dl_pdf",
    )


# ------------------------------------------------------------------------------------------------------- edit
def edit_view(region: str, lang: str) -> None:
    """Choose and order goals (table: show + order) and each goal's indicators; save the deck for next time."""
    ctx = _context(region, lang, data_version())
    saved, saved_at = saved_definition(region)
    current = defs.normalise(saved, ctx["default"], ctx["links"])
    st.caption(t("present.edit_intro", lang))
    if saved_at is not None:
        when = pd.Timestamp(saved_at).to_pydatetime()
        st.caption(t("present.saved_at", lang, date=fmt_date(when, with_time=True, lang=lang)))
    else:
        st.caption(t("present.default_deck", lang))
    goals = ctx["goals"].set_index("goal_id")
    order = [g["goal_id"] for g in current["goals"]]
    rows = [
        {
            "goal_id": gid,
            "show": gid in order,
            "order": (order.index(gid) + 1) if gid in order else len(order) + 1 + k,
            "title": goals.loc[gid, "title"],
        }
        for k, gid in enumerate(goals.index)
    ]
    frame = pd.DataFrame(rows).sort_values("order").reset_index(drop=True)
    cols = {
        "show": st.column_config.CheckboxColumn(t("present.mode_show", lang), width="small"),
        "order": st.column_config.NumberColumn("#", min_value=1, step=1, width="small"),
        "title": st.column_config.TextColumn(t("present.edit_goals", lang), disabled=True),
        "goal_id": None,
    }
    edited_goals = st.data_editor(frame, column_config=cols, hide_index=True, key=f"tk_goals_{region}", width="stretch")
    verdicts = _headline_verdicts(region, lang, data_version())
    from tutka.verdicts.text import symbol_label

    chosen: dict[str, list[str]] = {}
    for _, g in edited_goals.sort_values("order", kind="stable").iterrows():
        links = ctx["links"][ctx["links"]["goal_id"] == g["goal_id"]]
        if links.empty:
            chosen[g["goal_id"]] = []
            continue
        now: list[str] = next((x["indicators"] for x in current["goals"] if x["goal_id"] == g["goal_id"]), [])
        ids = list(dict.fromkeys(links["indicator_id"]))
        titles = dict(zip(links["indicator_id"], links[f"title_{lang}"].fillna(links["title_fi"]), strict=False))
        has_data = dict(zip(links["indicator_id"], links["n_values"] > 0, strict=False))
        vrows = []
        for k, ind in enumerate(ids):
            v = verdicts[(verdicts["indicator_id"] == ind)]
            labels = sorted({symbol_label(x, lang) for x in v["verdict"]})
            vrows.append(
                {
                    "indicator_id": ind,
                    "show": ind in now,
                    "order": (now.index(ind) + 1) if ind in now else len(now) + 1 + k,
                    "title": titles[ind],
                    "verdict": ", ".join(labels) if has_data[ind] else "–",
                }
            )
        with st.expander(t("present.edit_indicators", lang, goal=md(g["title"])), expanded=False):
            ed = st.data_editor(
                pd.DataFrame(vrows).sort_values("order").reset_index(drop=True),
                hide_index=True,
                key=f"tk_ind_{region}_{g['goal_id']}",
                width="stretch",
                column_config={
                    **cols,
                    "title": st.column_config.TextColumn(t("meta.indicator", lang), disabled=True),
                    "verdict": st.column_config.TextColumn("▲▼", disabled=True),
                    "indicator_id": None,
                },
            )
        chosen[g["goal_id"]] = ed[ed["show"]].sort_values("order", kind="stable")["indicator_id"].tolist()
    definition = {
        "plan_id": str(ctx["plan"]["plan_id"]),
        "goals": [
            {"goal_id": gid, "indicators": chosen.get(gid, [])}
            for gid in edited_goals[edited_goals["show"]].sort_values("order", kind="stable")["goal_id"]
        ],
    }
    links = ctx["links"][ctx["links"]["n_values"] > 0]
    map_titles = dict(zip(links["indicator_id"], links[f"title_{lang}"].fillna(links["title_fi"]), strict=False))
    options = ["", *map_titles]
    now_map = current.get("map_indicator") or ""
    map_choice = st.selectbox(
        t("present.map_indicator", lang),
        options,
        index=options.index(now_map) if now_map in options else 0,
        format_func=lambda i: map_titles.get(i) or t("present.map_auto", lang),
        key=f"tk_map_{region}",
    )
    if map_choice:
        definition["map_indicator"] = map_choice
    allowed = access.can("deck", region)  # only hides the buttons: _save/_reset check again on the server
    if not allowed:
        st.info(t("auth.read_only", lang), icon=":material/lock:")
    c1, c2 = st.columns(2)
    # Callbacks with the region and definition shown on screen: the click's rerun saves exactly what was seen.
    c1.button(
        t("present.save", lang),
        type="primary",
        icon=":material/save:",
        key="tk_save",
        disabled=not allowed,
        on_click=_save,
        args=(region, definition),
    )
    c2.button(
        t("present.reset", lang),
        icon=":material/restart_alt:",
        key="tk_reset",
        disabled=saved is None or not allowed,
        on_click=_reset,
        args=(region,),
    )
    message = st.session_state.pop("tk_message", None)
    if message:
        st.success(t(message, lang))
    denied = st.session_state.pop("tk_denied", None)
    if denied:
        st.error(denied.message(lang), icon=":material/block:")
    chart_downloads(current_deck(region, lang))


def chart_downloads(deck: Deck) -> None:
    """Every chart of the deck with PNG / Excel (metadata sheet) / CSV downloads, for reports and e-mails."""
    from tutka.app.downloads import export_buttons, png_button
    from tutka.charts import titled
    from tutka.exports.common import chart_caption, chart_meta, chart_table

    charts = [c for g in deck.goals for c in g.charts] + ([deck.gap_chart] if deck.gap_chart else [])
    n = len(charts) + (1 if deck.map is not None else 0)
    with st.expander(t("present.chart_downloads", deck.lang, n=n), icon=":material/download:"):
        for i, chart in enumerate(charts):
            st.markdown(f"**{md(chart.title)}**")
            export_buttons(
                titled(
                    chart_figure(chart, deck.lang, height=450, font_size=14), chart.title, chart_caption(chart, deck)
                ),
                chart_table(chart, deck.lang),
                chart_meta(chart, deck),
                has_demo=chart.is_demo,
                file_stem=f"{deck.region_code.lower()}_{chart.indicator_id or 'sukupuolierot'}_{i + 1}",
                key=f"tk_chart_dl_{i}",
            )
        if deck.map is not None:
            st.markdown(f"**{md(t('map.title', deck.lang))}: {md(deck.map.title)}**")
            png_button(
                st,
                titled(map_figure(deck.map, deck.lang), deck.map.title, map_caption(deck)),
                f"{deck.region_code.lower()}_kartta_{deck.map.indicator_id}",
                deck.map.is_demo,
                key="tk_map_png",
            )


def _save(region: str, definition: dict) -> None:
    try:
        actor = access.require_write("deck", [region])
    except access.AccessDenied as exc:
        st.session_state["tk_denied"] = exc
        return
    with write_lock():
        defs.save(connection(), region, definition)
    access.record(actor, "deck", [region], definition.get("plan_id"))
    st.session_state["dia"] = 1
    st.session_state["tk_message"] = "present.saved"


def _reset(region: str) -> None:
    try:
        actor = access.require_write("deck", [region])
    except access.AccessDenied as exc:
        st.session_state["tk_denied"] = exc
        return
    with write_lock():
        defs.delete(connection(), region)
    access.record(actor, "deck_reset", [region])
    st.session_state.pop(f"tk_goals_{region}", None)
    st.session_state["tk_message"] = "present.was_reset"
