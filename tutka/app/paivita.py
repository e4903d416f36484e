"""Streamlit pieces of the page Päivitä tilastot: fetch from Sotkanet and StatFin with a progress bar, show what would
change, save as one import (undo on Tuontihistoria). The fetch itself is tutka/sources/fetch.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tutka import db
from tutka.app import upload as upload_ui
from tutka.app.common import connection
from tutka.i18n import t
from tutka.sources.fetch import FetchRequest, FetchResult, commit_fetch, fetch, pxweb_sources
from tutka.sources.http import SourceError

STATE = "fetch_result"


def fetchable(catalogue: pd.DataFrame) -> list[str]:
    """Catalogue indicators that name a source: a Sotkanet id or a StatFin table in data/pxweb_sources.yaml."""
    statfin = {s.indicator_id for s in pxweb_sources()}
    ids = catalogue.loc[catalogue["sotkanet_id"].notna(), "indicator_id"].tolist()
    return sorted(set(ids) | (statfin & set(catalogue["indicator_id"])))


def run_fetch(req: FetchRequest) -> None:
    """Fetch with a progress bar; the result (or the Finnish error) is kept in the session until saved."""
    bar = st.progress(0.0, text=t("fetch.step_start"))

    def step(fraction: float, what: str) -> None:
        bar.progress(min(1.0, fraction), text=t("fetch.step", what=what))

    try:
        st.session_state[STATE] = fetch(connection(), req, progress=step)
        st.session_state.pop("fetch_error", None)
    except SourceError as exc:
        st.session_state.pop(STATE, None)
        st.session_state["fetch_error"] = t(exc.key, **exc.params)
    bar.empty()


def result() -> FetchResult | None:
    return st.session_state.get(STATE)


def show_error() -> None:
    msg = st.session_state.get("fetch_error")
    if msg:
        st.error(t("fetch.failed") + " " + msg, icon=":material/cloud_off:")


def save(res: FetchResult) -> None:
    out = upload_ui.guarded_commit(
        "fetch",
        res.analysis,
        lambda user, step: commit_fetch(connection(), res, db.default_db_path(), progress=step, user_name=user),
    )
    if out is None:
        return
    st.session_state.pop(STATE, None)
    st.session_state["upload_result"] = {"import_id": out.import_id, "file": res.analysis.file_name, **out.counts}


def show_saved() -> None:
    upload_ui.show_result()
