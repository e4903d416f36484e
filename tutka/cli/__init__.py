"""Command line: `python -m tutka <command>`.

Commands open the database file themselves; do not point them at the file of a running app (DuckDB allows one
read-write process per file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutka import db, queries
from tutka.cli import backup, fetch, imports, present, verdicts
from tutka.cli.common import open_existing
from tutka.queries import sql


def cmd_init(args: argparse.Namespace) -> int:
    from tutka.loader import init_db

    path = db.resolve_path(args.db)
    try:
        counts = init_db(path)
    except ValueError as err:  # a file in data/ breaks its schema: every problem listed, nothing written
        print(err, file=sys.stderr)
        return 2
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
        n = queries.scalar(con, "meta/count_values")
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
    for module in (imports, fetch, present, verdicts, backup):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
