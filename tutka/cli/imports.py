"""CLI commands of the upload feature: `import`, `history`, `undo` (registered by tutka/cli.py).

`import` analyses the file on a read-only connection and only opens the database for writing when there is nothing
to complain about, so a refused file leaves the database file exactly as it was. Messages are Finnish.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from tutka import db
from tutka.backup import snapshot_before_import
from tutka.cli.common import open_existing, read_db
from tutka.i18n import t
from tutka.textsafe import plain

LANG = "fi"
MAX_LISTED = 500


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import an indicator file (xlsx, CSV, Sotkanet CSV/JSON, JSON-stat2)")
    p.add_argument("file")
    p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
    p.add_argument("--sheet", help="read only this sheet of a workbook")
    p.add_argument("--dry-run", action="store_true", help="check and show the changes, write nothing")
    p.add_argument(
        "--replace-series",
        action="store_true",
        help="also delete the other values of each (indicator, region) series in the file",
    )
    p.add_argument("--user", help="name stored in the import history")
    p.add_argument(
        "--map",
        "--map-indicator",
        dest="map_indicator",
        action="append",
        default=[],
        metavar="NAME=ID",
        help="use catalogue indicator ID for the name NAME found in the file (repeatable)",
    )
    p.add_argument("--skip-unknown", action="store_true", help="leave indicators the catalogue does not know out")
    p.add_argument(
        "--new-indicator-name",
        help="which unknown name the --new-indicator-* options describe (default: the only unknown one)",
    )
    p.add_argument("--new-indicator-title")
    p.add_argument("--new-indicator-unit", help="e.g. '%%', 'lkm', '/ 1 000 asukasta'")
    p.add_argument("--new-indicator-polarity", help="higher_is_better | lower_is_better | neutral")
    p.add_argument("--new-indicator-topic", help="a topic id of tutka/catalogue.py TOPICS")
    p.add_argument("--sotkanet-regions", help="Sotkanet GET /regions answer (JSON) to map region ids")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("history", help="list imports")
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("undo", help="undo one import exactly")
    p.add_argument("import_id", type=int)
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_undo)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection | None:
    try:
        return db.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        _err(t("cli.err_db_locked", LANG, path=path, detail=str(exc).splitlines()[0]))
        return None


def _ensure(path: Path) -> bool:
    if path.exists():
        return True
    from tutka.loader import init_db

    print(t("cli.db_created", LANG, path=path))
    init_db(path)
    return True


def _options(args: argparse.Namespace):
    from tutka.importers import ImportOptions
    from tutka.importers.readers import read_json
    from tutka.importers.sotkanet import region_table

    res: dict[str, dict] = {}
    for item in args.map_indicator:
        name, _, ind = item.rpartition("=")
        res[name.strip()] = {"action": "map", "indicator_id": ind.strip()}
    if args.skip_unknown:
        res["*"] = {"action": "skip"}
    regions = region_table(read_json(Path(args.sotkanet_regions).read_bytes())) if args.sotkanet_regions else None
    return ImportOptions(
        sheet=args.sheet,
        replace_series=args.replace_series,
        resolutions=res,
        sotkanet_regions=regions,
        user_name=args.user or "",
    )


def _print_problems(problems, stream) -> None:
    for p in problems[:MAX_LISTED]:
        prefix = t("cli.error_prefix" if p.severity == "error" else "cli.warning_prefix", LANG)
        print(f"  {prefix} {plain(p.message(LANG))}", file=stream)  # cell texts may hold terminal escapes
    if len(problems) > MAX_LISTED:
        print("  " + t("cli.more_problems", LANG, n=len(problems) - MAX_LISTED), file=stream)


def cmd_import(args: argparse.Namespace) -> int:
    from tutka.importers import commit, preview
    from tutka.importers.isolate import analyse_isolated as analyse  # a child process with limits
    from tutka.queries import run

    src = Path(args.file)
    if not src.is_file():
        _err(t("cli.err_no_file", LANG, path=src))
        return 2
    path = db.resolve_path(args.db)
    _ensure(path)
    data = src.read_bytes()
    options = _options(args)
    con = _open(path, read_only=True)
    if con is None:
        return 3
    try:
        known = set(run(con, "import_indicators")["indicator_id"])
        wrong = [r["indicator_id"] for r in options.resolutions.values() if r.get("action") == "map"]
        wrong = [i for i in wrong if i not in known]
        if wrong:
            _err(t("cli.err_map_unknown", LANG, ids=", ".join(wrong)))
            return 1
        analysis = analyse(data, src.name, con, options)
        unknown = [n for n, m in analysis.matches.items() if m.how == "unknown"]
        if unknown and args.new_indicator_title is not None:
            name = args.new_indicator_name or (unknown[0] if len(unknown) == 1 else None)
            if name is None or name not in unknown:
                _err(t("cli.err_which_new", LANG, names="; ".join(unknown)))
                return 1
            options.resolutions[name] = {
                "action": "new",
                "title": args.new_indicator_title,
                "unit": args.new_indicator_unit,
                "polarity": args.new_indicator_polarity,
                "topic": args.new_indicator_topic,
            }
            analysis = analyse(data, src.name, con, options)
        if analysis.errors or analysis.rows.empty:
            _err(t("cli.refused", LANG, file=src.name, n=len(analysis.errors)))
            _print_problems(analysis.errors + analysis.warnings, sys.stderr)
            return 1
        counts = preview(con, analysis).counts()
    finally:
        con.close()
    _print_problems(analysis.warnings, sys.stdout)
    print(t("cli.summary", LANG, file=src.name, **counts))
    for spec in analysis.new_indicators:
        print(t("cli.new_indicator", LANG, id=spec["indicator_id"], title=spec["title_fi"]))
    if args.dry_run:
        print(t("cli.dry_run", LANG))
        return 0
    con = _open(path, read_only=False)
    if con is None:
        return 3
    try:
        snapshot_before_import(con, path)  # a copy of the database before the import, kept for $TUTKA_SNAPSHOTS imports
        result = commit(con, analysis, path, user_name=args.user)
    except Exception as exc:  # the transaction rolled back: nothing was written
        _err(t("cli.err_commit", LANG, detail=str(exc)))
        return 1
    finally:
        con.close()
    print(t("cli.done", LANG, id=result.import_id, **result.counts))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from tutka.queries import run

    frame, rc = read_db(args.db, lambda con: run(con, "history_list"))
    if frame is None:
        return rc
    print("   " + t("cli.history_header", LANG))
    frame = frame.astype(object).where(frame.notna(), None)
    for r in frame.itertuples(index=False):
        status = t(f"history.status_{r.status}", LANG)
        print(
            f"{r.import_id:>5}  {r.created_at:%d.%m.%Y %H:%M}  {plain(r.user_name or '-')[:14]:<14}  {r.kind:<6}  "
            f"{status:<9}  {int(r.rows_total or 0):>7} {int(r.rows_new or 0):>7} {int(r.rows_changed or 0):>7} "
            f"{int(r.rows_unchanged or 0):>7}  {plain(r.file_hash or '')[:12]:<12}  {plain(r.file_name or '')}"
        )
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from tutka.importers import UndoRefused, undo

    con, rc = open_existing(args.db, read_only=False)
    if con is None:
        return rc
    try:
        info = undo(con, args.import_id)
    except UndoRefused as exc:
        _err(t(exc.key, LANG, **exc.params))
        return 1
    finally:
        con.close()
    print(t("cli.undone", LANG, id=info["import_id"], file=info["file_name"]))
    return 0
