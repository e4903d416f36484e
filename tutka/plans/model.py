"""Welfare plans as data: the nested plan dict (the YAML shape of docs/data-model.md) and the plan tables.

`load_plans` reads data/plans/*.yaml, `plan_frames` flattens nested plans into one DataFrame per plan table (every
row carries its plan_id), `plans_from_frames` is the inverse (used to read a stored plan back for export/editing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from tutka import schemas
from tutka.domain import FOLLOWUP_STATUSES, METRIC_KINDS, TARGET_KINDS, TARGET_OPS
from tutka.domain import PLAN_SCOPES as SCOPES

PLAN_TABLES = (
    "plans",
    "plan_developments",
    "plan_goals",
    "plan_actions",
    "action_responsibles",
    "plan_metrics",
    "metric_indicators",
    "plan_figures",
    "action_followups",
)
TARGET_FIELDS = ("kind", "op", "value", "year", "unit", "group")


def load_plans(folder: Path) -> list[dict]:
    plans = []
    for path in sorted(folder.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            plan = yaml.safe_load(fh)
        schemas.validate_file(plan, "plan", where=path.name)  # data/schemas/plan.schema.json
        plans.append(plan)
    return plans


def validate_plan(plan: dict) -> list[str]:
    problems = []
    for key in ("plan_id", "region_code", "title"):
        if not plan.get(key):
            problems.append(f"missing {key}")
    if not isinstance(plan.get("goals"), list):
        problems.append("missing goals")
    goal_ids = [g.get("goal_id") for g in plan.get("goals") or []]
    if any(not g for g in goal_ids) or len(set(goal_ids)) != len(goal_ids):
        problems.append("missing or duplicate goal_id")
    seen: set[str] = set()
    for goal in plan.get("goals") or []:
        for action in goal.get("actions") or []:
            aid = action.get("action_id")
            if not aid or aid in seen:
                problems.append(f"missing or duplicate action_id {aid!r}")
            seen.add(aid)
            if action.get("scope") not in SCOPES:
                problems.append(f"{aid}: bad scope {action.get('scope')!r}")
            for metric in action.get("metrics") or []:
                if metric.get("kind") not in METRIC_KINDS:
                    problems.append(f"{aid}: bad metric kind {metric.get('kind')!r}")
                target = metric.get("target") or {}
                if target and target.get("kind") not in TARGET_KINDS:
                    problems.append(f"{aid}: bad target kind {target.get('kind')!r}")
                if target and target.get("op") not in (None, *TARGET_OPS):
                    problems.append(f"{aid}: bad target op {target.get('op')!r}")
            for fu in action.get("followup") or []:
                if fu.get("status") not in FOLLOWUP_STATUSES or not isinstance(fu.get("year"), int):
                    problems.append(f"{aid}: bad follow-up {fu!r}")
    return problems


def _followups(plan: dict, action: dict) -> list[dict]:
    """The action's yearly follow-up entries. A report document (Kokkola 2022) is itself the follow-up of its year:
    its progress paragraph becomes that year's entry, status 'ei_ilmoitettu' because the report states none."""
    items = list(action.get("followup") or [])
    if not items and plan.get("document_kind") == "report" and action.get("progress") and plan.get("year"):
        items = [{"year": plan["year"], "status": "ei_ilmoitettu", "progress": action["progress"]}]
    return items


def plan_frames(plans: list[dict], origin: str = "seed") -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {k: [] for k in PLAN_TABLES}
    for plan in plans:
        pid = plan["plan_id"]
        rows["plans"].append(
            {
                "plan_id": pid,
                "region_code": plan["region_code"],
                "title": plan.get("title"),
                "period": plan.get("period"),
                "year": plan.get("year"),
                "document_kind": plan.get("document_kind"),
                "adopted": plan.get("adopted"),
                "source": plan.get("source"),
                "intro": plan.get("intro"),
                "cross_cutting": list(plan.get("cross_cutting") or []),
                "origin": plan.get("origin") or origin,
            }
        )
        for polarity in ("positive", "negative"):
            for i, text in enumerate((plan.get("developments") or {}).get(polarity) or []):
                rows["plan_developments"].append({"plan_id": pid, "polarity": polarity, "position": i, "text": text})
        for gi, goal in enumerate(plan["goals"]):
            rows["plan_goals"].append(
                {
                    "goal_id": goal["goal_id"],
                    "plan_id": pid,
                    "position": gi,
                    "title": goal.get("title"),
                    "theme": goal.get("theme"),
                    "description": goal.get("description"),
                }
            )
            for ai, action in enumerate(goal.get("actions") or []):
                aid = action["action_id"]
                rows["plan_actions"].append(
                    {
                        "action_id": aid,
                        "goal_id": goal["goal_id"],
                        "plan_id": pid,
                        "position": ai,
                        "scope": action.get("scope"),
                        "age_group": action.get("age_group"),
                        "text": action.get("text"),
                        "progress": action.get("progress"),
                    }
                )
                for ri, unit in enumerate(action.get("responsible") or []):
                    rows["action_responsibles"].append({"plan_id": pid, "action_id": aid, "position": ri, "unit": unit})
                for mi, metric in enumerate(action.get("metrics") or []):
                    mid = f"{aid}-m{mi + 1}"
                    target = metric.get("target") or {}
                    rows["plan_metrics"].append(
                        {
                            "plan_id": pid,
                            "metric_id": mid,
                            "action_id": aid,
                            "position": mi,
                            "text": metric.get("text"),
                            "kind": metric.get("kind"),
                        }
                        | {f"target_{k}": target.get(k) for k in TARGET_FIELDS}
                    )
                    for ii, ind in enumerate(metric.get("indicators") or []):
                        rows["metric_indicators"].append(
                            {"plan_id": pid, "metric_id": mid, "position": ii, "indicator_id": ind}
                        )
                for fi, fig in enumerate(action.get("figures") or []):
                    rows["plan_figures"].append(
                        {
                            "plan_id": pid,
                            "action_id": aid,
                            "position": fi,
                            "label": fig.get("label"),
                            "value": fig.get("value"),
                            "unit": fig.get("unit"),
                            "year": fig.get("year"),
                            "qualifier": fig.get("qualifier"),
                            "change_pct": fig.get("change_pct"),
                            "indicator_id": fig.get("indicator_id"),
                        }
                    )
                for fu in _followups(plan, action):
                    rows["action_followups"].append(
                        {
                            "plan_id": pid,
                            "action_id": aid,
                            "year": fu.get("year"),
                            "status": fu.get("status"),
                            "progress": fu.get("progress"),
                        }
                    )
    return {k: _typed(k, pd.DataFrame(v)) for k, v in rows.items()}


# Columns whose pandas dtype must not be guessed from the first rows (all-None columns would become object/float).
_NUMERIC = {
    "plans": {"year": "Int64"},
    "plan_goals": {"position": "Int64"},
    "plan_actions": {"position": "Int64"},
    "action_responsibles": {"position": "Int64"},
    "plan_metrics": {"position": "Int64", "target_value": "float64", "target_year": "Int64"},
    "metric_indicators": {"position": "Int64"},
    "plan_figures": {"position": "Int64", "value": "float64", "year": "Int64", "change_pct": "float64"},
    "action_followups": {"year": "Int64"},
    "plan_developments": {"position": "Int64"},
}
_TEXT = {
    "plan_metrics": ["target_kind", "target_op", "target_unit", "target_group"],
    "plans": ["period", "document_kind", "adopted", "source", "intro", "origin"],
    "plan_goals": ["theme", "description"],
    "plan_actions": ["age_group", "progress"],
    "plan_figures": ["qualifier", "indicator_id", "unit"],
    "action_followups": ["progress"],
}


def _typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    for col, dtype in _NUMERIC.get(table, {}).items():
        if col in frame:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(dtype)
    for col in _TEXT.get(table, []):
        if col in frame:
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


def _clean(value: object) -> object:
    """pandas/numpy scalars → plain Python; NaN/NA → None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
        if isinstance(value, list):
            return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _records(frame: pd.DataFrame | None) -> list[dict]:
    if frame is None or frame.empty:
        return []
    return [{k: _clean(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _by(records: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in sorted(records, key=lambda r: (r.get("position") is None, r.get("position") or 0)):
        out.setdefault(r[key], []).append(r)
    return out


def plans_from_frames(frames: dict[str, pd.DataFrame]) -> list[dict]:
    """Rebuild nested plans (the YAML shape plus `target` and `followup`) from plan-table frames."""
    recs = {k: _records(frames.get(k)) for k in PLAN_TABLES}
    goals = _by(recs["plan_goals"], "plan_id")
    actions = _by(recs["plan_actions"], "goal_id")
    units = _by(recs["action_responsibles"], "action_id")
    metrics = _by(recs["plan_metrics"], "action_id")
    links = _by(recs["metric_indicators"], "metric_id")
    figures = _by(recs["plan_figures"], "action_id")
    follow: dict[str, list[dict]] = {}
    for r in sorted(recs["action_followups"], key=lambda r: r["year"]):
        follow.setdefault(r["action_id"], []).append(r)
    devs = _by(recs["plan_developments"], "plan_id")
    out = []
    for p in recs["plans"]:
        pid = p["plan_id"]
        plan: dict[str, Any] = {
            k: p.get(k) for k in ("plan_id", "region_code", "title", "period", "year", "document_kind")
        }
        plan |= {k: p.get(k) for k in ("adopted", "source", "intro", "origin")}
        plan["cross_cutting"] = list(p.get("cross_cutting") or [])
        plan["developments"] = {
            pol: [d["text"] for d in devs.get(pid, []) if d["polarity"] == pol] for pol in ("positive", "negative")
        }
        plan["goals"] = []
        for g in goals.get(pid, []):
            goal: dict[str, Any] = {k: g.get(k) for k in ("goal_id", "title", "theme", "description")}
            goal["actions"] = []
            for a in actions.get(g["goal_id"], []):
                aid = a["action_id"]
                action: dict[str, Any] = {k: a.get(k) for k in ("action_id", "scope", "age_group", "text", "progress")}
                action["responsible"] = [u["unit"] for u in units.get(aid, [])]
                action["metrics"] = []
                for m in metrics.get(aid, []):
                    metric: dict[str, Any] = {"text": m.get("text"), "kind": m.get("kind")}
                    metric["indicators"] = [x["indicator_id"] for x in links.get(m["metric_id"], [])]
                    target = {k: m.get(f"target_{k}") for k in TARGET_FIELDS}
                    if target["kind"]:
                        metric["target"] = target
                    action["metrics"].append(metric)
                action["figures"] = [
                    {k: f.get(k) for k in ("label", "value", "unit", "year", "qualifier", "change_pct", "indicator_id")}
                    for f in figures.get(aid, [])
                ]
                action["followup"] = [
                    {"year": f["year"], "status": f["status"], "progress": f.get("progress")}
                    for f in follow.get(aid, [])
                ]
                goal["actions"].append(action)
            plan["goals"].append(goal)
        out.append(plan)
    return out
