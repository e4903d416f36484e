"""Streamlit glue shared by all pages: the app's database connection, cached named queries, the sidebar,
the demo-data banner and chart captions. Pages import from here; they never import duckdb or hold SQL."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pandas as pd
import streamlit as st

from tutka import ROOT, db, queries
from tutka.citations import unique_sources
from tutka.fmt import fmt_date
from tutka.i18n import LANG_NAMES, LANGS, get_lang, set_lang_provider, source_label, t
from tutka.textsafe import md
from tutka.verdicts import store as verdict_store

DEFAULT_REGION = "KU286"
_write_lock = threading.Lock()


_DASHBOARD = os.path.realpath(ROOT / "dashboard.py")


def _started_by_dashboard() -> bool:
    """Is dashboard.py on this thread's call stack (i.e. is this page running inside st.navigation)?"""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.endswith("dashboard.py") and os.path.realpath(name) == _DASHBOARD:
            return True
        frame = frame.f_back
    return False


def page_start() -> None:
    """The first call of every page script. Streamlit treats an app with a `pages/` folder as a v1 multipage app until
    the first st.navigation call of the process, so a deep link as the first request after a start (and AppTest's
    switch_page) runs the page script directly — without dashboard.py's sign-in gate and sidebar. Such a run leaves
    v1 mode and runs dashboard.py in its place (which runs this page through st.navigation), then stops. Not a rerun:
    a rerun would drop the button clicks of this run.

    A function call, not an import side effect: a rerun raised while a module was being imported left that module
    half-imported for the other sessions starting at the same moment ("cannot import name … from tutka.ui")."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx() is None or _started_by_dashboard():
        return
    PagesManager.uses_pages_directory = False
    code = compile(Path(_DASHBOARD).read_text(encoding="utf-8"), _DASHBOARD, "exec")
    exec(code, {"__name__": "__main__", "__file__": _DASHBOARD})  # noqa: S102 - our own entry script
    st.stop()


set_lang_provider(lambda: st.session_state.get("lang", "fi"))


@st.cache_resource(show_spinner=False)
def connection():
    """One connection per process (DuckDB allows one read-write process per file); each query uses its own cursor."""
    from tutka.loader import ensure_db

    path = ensure_db()
    con = db.connect(path)
    db.create_schema(con)  # no-op on an up-to-date file
    with _write_lock:
        verdict_store.ensure_fresh(con)  # a store left stale (older build, edited rules) is rebuilt once, here
    return con


class _WriteLock:
    """The process's write lock; releasing it forgets the data version remembered for the running script run, so
    the rest of the run that wrote sees the new version."""

    def __enter__(self) -> _WriteLock:
        _write_lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        _run_version.__dict__.clear()
        _write_lock.release()


def write_lock() -> _WriteLock:
    """Serialises writes (imports, undo, deck saves) between sessions of this process."""
    return _WriteLock()


_run_version = threading.local()  # (marker of the script run, data version) of the run on this thread


def _run_marker() -> object | None:
    """An object that is new for every script run (full or fragment) of the session on this thread, or None outside
    a script run. Streamlit resets the run context at the start of each run and gives it a new coordinator."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return getattr(ctx, "parallel_coordinator", None) if ctx is not None else None


def data_version() -> int:
    """The data version; a stale verdict store (data changed elsewhere, rules file edited) is recomputed once.
    Read once per script run (a page asks for it for every cached query): later calls in the same run reuse it,
    unless this process wrote in between (write_lock)."""
    marker = _run_marker()
    if marker is not None and getattr(_run_version, "marker", None) is marker:
        return int(_run_version.version)
    cur = connection().cursor()
    try:
        version, stored, fingerprint = verdict_store.state(cur)
        if stored != version or fingerprint != verdict_store.rules_fingerprint():
            with _write_lock:
                verdict_store.ensure_fresh(cur)
    finally:
        cur.close()
    if marker is not None:
        _run_version.marker, _run_version.version = marker, version
    return version


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached(name: str, params: tuple, version: int) -> pd.DataFrame:
    return queries.run(connection(), name, **dict(params))


def run_query(name: str, **params: object) -> pd.DataFrame:
    """Named query from queries/, cached per (name, parameters, data version). Lists become tuples for hashing.

    The cached frame is shared by the sessions of this process (no unpickling on every call, as st.cache_data did:
    ~0,7 ms per query and run, issue 13); each caller gets a shallow copy. pandas' copy-on-write (always on since
    pandas 3) copies the data on the first change, so a page that adds or changes a column never alters the cache."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, key, data_version()).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(kind: str, key: tuple, version: int, rules: str, _build: Callable[[], Any]) -> Any:
    return _build()


def memo(kind: str, key: tuple, build: Callable[[], Any]) -> Any:
    """`build()` once per (kind, key, data version, verdict rules) in this process, shared by all sessions: figures,
    tables and files a rerun would otherwise rebuild from the same cached rows (issue 13). `key` must hold every
    input of `build` except the data version and the rules (the language too). The result is shared: callers only
    read it (a Plotly figure is copied by st.plotly_chart and by charts.titled)."""
    version = data_version()  # first: a stale store (edited rules) is rebuilt here, before the fingerprint is read
    return _memo(kind, key, version, verdict_store.rules_fingerprint(), build)


def _url_state(key: str, options: list, default=None, multi: bool = False) -> None:
    """The widget value of `key` in this session: from the session, else from the URL (?key=value), else the default;
    a value no longer among the options falls back. Assigned on every run, so a run that does not draw the widget
    (a page switch, a closed menu) keeps it (Streamlit drops a widget's state when a run does not draw it)."""
    by_text = {str(o): o for o in options}  # the URL holds text; options may be numbers
    if key not in st.session_state:
        qp = st.query_params
        if multi:
            wanted = [by_text[v] for v in qp.get_all(key) if v in by_text] if key in qp else list(default or [])
            st.session_state[key] = wanted
        else:
            text = qp.get(key)
            st.session_state[key] = (
                by_text[text]
                if text in by_text
                else (default if default in options else (options[0] if options else None))
            )
    elif not multi and st.session_state[key] not in options:
        st.session_state[key] = default if default in options else (options[0] if options else None)
    elif multi:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    else:
        st.session_state[key] = st.session_state[key]


def _url_write(key: str, value, default=None, multi: bool = False) -> None:
    if multi:
        if value:
            st.query_params[key] = [str(v) for v in value]
        else:
            st.query_params.pop(key, None)
    elif value is None or value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)


def url_value(key: str, options: list, *, default=None, multi: bool = False):
    """The value `url_widget(…, key=key)` would return, without drawing the widget: for a picker inside a closed
    menu (`st.popover(on_change="rerun")`), whose selection still applies and stays in the URL."""
    options = list(options)
    _url_state(key, options, default, multi)
    value = st.session_state[key]
    _url_write(key, value, default, multi)
    return value


def url_widget(widget, label: str, options: list, *, key: str, default=None, multi: bool = False, **kwargs):
    """A widget whose value lives in the URL (?key=value), so every view is a shareable link.

    Streamlit's own bind="query-params" stores the *formatted* label in the URL, which breaks with format_func
    and translated labels; here the URL holds the stable option value (a code or id) instead.
    """
    options = list(options)
    _url_state(key, options, default, multi)
    if widget in (st.multiselect, st.selectbox):
        kwargs.setdefault("placeholder", t("common.choose"))  # Streamlit's own placeholder is English-only
    if widget is st.multiselect:
        kwargs.setdefault("select_all", False)  # its "Select all" / "Select N matches" entry has no translation
    value = widget(label, options, key=key, **kwargs)
    _url_write(key, value, default, multi)
    return value


def municipalities_picker(options: list[str], *, key: str, default: list[str] | None = None, draw: bool = True):
    """The municipality multiselect ("Kunnat": names shown, codes in the URL) of Vertailu's and Indikaattorit's menus.
    With draw=False, its value without drawing it: the menu is closed, its selection still applies."""
    if not draw:
        return url_value(key, options, default=default, multi=True)
    names = region_names()
    return url_widget(
        st.multiselect,
        t("v.compare.regions"),
        options,
        default=default,
        multi=True,
        format_func=lambda c: names.get(c, c),
        key=key,
    )  # no max_selections: Streamlit's "You can only select up to …" is English; a table scrolls sideways instead


def url_tabs(options: list[str], labels: dict[str, str], *, key: str) -> dict[str, Any]:
    """Tabs whose open tab lives in the URL (?key=code) and whose hidden tabs do not run: {code: tab container},
    and only the open tab's `.open` is true. A page draws the open tab's content only, so a visit pays for one tab,
    not for all of them (issue 13: the map alone was a quarter of Vertailu's page change in the browser).

    Streamlit keeps a tab's state by its label, which is translated: the state lives under a key per language, and
    the chosen code in the URL and in this session (a page switch or a language change opens the same tab)."""
    memory = f"_{key}"
    wanted = st.query_params.get(key) or st.session_state.get(memory)
    current = wanted if wanted in options else options[0]
    st.session_state[memory] = current
    state_key = f"{key}_{get_lang()}"
    by_label = {labels[c]: c for c in options}

    def remember() -> None:
        chosen = by_label.get(str(st.session_state.get(state_key, "")), options[0])
        st.session_state[memory] = chosen
        if chosen == options[0]:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = chosen

    if state_key in st.session_state and st.session_state[state_key] != labels[current]:
        del st.session_state[state_key]  # the URL asked for another tab (a link opened in this session)
    tabs = st.tabs([labels[c] for c in options], default=labels[current], key=state_key, on_change=remember)
    if current == options[0]:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = current
    return dict(zip(options, tabs, strict=True))


def url_toggle(label: str, *, key: str, **kwargs) -> bool:
    """A toggle whose state lives in the URL (?key=1), the same way url_widget keeps selections."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(key) == "1"
    value = bool(st.toggle(label, key=key, **kwargs))
    if value:
        st.query_params[key] = "1"
    else:
        st.query_params.pop(key, None)
    return value


def _region_names(lang: str) -> dict[str, str]:
    frame = run_query("regions_all")
    col = f"name_{lang}"
    return dict(zip(frame["region_code"], frame[col].fillna(frame["name_fi"]), strict=False))


def region_names() -> dict[str, str]:
    """{region code: name in the shown language} (a fresh dict: built once per language and data version)."""
    lang = get_lang()
    return dict(memo("region_names", (lang,), lambda: _region_names(lang)))


def sidebar() -> str:
    """Language switch and municipality picker (both kept in the URL). Returns the chosen municipality code."""
    with st.sidebar:
        url_widget(
            st.selectbox, "Kieli / Språk / Language", list(LANGS), format_func=LANG_NAMES.get, key="lang", default="fi"
        )
        munis = run_query("municipalities_with_data")
        codes = munis["region_code"].tolist() or [DEFAULT_REGION]
        names = region_names()
        code = url_widget(
            st.selectbox,
            t("sidebar.municipality"),
            codes,
            format_func=lambda c: names.get(c, c),
            key="kunta",
            default=DEFAULT_REGION,
            help=t("sidebar.municipality_help"),
        )
        st.caption(t("sidebar.data_version", version=data_version()))
    st.html(streamlit_texts_css(get_lang()))  # style only: goes to the page's event container, takes no space
    return code or DEFAULT_REGION


def _css_text(text: str) -> str:
    """A CSS string literal of a user-facing text (quotes and backslashes escaped, no markup)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def streamlit_texts_css(lang: str) -> str:
    """Streamlit's own hint under a text field ("Press Enter to apply") has no translation: hide the English text
    and show ours through CSS generated content (no script). Only the first hint (the Enter one) is replaced; a
    character count that may follow it is left as it is. Multiselect and uploader texts are handled where they
    are drawn (url_widget's `select_all=False`, upload.uploader_css)."""
    enter, ctrl_enter = _css_text(t("common.press_enter", lang)), _css_text(t("common.press_ctrl_enter", lang))
    hint = '[data-testid="InputInstructions"] > span:first-child'
    return f"""<style>
{hint} {{ font-size: 0 !important; }}
{hint}::after {{ content: {enter}; font-size: .75rem; }}
[data-testid="stTextArea"] {hint}::after {{ content: {ctrl_enter}; }}
</style>"""


def current_region() -> str:
    return st.session_state.get("kunta") or DEFAULT_REGION


def demo_banner(has_demo: bool = True) -> None:
    if has_demo:
        st.warning(t("demo.banner"), icon=":material/science:")


def source_caption(sources: list[str], updated: object = None, has_demo: bool = False, unit: str | None = None) -> None:
    parts = []
    if unit:
        parts.append(t("caption.unit", unit=md(unit)))
    if sources:  # sources come from uploaded files: text, never markup
        names = (source_label(s) for s in unique_sources(sources))  # the demo source in the reader's language
        parts.append(t("caption.source", source="; ".join(md(s) for s in names)))
    if updated is not None and not pd.isna(updated):
        parts.append(t("caption.updated", date=fmt_date(pd.Timestamp(updated).to_pydatetime())))
    if has_demo:
        parts.append(t("demo.short"))
    st.caption(" · ".join(parts))


def regions_source_caption(regions: list[str]) -> None:
    """Source, update date and demo note for a view built from many indicators of these regions. Read one region at
    a time: each region's sources are cached on their own (Etusivu reads the shown one), so a new combination of
    municipalities on Vertailu reads nothing again; the sources are listed by their number of values."""
    parts = [run_query("sources_for_regions", regions=[region]) for region in dict.fromkeys(regions)]
    sources = pd.concat(parts) if parts else pd.DataFrame()
    if sources.empty:
        return
    counts = (
        sources.dropna(subset=["source"])
        .groupby("source")["n_values"]
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    source_caption(counts.index.tolist(), sources["updated_at"].max(), bool(sources["is_demo"].any()))


def empty_state(message_key: str, **fmt: Any) -> None:
    st.info(t(message_key, **fmt), icon=":material/info:")
