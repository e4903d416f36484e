"""Tapahtumaloki — who imported, undid, or changed the council presentation, when, and which attempts were refused?
(Administrators only.)"""

import streamlit as st

from tutka.app import access
from tutka.app.common import page_start, region_names
from tutka.fmt import fmt_date
from tutka.i18n import t
from tutka.readable import user_label

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

st.title(t("page.audit"))
# --- Inputs -------------------------------------------------------------------------------------------------------
if not access.can("audit"):  # the page is hidden from non-admins; a deep link still gets nothing
    st.error(access.AccessDenied("auth.denied_role", "audit", user=access.current_user().id).message())
    st.stop()
st.markdown(t("audit.intro"))

# --- Data ---------------------------------------------------------------------------------------------------------
rows = access.audit_rows()
if rows.empty:
    st.info(t("audit.empty"), icon=":material/info:")
    st.stop()

# --- Display ------------------------------------------------------------------------------------------------------
actions = {a: t(f"audit.action_{a}") for a in ("import", "undo", "deck", "deck_reset", "plan", "fetch")}
table = rows.assign(
    happened_at=rows["happened_at"].map(lambda d: fmt_date(d.to_pydatetime(), with_time=True)),
    action=rows["action"].map(lambda a: actions.get(a, a)),
    allowed=rows["allowed"].map(lambda ok: t("audit.yes") if ok else t("audit.no")),
    user_name=rows["user_name"].map(user_label),  # "järjestelmä" (the data/ loader) in the reader's language
    region_code=rows["region_code"].map(lambda c: region_names().get(c, c) if isinstance(c, str) else c),
)[["happened_at", "user_name", "action", "region_code", "target", "allowed", "detail"]]
table = table.astype("object").where(table.notna(), "–")  # the grid would show a missing cell as "None"
table.columns = [t(f"audit.col_{c}") for c in ("at", "user", "action", "region", "target", "allowed", "detail")]
st.dataframe(table, hide_index=True, width="stretch")
