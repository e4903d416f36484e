"""Tuontihistoria — who imported which file and when, what did each import change, and how do I take one back
exactly as things were before it?"""

import streamlit as st

from tutka.app import access
from tutka.app import upload as upload_ui
from tutka.app.common import page_start, run_query
from tutka.fmt import fmt_date, fmt_number
from tutka.i18n import get_lang, t
from tutka.importers import UndoRefused

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
st.title(t("page.history"))
st.markdown(t("history.intro"))
if st.session_state.get("history_msg"):
    st.success(st.session_state.pop("history_msg"), icon=":material/check_circle:")

# --- Data ---------------------------------------------------------------------------------------------------------
imports = run_query("history_list")
if imports.empty:
    st.info(t("history.empty"), icon=":material/info:")
    st.stop()

# --- Display ------------------------------------------------------------------------------------------------------
table = imports.assign(
    created=imports["created_at"].map(lambda d: fmt_date(d.to_pydatetime(), with_time=True)),
    status_text=imports["status"].map(lambda s: t(f"history.status_{s}")),
    kind_text=imports["kind"].map(lambda k: t(f"history.kind_{k}")),
    hash=imports["file_hash"].fillna("").str[:12],
)[
    [
        "import_id",
        "created",
        "user_name",
        "file_name",
        "hash",
        "kind_text",
        "rows_total",
        "rows_new",
        "rows_changed",
        "rows_unchanged",
        "status_text",
    ]
]
table.columns = [
    t(f"history.col_{c}")
    for c in ("id", "created", "user", "file", "hash", "kind", "total", "new", "changed", "unchanged", "status")
]
st.dataframe(table, hide_index=True, width="stretch")

# --- Inputs (undo) ------------------------------------------------------------------------------------------------
undoable = imports[(imports["kind"] == "upload") & (imports["status"] == "done")]
if undoable.empty:
    st.caption(t("history.nothing_to_undo"))
    st.stop()
labels = {
    int(r.import_id): f"{r.import_id} · {r.file_name} · {fmt_date(r.created_at.to_pydatetime(), True)}"
    for r in undoable.itertuples()
}
chosen = st.selectbox(t("history.pick"), list(labels), format_func=labels.get, key="history_pick")
changes = run_query("history_changes", import_id=int(chosen))
st.caption(t("history.changes", n=fmt_number(len(changes), 0)))
st.dataframe(changes.head(1000), hide_index=True, width="stretch")
if not access.current_user().regions("undo"):
    st.caption(t("auth.read_only"))
    st.stop()
if st.button(t("history.undo"), type="primary", icon=":material/undo:", key="history_undo"):
    try:
        upload_ui.undo_import(int(chosen))
        st.session_state["history_msg"] = t("history.undone", id=chosen)
    except UndoRefused as exc:
        st.session_state["history_msg"] = t(exc.key, **exc.params)
    except access.AccessDenied as exc:
        st.error(exc.message(lang), icon=":material/block:")
        st.stop()
    st.rerun()
