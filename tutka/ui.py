"""Streamlit glue shared by all pages: the app's database connection, cached named queries, the sidebar,
the demo-data banner and chart captions. Pages import from here; they never import duckdb or hold SQL."""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from tutka import db, queries
from tutka.fmt import fmt_date
from tutka.i18n import LANG_NAMES, LANGS, get_lang, t

DEFAULT_REGION = "KU286"
_write_lock = threading.Lock()


@st.cache_resource(show_spinner=False)
def connection():
    """One connection per process (DuckDB allows one read-write process per file); each query uses its own cursor."""
    from tutka.loader import ensure_db

    path = ensure_db()
    con = db.connect(path)
    db.create_schema(con)  # no-op on an up-to-date file
    return con


def write_lock() -> threading.Lock:
    """Serialises writes (imports, undo, deck saves) between sessions of this process."""
    return _write_lock


def data_version() -> int:
    return db.data_version(connection())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, params: tuple, version: int) -> pd.DataFrame:
    return queries.run(connection(), name, **dict(params))


def run_query(name: str, **params: object) -> pd.DataFrame:
    """Named query from queries/, cached per (name, parameters, data version). Lists become tuples for hashing."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached(name, key, data_version())
    return frame.copy()


def params_lists(**params: object) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def region_names() -> dict[str, str]:
    frame = run_query("regions_all")
    col = f"name_{get_lang()}"
    return dict(zip(frame["region_code"], frame[col].fillna(frame["name_fi"])))


def sidebar() -> str:
    """Language switch and municipality picker (both kept in the URL). Returns the chosen municipality code."""
    with st.sidebar:
        st.selectbox(
            "Kieli / Språk / Language", list(LANGS), format_func=LANG_NAMES.get, key="lang",
            bind="query-params", persist_state="session",
        )
        munis = run_query("municipalities_with_data")
        codes = munis["region_code"].tolist() or [DEFAULT_REGION]
        names = region_names()
        index = codes.index(DEFAULT_REGION) if DEFAULT_REGION in codes else 0
        code = st.selectbox(
            t("sidebar.municipality"), codes, index=index, format_func=lambda c: names.get(c, c), key="kunta",
            bind="query-params", persist_state="session", help=t("sidebar.municipality_help"),
        )
        st.caption(t("sidebar.data_version", version=data_version()))
    return code or DEFAULT_REGION


def current_region() -> str:
    return st.session_state.get("kunta") or DEFAULT_REGION


def demo_banner(has_demo: bool = True) -> None:
    if has_demo:
        st.warning(t("demo.banner"), icon=":material/science:")


def source_caption(sources: list[str], updated: object = None, has_demo: bool = False, unit: str | None = None) -> None:
    parts = []
    if unit:
        parts.append(t("caption.unit", unit=unit))
    if sources:
        parts.append(t("caption.source", source="; ".join(dict.fromkeys(s for s in sources if s))))
    if updated is not None and not pd.isna(updated):
        parts.append(t("caption.updated", date=fmt_date(pd.Timestamp(updated).to_pydatetime())))
    if has_demo:
        parts.append(t("demo.short"))
    st.caption(" · ".join(parts))


def empty_state(message_key: str, **fmt: object) -> None:
    st.info(t(message_key, **fmt), icon=":material/info:")
