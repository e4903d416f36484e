"""Plan operations used by the CLI and the app: import a plan workbook for a region, export it, list plans.

`analyse_import` only reads (use a read-only connection); `commit_import` writes in one transaction through
`store.save_plan`, so a refused file leaves the database untouched and every saved plan can be undone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from tutka.importers.problems import Problem
from tutka.plans import store
from tutka.plans.excel_import import ParsedPlan, assign_ids, read_plan_xlsx
from tutka.queries import run

PLAN_REGION_TYPES = ("kunta", "hyvinvointialue")


@dataclass
class ImportAnalysis:
    plan: dict | None
    problems: list[Problem] = field(default_factory=list)
    replaces: str | None = None  # plan_id of the stored plan the import would replace

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "warning"]


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "suunnitelma"


def region_row(con: duckdb.DuckDBPyConnection, region: str) -> dict | None:
    rows = run(con, "plan_region", region=region)
    return None if rows.empty else rows.iloc[0].to_dict()


def check_region(con: duckdb.DuckDBPyConnection, region: str) -> Problem | None:
    row = region_row(con, region)
    if row is None:
        return Problem("plan.err_unknown_region", {"region": region})
    if row["region_type"] not in PLAN_REGION_TYPES:
        return Problem("plan.err_region_type", {"region": region, "name": row["name_fi"]})
    return None


def plan_id_for(con: duckdb.DuckDBPyConnection, region: str, year: int | None) -> tuple[str, str | None]:
    """The id a plan of (region, year) gets, and the stored plan it replaces (same region and year), if any."""
    stored = run(con, "plans_for_region", region=region)
    for r in stored.to_dict("records"):
        same_year = pd.isna(r["year"]) if year is None else (not pd.isna(r["year"]) and int(r["year"]) == year)
        if same_year:
            return r["plan_id"], r["plan_id"]
    name = (region_row(con, region) or {}).get("name_fi") or region
    return f"{_slug(name)}-{year}" if year else _slug(name), None


def analyse_import(
    con: duckdb.DuckDBPyConnection, data: bytes, file_name: str, region: str, year: int | None
) -> ImportAnalysis:
    bad_region = check_region(con, region)
    if bad_region:
        return ImportAnalysis(None, [bad_region])
    parsed: ParsedPlan = read_plan_xlsx(data, file_name, run(con, "plan_catalogue"), year)
    if parsed.plan is None:
        return ImportAnalysis(None, parsed.problems)
    plan_id, replaces = plan_id_for(con, region, parsed.plan["year"])
    plan = assign_ids(parsed.plan, plan_id, region)
    if not plan.get("title"):
        name = (region_row(con, region) or {}).get("name_fi") or region
        plan["title"] = f"{name}: hyvinvointisuunnitelma" + (f" {plan['year']}" if plan.get("year") else "")
    return ImportAnalysis(plan, parsed.problems, replaces)


def commit_import(con: duckdb.DuckDBPyConnection, analysis: ImportAnalysis, file_name: str, user: str | None) -> int:
    assert analysis.plan is not None and not analysis.errors
    n_actions = sum(len(g["actions"]) for g in analysis.plan["goals"])
    summary = f"{len(analysis.plan['goals'])} tavoitetta, {n_actions} toimenpidettä"
    return store.save_plan(con, analysis.plan, user=user, kind="import", summary=summary, file_name=file_name)


def counts(plan: dict) -> dict[str, int]:
    actions = [a for g in plan["goals"] for a in g["actions"]]
    metrics = [m for a in actions for m in a["metrics"]]
    return {
        "goals": len(plan["goals"]),
        "actions": len(actions),
        "units": len({u for a in actions for u in a["responsible"]}),
        "metrics": len(metrics),
        "links": sum(len(m["indicators"]) for m in metrics),
        "targets": sum(1 for m in metrics if m.get("target")),
    }


def plan_for_region(con: duckdb.DuckDBPyConnection, region: str, year: int | None = None) -> dict | None:
    """The region's plan of `year` (or its newest plan)."""
    stored = run(con, "plans_for_region", region=region)
    if stored.empty:
        return None
    if year is not None:
        match = stored[stored["year"] == year]
        stored = match if not match.empty else stored
    return store.read_plan(con, stored.iloc[0]["plan_id"])
