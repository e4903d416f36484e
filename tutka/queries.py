"""Named SQL queries: one statement per file in queries/, the file stem is the name. Parameters are always bound."""

from __future__ import annotations

import re
from functools import cache

import duckdb
import pandas as pd

from tutka import QUERIES_DIR

_NAME = re.compile(r"^[a-z0-9_]+$")


@cache
def sql(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"unknown query {name!r} (no {path})")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run a named query on its own cursor (DuckDB connections are not thread-safe) and fully consume the result."""
    cur = con.cursor()
    try:
        return cur.execute(sql(name), params or None).df()
    finally:
        cur.close()
