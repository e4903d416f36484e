"""`python -m tutka backup OUT` and `python -m tutka restore IN` (see tutka/backup.py)."""

from __future__ import annotations

import argparse
import sys

from tutka import backup, db
from tutka.cli.common import open_existing
from tutka.i18n import t


def cmd_backup(args: argparse.Namespace) -> int:
    con, rc = open_existing(args.db, read_only=True)
    if con is None:
        return rc
    try:
        out = backup.backup(con, args.out)
    except backup.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(t("backup.done", "fi", path=out, **backup.check_backup(out)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        path, kept = backup.restore(args.source, args.db)
    except backup.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    print(t("backup.restored", "fi", path=path, source=args.source, **backup.check_backup(path)))
    if kept is not None:
        print(t("backup.kept_old", "fi", path=kept))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the whole database into a new file (safe while reading)")
    p.add_argument("out", help="new backup file (.duckdb); an existing file is never overwritten")
    p.add_argument("--db", help=f"database file (default: ${db.ENV_VAR} or var/tutka.duckdb)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database by a backup (stop the app first)")
    p.add_argument("source", help="backup file written by `backup` (or a pre-import snapshot)")
    p.add_argument("--db", help="database file to replace")
    p.set_defaults(func=cmd_restore)
