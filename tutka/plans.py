"""Welfare plans as data: load data/plans/*.yaml and flatten them into the plan tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from tutka import schemas

SCOPES = ("council_term", "year", "report")
METRIC_KINDS = ("indicator", "count", "yesno", "status", "text")


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
    for key in ("plan_id", "region_code", "title", "goals"):
        if not plan.get(key):
            problems.append(f"missing {key}")
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
    return problems


def plan_frames(plans: list[dict]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {
        k: []
        for k in (
            "plans",
            "plan_developments",
            "plan_goals",
            "plan_actions",
            "action_responsibles",
            "plan_metrics",
            "metric_indicators",
            "plan_figures",
        )
    }
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
                    rows["action_responsibles"].append({"action_id": aid, "position": ri, "unit": unit})
                for mi, metric in enumerate(action.get("metrics") or []):
                    mid = f"{aid}-m{mi + 1}"
                    rows["plan_metrics"].append(
                        {
                            "metric_id": mid,
                            "action_id": aid,
                            "position": mi,
                            "text": metric.get("text"),
                            "kind": metric.get("kind"),
                        }
                    )
                    for ind in metric.get("indicators") or []:
                        rows["metric_indicators"].append({"metric_id": mid, "indicator_id": ind})
                for fi, fig in enumerate(action.get("figures") or []):
                    rows["plan_figures"].append(
                        {
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
    return {k: pd.DataFrame(v) for k, v in rows.items()}
