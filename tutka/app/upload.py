"""Streamlit pieces of the upload pages (kept out of pages/ so each page stays a thin Inputs/Data/Display script).

The write path takes the app's connection (tutka.app.common.connection) and serialises writers with tutka.app.common.write_lock().
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from tutka import audit, db, readable
from tutka.app import access
from tutka.app.common import connection, region_names, run_query, write_lock
from tutka.auth import AccessDenied
from tutka.backup import snapshot_before_import
from tutka.catalogue import indicator_titles
from tutka.domain import POLARITIES
from tutka.fmt import fmt_number
from tutka.i18n import get_lang, t
from tutka.importers import CommitResult, ImportOptions, commit, preview, undo
from tutka.importers.commit import Progress
from tutka.importers.isolate import analyse_isolated
from tutka.importers.newind import topics
from tutka.importers.pipeline import Analysis
from tutka.textsafe import md


def uploader_key() -> str:
    return f"upload_file_{st.session_state.setdefault('upload_round', 0)}"


def analysed(data: bytes, name: str, options: ImportOptions) -> Analysis:
    """Analyse once per (file, options); reruns of the page reuse the result."""
    key = (
        name,
        hash(data),
        options.sheet,
        options.replace_series,
        json.dumps(options.resolutions, sort_keys=True),
        bool(options.sotkanet_regions),
    )
    cache = st.session_state.setdefault("upload_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = analyse_isolated(data, name, connection(), options)  # a child process
    return cache[key]


def show_problems(analysis: Analysis, waiting: bool = False) -> None:
    """Errors and warnings; while unknown names wait for the user's decision (the form above), their "unknown
    indicator" errors are not repeated as file errors to correct."""
    lang = get_lang()
    errors, warnings = analysis.errors, analysis.warnings
    if waiting:
        errors = [p for p in errors if p.key != "upload.err_indicator_unknown"]
    if errors:
        st.error(t("upload.refused", n=len(errors)), icon=":material/block:")
        _problem_list(errors, lang)
    if warnings:
        with st.expander(t("upload.warnings", n=len(warnings)), expanded=not errors):
            _problem_list(warnings, lang)


def _problem_list(problems, lang: str) -> None:
    """A readable list for a handful of problems (location first, as in Excel), a sortable table for many."""
    if len(problems) <= 30:
        st.markdown("\n".join(f"- {md(p.message(lang))}" for p in problems))  # names are data
    else:
        st.dataframe(_problem_frame(problems, lang), hide_index=True, width="stretch")


def _problem_frame(problems, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("upload.col_sheet"): [p.sheet or "" for p in problems],
            t("upload.col_row"): [str(p.row) if p.row not in (None, "") else "" for p in problems],
            t("upload.col_col"): [p.col or "" for p in problems],
            t("upload.col_message"): [t(p.key, lang, **p.params) for p in problems],
        }
    )


def unknown_names(analysis: Analysis) -> list[str]:
    return [n for n, m in analysis.matches.items() if m.how in ("unknown", "mapped", "new", "skip")]


def undecided(analysis: Analysis, resolutions: dict[str, dict]) -> list[str]:
    """Unknown names the user has not decided yet (Tallenna stays disabled while any is left)."""
    return [n for n in unknown_names(analysis) if n not in resolutions]


def resolution_form(analysis: Analysis, catalogue: pd.DataFrame) -> dict[str, dict]:
    """For every indicator name the catalogue does not know: map to an indicator, create a new one, or skip.

    Nothing is pre-selected: a guessed mapping once overwrote another indicator's real values with one click. The
    closest titles are shown as suggestions; a name is decided only when the user has chosen an action (and, for
    "same as", the indicator)."""
    lang = get_lang()
    out: dict[str, dict] = {}
    names = unknown_names(analysis)
    if not names:
        return out
    st.subheader(t("upload.unknown_title"))
    st.caption(t("upload.unknown_help"))
    titles = indicator_titles(catalogue, lang)
    for i, name in enumerate(names):
        m = analysis.matches[name]
        with st.container(border=True):
            st.markdown(t("upload.unknown_name", name=md(name)))
            if m.suggestions:
                hint = "; ".join(f"{md(titles.get(x, x))} ({x})" for x in m.suggestions)
                st.caption(t("upload.suggestions", hint=hint))
            action = st.radio(
                t("upload.action"),
                ["map", "new", "skip"],
                key=f"res_action_{i}",
                horizontal=True,
                index=None,
                format_func=lambda a: t(f"upload.action_{a}"),
            )
            if action == "map":
                ids = list(m.suggestions) + [x for x in titles if x not in m.suggestions]
                pick = st.selectbox(
                    t("upload.map_to"),
                    ids,
                    key=f"res_map_{i}",
                    index=None,
                    placeholder=t("upload.map_placeholder"),
                    format_func=lambda x: f"{titles.get(x, x)} ({x})",
                )
                if pick is not None:
                    out[name] = {"action": "map", "indicator_id": pick}
            elif action == "new":
                c1, c2 = st.columns(2)
                title = c1.text_input(t("upload.new_title"), value=name.split(" (")[0], key=f"res_title_{i}")
                unit = c2.text_input(t("upload.new_unit"), value=m.unit or "", key=f"res_unit_{i}")
                pol = c1.selectbox(
                    t("upload.new_polarity"),
                    POLARITIES,
                    key=f"res_pol_{i}",
                    format_func=lambda p: t(f"upload.polarity_{p}"),
                )
                topic_opts = topics()
                topic_names = {k: v.get(lang, k) for k, v in topic_opts.items()}
                topic = c2.selectbox(
                    t("upload.new_topic"),
                    list(topic_names),
                    key=f"res_topic_{i}",
                    format_func=topic_names.__getitem__,
                )
                out[name] = {"action": "new", "title": title, "unit": unit, "polarity": pol, "topic": topic}
            elif action == "skip":
                out[name] = {"action": "skip"}
    return out


def save_disabled_note(names: list[str]) -> None:
    """The save button, disabled, with the names still waiting for a decision."""
    st.button(t("upload.save"), type="primary", icon=":material/upload:", key="upload_save_disabled", disabled=True)
    st.info(t("upload.decide_first", names="; ".join(md(n) for n in names)), icon=":material/rule:")


def show_preview(analysis: Analysis) -> dict[str, int]:
    pv = preview(connection(), analysis)
    counts = pv.counts()
    cols = st.columns(4)
    for col, key in zip(cols, ("new", "changed", "unchanged", "removed"), strict=False):
        col.metric(t(f"upload.count_{key}"), fmt_number(counts[key], 0))
    lang = get_lang()
    shown = pv.head  # new and changed rows first (counted and cut in DuckDB: a 1 M-row upload stays in DuckDB)
    catalogue = run_query("indicators_all")
    titles = indicator_titles(catalogue, lang)
    decimals = dict(zip(catalogue["indicator_id"], catalogue["decimals"].fillna(2).astype(int), strict=False))
    table = readable.preview_table(shown, titles, region_names(), decimals, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    if counts["total"] > len(shown):
        st.caption(t("upload.preview_cut", n=len(shown), total=counts["total"]))
    if counts["removed"]:
        st.warning(t("upload.removed_warning", n=counts["removed"]), icon=":material/delete:")
    return counts


def open_dialog(analysis: Analysis) -> None:
    st.session_state["upload_confirm"] = analysis.file_hash


def dialog_open(analysis: Analysis) -> bool:
    """The dialog stays open across reruns until saved, cancelled or dismissed (a flag, not the button's value)."""
    return st.session_state.get("upload_confirm") == analysis.file_hash


def _close_dialog() -> None:
    st.session_state.pop("upload_confirm", None)


def confirm_dialog(analysis: Analysis, counts: dict[str, int]) -> None:
    """Confirmation dialog with a progress bar; the title is translated at run time."""

    @st.dialog(t("upload.confirm_title"), on_dismiss=_close_dialog)
    def _dialog() -> None:
        st.markdown(t("upload.confirm_text", file=md(analysis.file_name), **counts))
        if analysis.options.replace_series and counts["removed"]:
            st.warning(t("upload.removed_warning", n=counts["removed"]))
        c1, c2 = st.columns(2)
        if c1.button(t("upload.confirm_yes"), type="primary", key="upload_confirm_yes", icon=":material/save:"):
            result = guarded_commit(
                "import",
                analysis,
                lambda user, step: commit(connection(), analysis, db.default_db_path(), progress=step, user_name=user),
            )
            if result is None:
                return
            st.session_state["upload_result"] = {
                "import_id": result.import_id,
                "file": analysis.file_name,
                **result.counts,
            }
            st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
            st.session_state.pop("upload_cache", None)
            _close_dialog()
            st.rerun()
        if c2.button(t("upload.confirm_no"), key="upload_confirm_no"):
            _close_dialog()
            st.rerun()

    _dialog()


def guarded_commit(
    action: str, analysis: Analysis, write: Callable[[str | None, Progress], CommitResult]
) -> CommitResult | None:
    """Every write of values from the app: the role check on the server for every region (refusal shown, nothing
    written), a progress bar, the write lock, a snapshot of the database first (refused without it), then
    `write(user_name, progress)`. Returns the CommitResult, or None when refused."""
    try:
        actor = access.require_write(action, analysis.rows["region_code"].unique(), analysis.file_name)
    except AccessDenied as exc:
        st.error(exc.message(get_lang()), icon=":material/block:")
        return None
    bar = st.progress(0.0, text=t("upload.step_archive"))

    def step(fraction: float, what: str) -> None:
        bar.progress(fraction, text=t(f"upload.step_{what}"))

    with write_lock():
        try:  # a copy of the database before the import, kept for the last $TUTKA_SNAPSHOTS imports
            snapshot_before_import(connection(), db.default_db_path())
        except Exception as exc:  # disk full, permissions: refuse rather than import without the copy
            st.error(t("backup.err_snapshot", detail=str(exc).splitlines()[0]), icon=":material/block:")
            return None
        return write(access.user_label(actor) if actor.signed_in else None, step)


def show_result() -> None:
    res = st.session_state.get("upload_result")
    if res:
        st.success(
            t(
                "upload.done",
                id=res["import_id"],
                file=md(res["file"]),
                new=res["new"],
                changed=res["changed"],
                unchanged=res["unchanged"],
                removed=res["removed"],
            ),
            icon=":material/check_circle:",
        )


def undo_import(import_id: int) -> None:
    """Undo after the server-side check: the user must be allowed to undo in every region the import touched."""
    regions = audit.touched_regions(connection(), import_id)
    actor = access.require_write("undo", regions, import_id)
    with write_lock():
        undo(connection(), import_id)
    access.record(actor, "undo", regions, import_id)


def _css_text(text: str) -> str:
    """A CSS string literal of user-facing text (quotes and backslashes escaped, no markup)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_css(types: list[str], lang: str | None = None, *, key: str = "upload_file_", max_bytes: int = 0) -> str:
    """Streamlit's file uploader texts are English only ("Upload", "60MB per file • …"): hide them and show ours,
    with the limit the reading code enforces (not Streamlit's). Scoped to the uploader(s) whose key starts with `key`
    (Streamlit puts `st-key-<key>` on the widget), so each uploader names its own types and limit."""
    from tutka.importers.safety import MAX_UPLOAD_BYTES

    mb = (max_bytes or MAX_UPLOAD_BYTES) // (1024 * 1024)
    limit = t("upload.dropzone_limit", lang, mb=mb, types=", ".join(types).upper())
    scope = f'[class*="st-key-{re.sub(r"[^A-Za-z0-9_-]", "", key)}"]'
    return f"""<style>
{scope} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
{scope} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {_css_text(limit)};
  font-size: .85rem; }}
{scope} [data-testid="stFileUploaderDropzone"] button p {{ font-size: 0 !important; }}
{scope} [data-testid="stFileUploaderDropzone"] button p::after {{ content: {_css_text(t("upload.browse", lang))};
  font-size: 1rem; }}
</style>"""
