"""Database location, connections, schema and the data version.

One process owns the DuckDB file read-write (a second process, even read-only, gets a lock error), so the CLI opens
the file itself and must not be pointed at the file of a running app.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tutka import ROOT

SCHEMA_VERSION = "1"
ENV_VAR = "TUTKA_DB"


def default_db_path() -> Path:
    """`$TUTKA_DB`, else `var/tutka.duckdb` in the checkout, else a per-user data folder if the checkout is read-only."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    local = ROOT / "var"
    try:
        local.mkdir(exist_ok=True)
        if os.access(local, os.W_OK):
            return local / "tutka.duckdb"
    except OSError:
        pass
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "hyvinvointitutka" / "tutka.duckdb"


def resolve_path(path: str | os.PathLike | None) -> Path:
    return Path(path).expanduser() if path else default_db_path()


def connect(path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    p = resolve_path(path)
    if not read_only:
        p.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(p), read_only=read_only)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    execute(con, (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8"))
    execute(
        con,
        "insert into meta select * from (values ('schema_version', $v), ('data_version', '0')) m(key, value) "
        "where m.key not in (select key from meta)",
        {"v": SCHEMA_VERSION},
    )


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    cur = con.cursor()
    try:
        row = cur.execute("select value from meta where key = 'data_version'").fetchone()
        return int(row[0]) if row else 0
    finally:
        cur.close()


def bump_data_version(con: duckdb.DuckDBPyConnection) -> int:
    """Call inside the writing transaction so readers see the new version together with the new data."""
    execute(con, "update meta set value = cast(cast(value as integer) + 1 as varchar) where key = 'data_version'")
    return data_version(con)


def next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(execute(con, "select coalesce(max(import_id), 0) + 1 from imports")[0][0])


def execute(con: duckdb.DuckDBPyConnection, query: str, params: dict | None = None) -> list[tuple]:
    """Execute and fully consume the result (DuckDB 2.0 refuses register()/other work while a result is open)."""
    return con.execute(query, params).fetchall()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, ROLLBACK on any error: readers see the old data until commit."""
    execute(con, "begin transaction")
    try:
        yield con
    except BaseException:
        execute(con, "rollback")
        raise
    else:
        execute(con, "commit")
