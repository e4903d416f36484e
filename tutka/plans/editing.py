"""Editor operations on a nested plan (pure, no Streamlit): create, add, reorder and delete goals, actions and
metrics, set targets from text and the yearly follow-up. The app keeps a working copy and saves it with
`store.save_plan` (one transaction, logged, undoable)."""

from __future__ import annotations

import copy
import re
from typing import Any

from tutka.plans import cells
from tutka.plans.model import FOLLOWUP_STATUSES, METRIC_KINDS, SCOPES


def new_plan(plan_id: str, region: str, title: str, year: int | None, period: str | None) -> dict:
    return {
        "plan_id": plan_id,
        "region_code": region,
        "title": title.strip(),
        "period": (period or "").strip() or None,
        "year": year,
        "document_kind": "plan",
        "adopted": None,
        "source": None,
        "intro": None,
        "cross_cutting": [],
        "developments": {"positive": [], "negative": []},
        "goals": [],
        "origin": "user",
    }


def next_year_plan(previous: dict, plan_id: str, year: int) -> dict:
    """A new yearly version starting from the previous plan: same goals, actions and metrics, no follow-up yet."""
    plan = copy.deepcopy(previous)
    plan.update(plan_id=plan_id, year=year, origin="user", document_kind="plan")
    for goal in plan["goals"]:
        goal["goal_id"] = _rebase(goal["goal_id"], previous["plan_id"], plan_id)
        for action in goal["actions"]:
            action["action_id"] = _rebase(action["action_id"], previous["plan_id"], plan_id)
            action["followup"], action["figures"], action["progress"] = [], [], None
            if action.get("scope") == "report":
                action["scope"] = "year"
    return plan


def _rebase(item_id: str, old: str, new: str) -> str:
    return new + item_id[len(old) :] if item_id.startswith(old) else f"{new}-{item_id}"


def one_line(text: str) -> str:
    """Titles and action texts are one line (the Excel table splits cells on line breaks)."""
    return re.sub(r"\s+", " ", text or "").strip()


def _fresh_id(plan: dict, prefix: str) -> str:
    taken = {g["goal_id"] for g in plan["goals"]} | {a["action_id"] for g in plan["goals"] for a in g["actions"]}
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def add_goal(plan: dict, title: str) -> dict:
    goal: dict[str, Any] = {"goal_id": _fresh_id(plan, f"{plan['plan_id']}-t"), "title": one_line(title)}
    goal["theme"] = None
    goal |= {"description": None, "actions": []}
    plan["goals"].append(goal)
    return goal


def add_action(plan: dict, goal: dict, text: str, scope: str = "council_term") -> dict:
    action: dict[str, Any] = {
        "action_id": _fresh_id(plan, goal["goal_id"]),
        "scope": scope if scope in SCOPES else "council_term",
        "age_group": None,
        "text": one_line(text),
        "progress": None,
        "responsible": [],
        "metrics": [],
        "figures": [],
        "followup": [],
    }
    goal["actions"].append(action)
    return action


def add_metric(action: dict, text: str, kind: str = "text") -> dict:
    metric = {"text": one_line(text), "kind": kind if kind in METRIC_KINDS else "text", "indicators": []}
    action["metrics"].append(metric)
    return metric


def move(items: list, index: int, delta: int) -> int:
    """Move items[index] up (-1) or down (+1); returns its new index."""
    new = index + delta
    if 0 <= index < len(items) and 0 <= new < len(items):
        items[index], items[new] = items[new], items[index]
        return new
    return index


def remove(items: list, index: int) -> None:
    if 0 <= index < len(items):
        del items[index]


def set_target(metric: dict, text: str) -> None:
    """'alle 8 % vuonna 2025' → metric target; '' removes it. ValueError when the text is not a target."""
    target = cells.parse_target(text, metric["kind"])
    if target is None:
        metric.pop("target", None)
    else:
        metric["target"] = target


def set_followup(action: dict, year: int, status: str | None, progress: str | None) -> None:
    """The follow-up of one year: status (None → removed unless there is progress text) and progress."""
    rows = [f for f in action.get("followup") or [] if f["year"] != year]
    progress = (progress or "").strip() or None
    if status or progress:
        status = status if status in FOLLOWUP_STATUSES else "ei_ilmoitettu"
        rows.append({"year": int(year), "status": status, "progress": progress})
    action["followup"] = sorted(rows, key=lambda f: f["year"])


def followup_of(action: dict, year: int) -> dict | None:
    return next((f for f in action.get("followup") or [] if f["year"] == year), None)


def units_from_text(text: str) -> list[str]:
    return [u for u in (one_line(x) for x in (text or "").split("\n")) if u]


def add_figure(action: dict, label: str, value: float, unit: str | None, year: int, indicator_id: str | None) -> dict:
    """A figure the follow-up reports for the action (value, unit, year; optionally the activity indicator it feeds)."""
    figure = {
        "label": one_line(label),
        "value": float(value),
        "unit": one_line(unit or "") or None,
        "year": int(year),
        "qualifier": None,
        "change_pct": None,
        "indicator_id": indicator_id or None,
    }
    action.setdefault("figures", []).append(figure)
    return figure


def figures_of(action: dict, year: int) -> list[tuple[int, dict]]:
    """(index in action['figures'], figure) of one year."""
    return [(i, f) for i, f in enumerate(action.get("figures") or []) if f.get("year") == year]
