"""Command line: `python -m tutka <command>`.

Commands open the database file themselves; do not point them at the file of a running app (DuckDB allows one
read-write process per file).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import duckdb

from tutka import db
from tutka.i18n import t
from tutka.queries import sql

# Feature modules that add their own subcommands with register(subparsers).
PLUGINS = ("tutka.cli_import", "tutka.cli_verdicts", "tutka.cli_present", "tutka.plans.cli")


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


def optional_module(name: str):
    """Import a feature module if it is present (feature packages plug into the CLI and the About page)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def cmd_init(args: argparse.Namespace) -> int:
    from tutka.loader import init_db

    path = db.resolve_path(args.db)
    counts = init_db(path)
    print(f"Tietokanta valmis: {path}")
    print(
        f"  alueita {counts['regions']}, indikaattoreita {counts['indicators']}, arvoja {counts['values']}, "
        f"suunnitelmia {counts.get('plans', 0)}, tavoitteita {counts.get('plan_goals', 0)}, "
        f"toimenpiteitä {counts.get('plan_actions', 0)}"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    con, rc = open_existing(args.db)
    if con is None:
        return rc
    try:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        con.sql(sql("export_values")).write_csv(str(out), header=True)
        n = con.execute("select count(*) from indicator_values").fetchone()[0]
    finally:
        con.close()
    print(f"Kirjoitettu {n} arvoa tiedostoon {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tutka", description="Hyvinvointitutka command line")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="build or refresh the database from data/ (idempotent)")
    p.add_argument("--db", help=f"database file (default: ${db.ENV_VAR} or var/tutka.duckdb)")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("export", help="write every value in long format to a CSV file")
    p.add_argument("out", help="output CSV path")
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_export)
    for name in PLUGINS:
        module = optional_module(name)
        if module is not None:
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
