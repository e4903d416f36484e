"""Database location, connections, schema and the data version.

One process owns the DuckDB file read-write (a second process, even read-only, gets a lock error), so the CLI opens
the file itself and must not be pointed at the file of a running app.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from tutka import ROOT, queries

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


MIGRATIONS_DIR = ROOT / "queries" / "migrations"


class MigrationError(RuntimeError):
    """A migration could not be applied; the database stays at the version before it."""


def migrations() -> list[Path]:
    """Numbered migration files in order (001_initial.sql, 002_…)."""
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration this database file has not had yet, each in its own transaction, and record it.

    Each migration is recorded by name, so one numbered lower but added later (a merge) is still applied.
    Returns the names applied now. Raises MigrationError (database unchanged by that migration) on failure."""
    queries.execute(con, "meta/migrations_table")
    applied = {row[0] for row in queries.execute(con, "meta/migrations_applied")}
    done: list[str] = []
    for path in migrations():
        if path.stem in applied:
            continue
        try:
            with transaction(con):
                con.execute(path.read_text(encoding="utf-8")).fetchall()
                queries.execute(con, "meta/migration_record", {"version": path.stem, "applied_at": datetime.now()})
                queries.execute(con, "meta/meta_defaults")
                queries.execute(con, "meta/schema_version_set", {"version": path.stem.split("_", 1)[0]})
        except duckdb.Error as exc:
            raise MigrationError(f"{path.name}: {exc}") from exc
        done.append(path.stem)
    return done


def create_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the database file to the current schema (a no-op on an up-to-date file)."""
    return migrate(con)


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    cur = con.cursor()
    try:
        return int(str(queries.scalar(cur, "meta/data_version") or 0))
    finally:
        cur.close()


def bump_data_version(con: duckdb.DuckDBPyConnection) -> int:
    """Call inside the writing transaction so readers see the new version together with the new data."""
    queries.execute(con, "meta/data_version_bump")
    return data_version(con)


def next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(str(queries.scalar(con, "meta/next_import_id") or 1))


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, ROLLBACK on any error: readers see the old data until commit."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    else:
        con.commit()
