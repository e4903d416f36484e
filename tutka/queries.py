"""The one way to run SQL: named statements from queries/, bound parameters, whitelisted identifiers.

A query's name is its path under queries/ without `.sql` ("plan_goals", "loader/table_clear"). Values are always
bound (`$name` + a dict). The only identifier a statement may take from the caller is `{table}`, and only a name
from TABLES. Migrations (queries/migrations/NNN_*.sql) are run by tutka.db.migrate, not by name.

- `run(con, name, **params)` → DataFrame, on its own cursor (DuckDB connections are not thread-safe);
- `execute(con, name, params=None, table=None)` → rows, on the given connection or cursor itself, so that it takes
  part in that connection's open transaction (writes).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from tutka import QUERIES_DIR

if TYPE_CHECKING:  # types only: the import analysis child (tutka/importers/isolate.py) starts without duckdb
    import duckdb

_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)?$")
# Tables a statement may name through {table}: the reference tables init reloads from data/.
TABLES = frozenset(
    {
        "regions",
        "region_membership",
        "indicators",
        "plans",
        "plan_developments",
        "plan_goals",
        "plan_actions",
        "action_responsibles",
        "plan_metrics",
        "metric_indicators",
        "plan_figures",
        "action_followups",
    }
)


@cache
def _text(name: str) -> str:
    if not _NAME.match(name) or name.startswith("migrations/"):
        raise ValueError(f"bad query name {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"unknown query {name!r} (no {path})")
    return path.read_text(encoding="utf-8")


def sql(name: str, table: str | None = None) -> str:
    """The statement text; `{table}` is filled only from the TABLES whitelist."""
    text = _text(name)
    if "{table}" in text:
        if table not in TABLES:
            raise ValueError(f"query {name!r}: table {table!r} is not in the whitelist")
        return text.replace("{table}", table)
    if table is not None:
        raise ValueError(f"query {name!r} takes no table")
    return text


def query_names() -> list[str]:
    """Every named statement (subfolders included, migrations excluded)."""
    names = [p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for p in QUERIES_DIR.rglob("*.sql")]
    return sorted(n for n in names if not n.startswith("migrations/"))


def execute(
    con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None, table: str | None = None
) -> list[tuple]:
    """Run on `con` itself (inside its transaction, if any) and fully consume the result (DuckDB 2.0 refuses other
    work on a connection while a result is open)."""
    return con.execute(sql(name, table), params or None).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> object:
    rows = execute(con, name, params)
    return rows[0][0] if rows else None


def run(con: duckdb.DuckDBPyConnection, name: str, table: str | None = None, **params: object) -> pd.DataFrame:
    """Run a named query on its own cursor (DuckDB connections are not thread-safe) and fully consume the result."""
    cur = con.cursor()
    try:
        return cur.execute(sql(name, table), params or None).df()
    finally:
        cur.close()
