"""`python -m tutka fetch`: read catalogue indicators from Sotkanet and StatFin and save them as one import.

All requests are made on a read-only connection; the database is opened for writing only when every request
succeeded and the merged values have no errors, so a failed fetch leaves the file exactly as it was. Base URLs come
from TUTKA_SOTKANET_URL / TUTKA_PXWEB_URL (a mirror or a test server can stand in).
"""

from __future__ import annotations

import argparse
import re
import sys

from tutka import db
from tutka.cli.common import open_existing, read_db
from tutka.i18n import t

LANG = "fi"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fetch", help="fetch indicators from Sotkanet and StatFin (PxWeb) and save them as one import")
    p.add_argument("--indicator", action="append", metavar="ID", help="catalogue indicator id (repeatable)")
    p.add_argument("--region", action="append", metavar="CODE", help="e.g. KU286 (repeatable; county and country too)")
    p.add_argument("--years", metavar="A-B", help="e.g. 2015-2026")
    p.add_argument("--source", choices=("all", "sotkanet", "statfin"), default="all")
    p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
    p.add_argument("--dry-run", action="store_true", help="fetch and show the changes, write nothing")
    p.add_argument("--user", help="name stored in the import history")
    p.set_defaults(func=cmd_fetch)
    cat = sub.add_parser("catalogue", help="catalogue tools")
    csub = cat.add_subparsers(dest="catalogue_command", required=True)
    p = csub.add_parser(
        "sync", help="propose Sotkanet ids by matching titles in the live /indicators list (review CSV)"
    )
    p.add_argument("--out", default="sotkanet_proposals.csv", help="review CSV to write")
    p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
    p.set_defaults(func=cmd_sync)


def parse_years(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not m:
        raise ValueError(text)
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    return (min(lo, hi), max(lo, hi))


def cmd_fetch(args: argparse.Namespace) -> int:
    from tutka.cli.imports import _print_problems
    from tutka.importers import preview
    from tutka.sources.fetch import FetchRequest, commit_fetch, fetch
    from tutka.sources.http import SourceError

    try:
        years = parse_years(args.years)
    except ValueError:
        print(t("fetch.err_years", LANG, value=args.years), file=sys.stderr)
        return 2
    req = FetchRequest(
        indicators=args.indicator,
        regions=[r.strip().upper() for r in args.region] if args.region else None,
        years=years,
        sotkanet=args.source in ("all", "sotkanet"),
        pxweb=args.source in ("all", "statfin"),
        user_name=args.user or "",
    )
    con, rc = open_existing(args.db, read_only=True)
    if con is None:
        return rc
    try:
        result = fetch(con, req, progress=lambda f, s: print(f"  {int(f * 100):>3} %  {s}", flush=True))
        analysis = result.analysis
        if analysis.errors or analysis.rows.empty:
            print(t("fetch.refused", LANG, n=len(analysis.errors)), file=sys.stderr)
            _print_problems(analysis.errors + analysis.warnings, sys.stderr)
            return 1
        counts = preview(con, analysis).counts()
    except SourceError as exc:
        print(t("fetch.failed", LANG), file=sys.stderr)
        print("  " + t(exc.key, LANG, **exc.params), file=sys.stderr)
        return 1
    finally:
        con.close()
    _print_problems(analysis.warnings, sys.stdout)
    print(t("cli.summary", LANG, file=analysis.file_name, **counts))
    if args.dry_run:
        print(t("cli.dry_run", LANG))
        return 0
    con, rc = open_existing(args.db, read_only=False)
    if con is None:
        return rc
    try:
        res = commit_fetch(con, result, db.resolve_path(args.db), progress=None)
    except Exception as exc:  # the transaction rolled back: nothing was written
        print(t("cli.err_commit", LANG, detail=str(exc)), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(t("cli.done", LANG, id=res.import_id, **res.counts))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutka.queries import run
    from tutka.sources.http import Http, SourceError
    from tutka.sources.sotkanet import Sotkanet
    from tutka.sources.sync import propose

    catalogue, rc = read_db(args.db, lambda con: run(con, "import_indicators"))
    if catalogue is None:
        return rc
    try:
        live = Sotkanet(Http.from_env()).indicators()
    except SourceError as exc:
        print(t(exc.key, LANG, **exc.params), file=sys.stderr)
        return 1
    proposals = propose(catalogue, live)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    proposals.to_csv(out, index=False, encoding="utf-8")
    n = proposals["indicator_id"].nunique() if len(proposals) else 0
    print(t("fetch.sync_done", LANG, n=n, rows=len(proposals), total=len(live), out=out))
    return 0
