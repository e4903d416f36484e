"""Saving plans: one transaction per save, logged with who/when and a before/after snapshot, undone exactly.

A snapshot is every row of the plan in every plan table (PLAN_TABLES), as JSON. Saving replaces the plan's rows
with the rows of the new nested plan; undo puts the `before` rows back. Only the newest change of a plan that is
still in force can be undone (undoing an older one would silently drop the later edits).
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from tutka import db
from tutka.plans.model import PLAN_TABLES, _records, _typed, plan_frames, plans_from_frames, validate_plan
from tutka.queries import execute, run


class PlanError(Exception):
    """A refused plan operation. `key` is an i18n key of data/i18n/plans.csv, `params` its placeholders."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _on_table(con: duckdb.DuckDBPyConnection, name: str, table: str, params: dict | None = None) -> None:
    if table not in PLAN_TABLES:  # identifiers only from the whitelist (tutka.queries checks TABLES too)
        raise ValueError(f"not a plan table: {table!r}")
    execute(con, name, params, table=table)


def snapshot(con: duckdb.DuckDBPyConnection, plan_id: str) -> dict[str, list[dict]]:
    """Every row of the plan, per table (JSON-serialisable, NaN → None)."""
    out = {}
    for table in PLAN_TABLES:
        rows = _records(run(con, "plan_table_rows", table=table, plan=plan_id))
        out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out


def _is_empty(snap: dict[str, list[dict]]) -> bool:
    return not any(snap.values())


def _write_rows(con: duckdb.DuckDBPyConnection, plan_id: str, tables: dict[str, pd.DataFrame]) -> None:
    for table in PLAN_TABLES:
        _on_table(con, "plan_table_delete", table, {"plan": plan_id})
        frame = tables.get(table)
        if frame is None or frame.empty:
            continue
        con.register("_plan_rows", frame)
        try:
            _on_table(con, "plan_table_insert", table)
        finally:
            con.unregister("_plan_rows")


def _frames_from_snapshot(snap: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    return {t: _typed(t, pd.DataFrame(rows)) for t, rows in snap.items() if rows}


def _log(
    con: duckdb.DuckDBPyConnection,
    plan_id: str,
    region: str | None,
    kind: str,
    user: str | None,
    summary: str,
    file_name: str | None,
    before: dict,
    after: dict,
) -> int:
    change_id = int(run(con, "plan_change_next_id")["change_id"].iloc[0])
    execute(
        con,
        "plan_change_insert",
        {
            "id": change_id,
            "plan": plan_id,
            "region": region,
            "ts": datetime.now(),
            "user": user or "",
            "kind": kind,
            "summary": summary,
            "file": file_name,
            "before": json.dumps(before, ensure_ascii=False, default=str),
            "after": json.dumps(after, ensure_ascii=False, default=str),
        },
    )
    return change_id


def save_plan(
    con: duckdb.DuckDBPyConnection,
    plan: dict,
    *,
    user: str | None,
    kind: str = "edit",
    summary: str = "",
    file_name: str | None = None,
) -> int:
    """Replace the stored plan `plan["plan_id"]` with `plan` (nested dict) in one transaction; returns the change id."""
    problems = validate_plan(plan)
    if problems:
        raise PlanError("plan.err_invalid", detail="; ".join(problems))
    plan = dict(plan, origin=plan.get("origin") or "user")
    frames = plan_frames([plan], origin="user")
    pid = plan["plan_id"]
    with db.transaction(con):
        before = snapshot(con, pid)
        _write_rows(con, pid, frames)
        after = snapshot(con, pid)
        change_id = _log(con, pid, plan.get("region_code"), kind, user, summary, file_name, before, after)
        db.bump_data_version(con)
    return change_id


def delete_plan(con: duckdb.DuckDBPyConnection, plan_id: str, *, user: str | None) -> int:
    with db.transaction(con):
        before = snapshot(con, plan_id)
        if _is_empty(before):
            raise PlanError("plan.err_no_plan", plan=plan_id)
        region = before["plans"][0].get("region_code")
        _write_rows(con, plan_id, {})
        change_id = _log(con, plan_id, region, "delete", user, "", None, before, snapshot(con, plan_id))
        db.bump_data_version(con)
    return change_id


def undo_change(con: duckdb.DuckDBPyConnection, change_id: int) -> dict:
    """Restore the plan as it was before change `change_id`. Returns the change row (plan_id, kind, ...)."""
    rows = run(con, "plan_change_get", id=int(change_id))
    if rows.empty:
        raise PlanError("plan.err_no_change", id=change_id)
    change = _records(rows)[0]
    if change["status"] != "done":
        raise PlanError("plan.err_already_undone", id=change_id)
    if change.get("later_change") is not None:
        raise PlanError("plan.err_later_change", id=change_id, later=change["later_change"])
    before = json.loads(change["before_json"])
    with db.transaction(con):
        _write_rows(con, change["plan_id"], _frames_from_snapshot(before))
        execute(con, "plan_change_mark_undone", {"id": int(change_id), "ts": datetime.now()})
        db.bump_data_version(con)
    return change


def read_plan(con: duckdb.DuckDBPyConnection, plan_id: str) -> dict | None:
    """The stored plan as a nested dict (YAML shape plus targets and follow-up), or None."""
    frames = {t: run(con, "plan_table_rows", table=t, plan=plan_id) for t in PLAN_TABLES}
    plans = plans_from_frames(frames)
    return plans[0] if plans else None


def list_plans(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return run(con, "plan_list")


def changes(con: duckdb.DuckDBPyConnection, region: str | None = None) -> pd.DataFrame:
    return run(con, "plan_changes_list", region=region)


def user_plan_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Plans a user has saved (import/editor): a re-init from data/plans must not overwrite them."""
    return set(run(con, "plan_has_changes")["plan_id"])


def load_seed_plans(con: duckdb.DuckDBPyConnection, plans: list[dict]) -> dict[str, int]:
    """Inside the loader's transaction: (re)write the data/plans seeds except plans a user has changed since."""
    keep = user_plan_ids(con)
    counts = {t: 0 for t in PLAN_TABLES}
    for table in PLAN_TABLES:  # rows of databases built before plan_id was on every plan table
        _on_table(con, "plan_table_delete_orphans", table)
    for plan in plans:
        if plan["plan_id"] in keep:
            continue
        frames = plan_frames([plan])
        _write_rows(con, plan["plan_id"], frames)
        for t, f in frames.items():
            counts[t] += len(f)
    return counts
