"""What every CLI command shares: opening the database file with a clear Finnish message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import duckdb

from tutka import db
from tutka.i18n import t

T = TypeVar("T")


def open_existing(db_arg: str | None, read_only: bool = True) -> tuple[duckdb.DuckDBPyConnection | None, int]:
    """Connection for a CLI command, or (None, exit code) after a Finnish message: 2 = no database file,
    3 = the file cannot be opened (typically locked by a running app)."""
    path = db.resolve_path(db_arg)
    if not path.exists():
        print(t("cli.err_no_db", "fi", path=path), file=sys.stderr)
        return None, 2
    try:
        return db.connect(path, read_only=read_only), 0
    except duckdb.Error as exc:
        print(t("cli.err_db_open", "fi", path=path, detail=str(exc).splitlines()[0]), file=sys.stderr)
        return None, 3


def read_db(db_arg: str | None, read: Callable[[duckdb.DuckDBPyConnection], T]) -> tuple[T | None, int]:
    """`read` run on a read-only connection that is closed afterwards: (its result, 0), or (None, exit code) after
    open_existing's Finnish message."""
    con, rc = open_existing(db_arg, read_only=True)
    if con is None:
        return None, rc
    try:
        return read(con), 0
    finally:
        con.close()
