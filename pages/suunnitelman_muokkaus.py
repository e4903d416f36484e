"""Suunnitelman muokkaus — how do I enter and keep up my own municipality's (or wellbeing services county's) welfare
plan: goals, actions, responsible units, metrics with linked indicators and targets, and the yearly follow-up?
Every save is one transaction in the plan history and can be undone."""

import datetime as dt

import streamlit as st

from tutka.app import plan_editor as pe
from tutka.app.common import current_region, page_start, run_query
from tutka.app.downloads import report_downloads
from tutka.i18n import get_lang, t

page_start()  # runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link

lang = get_lang()
st.title(t("page.plan_edit"))
st.caption(t("pe.intro"))
pe.show_message()

# --- Inputs -------------------------------------------------------------------------------------------------------
regions = run_query("regions_all")
regions = regions[regions["region_type"].isin(["kunta", "hyvinvointialue"]) & regions["valid_to"].isna()]
names = dict(zip(regions["region_code"], regions[f"name_{lang}"].fillna(regions["name_fi"]), strict=False))
codes = list(names)
start = current_region() if current_region() in names else codes[0]
region = st.selectbox(t("pe.region"), codes, index=codes.index(start), format_func=names.get, key="pe_region")
user = st.text_input(t("pe.user"), key="pe_user", help=t("pe.user_help"))
plans = run_query("plans_for_region", region=region)
titles = dict(zip(plans["plan_id"], plans["title"], strict=False))
if "pe_pending" in st.session_state:  # a plan just created or deleted: select it / the first one
    pending = st.session_state.pop("pe_pending")
    if pending:
        st.session_state["pe_choice"] = pending
    else:
        st.session_state.pop("pe_choice", None)
choice = st.selectbox(
    t("pe.plan"),
    [*plans["plan_id"], "__new__"],
    format_func=lambda p: titles.get(p) or t("pe.new_plan"),
    key="pe_choice",
)

if choice == "__new__":
    pe.excel_section(region, None, user)
    with st.form("pe_new"):
        title = st.text_input(t("pe.plan_title"), t("pe.default_title", name=names[region]))
        year = st.number_input(t("pe.year"), 2000, 2100, dt.date.today().year, step=1)
        period = st.text_input(t("pe.period"))
        base = st.selectbox(
            t("pe.base"), ["", *plans["plan_id"]], format_func=lambda p: titles.get(p) or t("pe.base_empty")
        )
        if st.form_submit_button(t("pe.create"), type="primary"):
            new_id = pe.create(region, names[region], title, int(year), period, base or None, user)
            st.session_state["pe_pending"] = new_id
            st.rerun()
    st.stop()

# --- Data + editing -----------------------------------------------------------------------------------------------
plan = pe.load(choice)
catalogue = run_query("plan_catalogue")
catalogue = dict(zip(catalogue["indicator_id"], catalogue[f"title_{lang}"].fillna(catalogue["title_fi"]), strict=False))
c1, c2, c3 = st.columns([3, 1, 1])
plan["title"] = c1.text_input(t("pe.plan_title"), plan["title"], key=f"pe_title_{pe.rev()}") or plan["title"]
plan_year = c2.number_input(t("pe.year"), 2000, 2100, plan.get("year") or dt.date.today().year, key=f"pe_y_{pe.rev()}")
plan["year"] = int(plan_year)
plan["period"] = c3.text_input(t("pe.period"), plan.get("period") or "", key=f"pe_period_{pe.rev()}") or None
follow_year = int(st.number_input(t("pe.followup_year"), 2000, 2100, plan["year"], key=f"pe_fy_{pe.rev()}"))

st.subheader(t("pe.goals"))
g = pe.pick(t("pe.goal"), plan["goals"], lambda x: x["title"], "pe_goal")
if g is not None:
    goal = plan["goals"][g]
    goal["title"] = (
        st.text_input(t("pe.goal_title"), goal["title"], key=f"pe_gt_{goal['goal_id']}_{pe.rev()}").strip()
        or goal["title"]
    )
    pe.order_buttons(plan["goals"], g, f"pe_g_{goal['goal_id']}")
    with st.container(border=True):
        st.markdown(f"**{t('pe.actions')}**")
        pe.action_editor(plan, goal, catalogue, follow_year)
pe.add_row(t("pe.new_goal"), "pe_newg", lambda x: pe.editing.add_goal(plan, x))

# --- Save / undo / delete -----------------------------------------------------------------------------------------
st.divider()
if pe.dirty():
    st.warning(t("pe.unsaved"), icon=":material/edit:")
b1, b2, b3 = st.columns(3)
if b1.button(t("pe.save"), type="primary", icon=":material/save:", disabled=not pe.dirty(), key="pe_save"):
    pe.save(user)
    st.rerun()
if b2.button(t("pe.discard"), icon=":material/restart_alt:", disabled=not pe.dirty(), key="pe_discard"):
    pe.forget()
    st.rerun()
if b3.button(t("pe.undo_last"), icon=":material/undo:", key="pe_undo"):
    pe.undo_last(choice)
    st.rerun()
with st.expander(t("pe.history")):
    changes = run_query("plan_changes_list", region=region)
    changes = changes[changes["plan_id"] == choice]
    table = changes.assign(
        kind=changes["kind"].map(lambda k: t(f"plan.kind_{k}")),
        status=changes["status"].map(lambda s: t(f"plan.change_{s}")),
    )[["change_id", "created_at", "user_name", "kind", "summary", "status"]]
    table.columns = [t(f"pe.col_{c}") for c in ("id", "time", "user", "kind", "summary", "status")]
    st.dataframe(table, hide_index=True, width="stretch")
with st.expander(t("pe.delete_plan")):
    sure = st.checkbox(t("pe.confirm_delete_plan", plan=plan["title"]), key="pe_del_sure")
    if st.button(t("pe.delete_plan"), disabled=not sure, icon=":material/delete_forever:", key="pe_del"):
        pe.delete(choice, user)
        st.session_state["pe_pending"] = ""
        st.rerun()
pe.excel_section(region, plan, user)
report_downloads(region, follow_year, key="pe")
