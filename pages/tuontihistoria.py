"""Tuontihistoria — who imported which file and when, what did each import change, and how do I take one back
exactly as things were before it?"""

import streamlit as st

from tutka import readable
from tutka.app import access
from tutka.app import upload as upload_ui
from tutka.app.common import page_start, region_names, run_query
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
st.dataframe(readable.imports_table(imports, lang), hide_index=True, width="stretch")

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
catalogue = run_query("indicators_all")
titles = dict(zip(catalogue["indicator_id"], catalogue[f"title_{lang}"].fillna(catalogue["title_fi"]), strict=False))
decimals = dict(zip(catalogue["indicator_id"], catalogue["decimals"].fillna(1).astype(int), strict=False))
st.dataframe(
    readable.changes_table(changes.head(1000), titles, region_names(), decimals, lang), hide_index=True, width="stretch"
)
if not access.current_user().regions("undo"):
    st.caption(t("auth.read_only"))
    st.stop()
# Undo is one click away from losing data: the first click only asks, the second one does it.
if st.session_state.get("history_confirm") != int(chosen):
    if st.button(t("history.undo"), type="primary", icon=":material/undo:", key="history_undo"):
        st.session_state["history_confirm"] = int(chosen)
        st.rerun()
    st.stop()
row = undoable[undoable["import_id"] == int(chosen)].iloc[0]
st.warning(
    t(
        "history.confirm_undo",
        id=chosen,
        file=row["file_name"],
        n=fmt_number(len(changes), 0),
        old=fmt_number(int(changes["had_old"].sum()), 0),
    ),
    icon=":material/warning:",
)
c1, c2 = st.columns(2)
if c1.button(t("history.confirm_yes"), type="primary", icon=":material/undo:", key="history_undo_yes"):
    st.session_state.pop("history_confirm", None)
    try:
        upload_ui.undo_import(int(chosen))
        st.session_state["history_msg"] = t("history.undone", id=chosen)
    except UndoRefused as exc:
        st.session_state["history_msg"] = t(exc.key, **exc.params)
    except access.AccessDenied as exc:
        st.error(exc.message(lang), icon=":material/block:")
        st.stop()
    st.rerun()
if c2.button(t("history.confirm_no"), key="history_undo_no"):
    st.session_state.pop("history_confirm", None)
    st.rerun()
