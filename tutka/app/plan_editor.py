"""Streamlit glue of the plan editor page (pages/suunnitelman_muokkaus.py).

The page edits a working copy of the plan in `st.session_state["pe_plan"]`; "Tallenna" saves it with
`tutka.plans.store.save_plan` (one transaction, logged with who/when and before/after, undoable). Widget keys carry
the item id and a revision number that grows with every structural change (add, move, delete), so widgets show the
new values after a change instead of their old state.
"""

from __future__ import annotations

import streamlit as st

from tutka.app.common import connection, run_query, write_lock
from tutka.i18n import get_lang, t
from tutka.plans import cells, editing, store
from tutka.plans.model import FOLLOWUP_STATUSES, METRIC_KINDS, SCOPES

PLAN, STORED, REV, MSG = "pe_plan", "pe_stored", "pe_rev", "pe_msg"


def rev() -> int:
    return st.session_state.get(REV, 0)


def bump() -> None:
    st.session_state[REV] = rev() + 1


def message(text: str, kind: str = "success") -> None:
    st.session_state[MSG] = (kind, text)


def show_message() -> None:
    if MSG in st.session_state:
        kind, text = st.session_state.pop(MSG)
        (st.success if kind == "success" else st.error)(text)


def load(plan_id: str) -> dict:
    """The working copy of `plan_id` (read from the database when another plan was being edited)."""
    current = st.session_state.get(PLAN)
    if current is None or current["plan_id"] != plan_id:
        stored = store.read_plan(connection(), plan_id)
        st.session_state[PLAN] = stored
        st.session_state[STORED] = store.read_plan(connection(), plan_id)
        bump()
    return st.session_state[PLAN]


def forget() -> None:
    st.session_state.pop(PLAN, None)
    st.session_state.pop(STORED, None)
    bump()


def dirty() -> bool:
    return st.session_state.get(PLAN) != st.session_state.get(STORED)


def allowed(region: str, target: object, user: str) -> str | None:
    """Server-side check right before a plan write (sign-in roles, tutka.app.access): the name for the change log,
    or None after an error message. Signed in, the log gets the signed-in user; locally, the name typed on the page."""
    from tutka.app import access
    from tutka.auth import AccessDenied

    try:
        actor = access.require_write("plan", [region], target)
    except AccessDenied as exc:
        message(exc.message(get_lang()), "error")
        return None
    return access.user_label(actor) if access.auth_configured() else (user or "")


def save(user: str, kind: str = "edit") -> int | None:
    plan = st.session_state[PLAN]
    name = allowed(plan["region_code"], plan["plan_id"], user)
    if name is None:
        return None
    user = name
    try:
        with write_lock():
            change = store.save_plan(connection(), plan, user=user or None, kind=kind)
    except store.PlanError as exc:
        message(t(exc.key, **exc.params), "error")
        return None
    forget()
    message(t("pe.saved", id=change))
    return change


def create(region: str, name: str, title: str, year: int | None, period: str, base: str | None, user: str) -> str:
    from tutka.plans.service import _slug

    taken = set(run_query("plans_for_region", region=region)["plan_id"])
    plan_id = f"{_slug(name)}-{year}" if year else _slug(name)
    n = 2
    while plan_id in taken:
        plan_id, n = f"{_slug(name)}-{year or ''}-{n}".replace("--", "-"), n + 1
    if base:
        previous = store.read_plan(connection(), base)
        if previous is None:
            raise store.PlanError("plan.err_no_plan", plan=base)
        plan = editing.next_year_plan(previous, plan_id, year or 0)
        plan["title"] = title or plan["title"]
        plan["period"] = period or plan.get("period")
        plan["year"] = year
    else:
        plan = editing.new_plan(plan_id, region, title, year, period)
    actor = allowed(region, plan_id, user)
    if actor is None:
        return plan_id
    with write_lock():
        store.save_plan(connection(), plan, user=actor or None, kind="create", summary=plan["title"])
    forget()
    message(t("pe.created", plan=plan["title"]))
    return plan_id


def undo_last(plan_id: str) -> None:
    changes = run_query("plan_changes_list", region=None)
    mine = changes[(changes["plan_id"] == plan_id) & (changes["status"] == "done")]
    if mine.empty:
        message(t("pe.nothing_to_undo"), "error")
        return
    if allowed(str(mine["region_code"].iloc[0]), plan_id, "") is None:
        return
    try:
        with write_lock():
            store.undo_change(connection(), int(mine["change_id"].iloc[0]))
        message(t("pe.undone", id=int(mine["change_id"].iloc[0])))
    except store.PlanError as exc:
        message(t(exc.key, **exc.params), "error")
    forget()


def delete(plan_id: str, user: str) -> None:
    plan = st.session_state.get(PLAN) or {}
    name = allowed(plan.get("region_code", ""), plan_id, user)
    if name is None:
        return
    user = name
    with write_lock():
        change = store.delete_plan(connection(), plan_id, user=user or None)
    forget()
    message(t("pe.deleted", id=change))


def pick(label: str, items: list, fmt, key: str, new_label: str | None = None) -> int | None:
    """Index of the chosen item (None = nothing / the "new" entry)."""
    options = list(range(len(items)))
    if not options:
        return None
    index = st.selectbox(label, options, format_func=lambda i: fmt(items[i]), key=f"{key}_{rev()}")
    return index


def order_buttons(items: list, index: int, key: str) -> None:
    """Up / down / delete (with confirmation) for items[index]."""
    c1, c2, c3, c4 = st.columns([1, 1, 2, 2])
    if c1.button("↑", key=f"{key}_up_{rev()}", help=t("pe.move_up")):
        editing.move(items, index, -1)
        bump()
        st.rerun()
    if c2.button("↓", key=f"{key}_down_{rev()}", help=t("pe.move_down")):
        editing.move(items, index, 1)
        bump()
        st.rerun()
    sure = c3.checkbox(t("pe.confirm_delete"), key=f"{key}_sure_{rev()}")
    if c4.button(t("pe.delete"), key=f"{key}_del_{rev()}", disabled=not sure, icon=":material/delete:"):
        editing.remove(items, index)
        bump()
        st.rerun()


def add_row(label: str, key: str, on_add) -> None:
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    text = c1.text_input(label, key=f"{key}_{rev()}")
    if c2.button(t("pe.add"), key=f"{key}_btn_{rev()}", icon=":material/add:"):
        if editing.one_line(text):
            on_add(text)
            bump()
            st.rerun()
        else:
            st.error(t("pe.err_empty"))


def metric_editor(action: dict, catalogue: dict[str, str]) -> None:
    metrics = action["metrics"]
    k = pick(t("pe.metric"), metrics, lambda m: m["text"], f"pe_metric_{action['action_id']}")
    if k is not None:
        m = metrics[k]
        base = f"pe_m_{action['action_id']}_{k}"
        m["text"] = editing.one_line(st.text_input(t("pe.metric_text"), m["text"], key=f"{base}_text_{rev()}"))
        m["kind"] = st.selectbox(
            t("pe.metric_kind"),
            list(METRIC_KINDS),
            index=list(METRIC_KINDS).index(m["kind"]),
            format_func=lambda x: t(f"plan.metric_kind_{x}"),
            key=f"{base}_kind_{rev()}",
        )
        known = [i for i in m["indicators"] if i in catalogue]
        m["indicators"] = st.multiselect(
            t("pe.indicators"),
            list(catalogue),
            default=known,
            format_func=lambda i: f"{catalogue[i]} ({i})",
            key=f"{base}_ind_{rev()}",
            placeholder=t("pe.indicator_search"),
            select_all=False,  # no English "Select all" in the list
        )
        current = cells.format_target(m.get("target"))
        text = st.text_input(t("pe.target"), current, key=f"{base}_target_{rev()}", help=t("pe.target_help"))
        if text != current:
            try:
                editing.set_target(m, text)
            except ValueError:
                st.error(t("plan.err_target", value=text))
        order_buttons(metrics, k, base)
    add_row(t("pe.new_metric"), f"pe_newm_{action['action_id']}", lambda x: editing.add_metric(action, x))


def figures_editor(action: dict, catalogue: dict[str, str], year: int) -> None:
    """The figures the follow-up of `year` reports for the action: list with delete, and a row to add one."""
    from tutka.i18n import get_lang
    from tutka.plans.report import figure_text
    from tutka.textsafe import md

    for index, fig in editing.figures_of(action, year):
        c1, c2 = st.columns([5, 1])
        c1.markdown("- " + md(figure_text(fig, get_lang())))
        if c2.button(t("pe.delete"), key=f"pe_fig_del_{action['action_id']}_{index}_{rev()}"):
            editing.remove(action["figures"], index)
            bump()
            st.rerun()
    base = f"pe_fig_{action['action_id']}_{year}"
    c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
    label = c1.text_input(t("pe.figure_label"), key=f"{base}_label_{rev()}")
    value = c2.number_input(t("pe.figure_value"), value=None, key=f"{base}_value_{rev()}")
    unit = c3.text_input(t("pe.figure_unit"), key=f"{base}_unit_{rev()}")
    indicator = c4.selectbox(
        t("pe.figure_indicator"),
        ["", *catalogue],
        format_func=lambda i: catalogue.get(i, "–") if i else "–",
        key=f"{base}_ind_{rev()}",
    )
    if st.button(t("pe.figure_add"), key=f"{base}_add_{rev()}", icon=":material/add:"):
        if not editing.one_line(label) or value is None:
            st.error(t("pe.figure_missing"))
        else:
            editing.add_figure(action, label, value, unit, year, indicator or None)
            bump()
            st.rerun()


def action_editor(plan: dict, goal: dict, catalogue: dict[str, str], year: int) -> None:
    actions = goal["actions"]
    a = pick(t("pe.action"), actions, lambda x: x["text"][:120], f"pe_action_{goal['goal_id']}")
    if a is not None:
        action = actions[a]
        base = f"pe_a_{action['action_id']}"
        action["text"] = editing.one_line(st.text_area(t("pe.action_text"), action["text"], key=f"{base}_text_{rev()}"))
        c1, c2 = st.columns(2)
        action["scope"] = c1.selectbox(
            t("pe.scope"),
            list(SCOPES),
            index=list(SCOPES).index(action["scope"]),
            format_func=lambda s: t(f"pe.scope_{s}"),
            key=f"{base}_scope_{rev()}",
        )
        age = c2.text_input(t("pe.age_group"), action.get("age_group") or "", key=f"{base}_age_{rev()}")
        action["age_group"] = editing.one_line(age) or None
        units = st.text_area(
            t("pe.units"), "\n".join(action["responsible"]), key=f"{base}_units_{rev()}", help=t("pe.units_help")
        )
        action["responsible"] = editing.units_from_text(units)
        order_buttons(actions, a, base)
        st.markdown(f"**{t('pe.followup', year=year)}**")
        follow = editing.followup_of(action, year) or {}
        statuses = ["", *FOLLOWUP_STATUSES]
        status = st.selectbox(
            t("pe.status"),
            statuses,
            index=statuses.index(follow.get("status") or ""),
            format_func=lambda s: t(f"plan.status_{s}") if s else "–",
            key=f"{base}_status_{year}_{rev()}",
        )
        progress = st.text_area(t("pe.progress"), follow.get("progress") or "", key=f"{base}_prog_{year}_{rev()}")
        editing.set_followup(action, year, status or None, progress)
        figures_editor(action, catalogue, year)
        st.markdown(f"**{t('pe.metrics')}**")
        metric_editor(action, catalogue)
    add_row(t("pe.new_action"), f"pe_newa_{goal['goal_id']}", lambda x: editing.add_action(plan, goal, x))


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def excel_section(region: str, plan: dict | None, user: str) -> None:
    """Import a plan table (preview, errors by sheet/row/column, confirm) and download the plan as the same table."""
    from tutka.app.upload import uploader_css
    from tutka.plans import service
    from tutka.plans.excel_export import plan_xlsx
    from tutka.plans.excel_import import MAX_PLAN_BYTES

    with st.expander(t("pe.excel"), icon=":material/table_view:"):
        st.caption(t("pe.excel_help"))
        if plan is not None:
            st.download_button(
                t("pe.excel_download"),
                lambda: plan_xlsx(plan),
                f"{plan['plan_id']}.xlsx",
                XLSX_MIME,
                key="pe_xlsx_download",
                icon=":material/download:",
            )
        st.html(uploader_css(["xlsx"], key="pe_upload", max_bytes=MAX_PLAN_BYTES))  # Finnish texts, the real limit
        upload = st.file_uploader(t("pe.excel_file"), type=["xlsx"], key="pe_upload")
        year = st.number_input(t("pe.excel_year"), 2000, 2100, value=None, key="pe_upload_year")
        if upload is None:
            return
        analysis = service.analyse_import(connection(), upload.getvalue(), upload.name, region, year)
        for problem in analysis.problems:
            (st.warning if problem.severity == "warning" else st.error)(problem.message())
        if analysis.plan is None or analysis.errors:
            st.error(t("pe.excel_refused", n=len(analysis.errors)))
            return
        st.success(t("plan.cli_preview", region=region, **service.counts(analysis.plan)))
        st.markdown(
            "\n".join(f"- {g['title']} ({len(g['actions'])})".replace("*", "\\*") for g in analysis.plan["goals"])
        )
        if analysis.replaces:
            st.warning(t("plan.cli_replaces", plan=analysis.replaces))
        if st.button(t("pe.excel_save"), type="primary", key="pe_upload_save", icon=":material/save:"):
            name = allowed(region, analysis.plan["plan_id"], user)
            if name is None:
                st.rerun()
            with write_lock():
                change = service.commit_import(connection(), analysis, upload.name, name or None)
            forget()
            st.session_state["pe_pending"] = analysis.plan["plan_id"]
            message(t("plan.cli_saved", plan=analysis.plan["plan_id"], id=change))
            st.rerun()
