"""`python -m tutka plan import|export|list|history|undo` and `python -m tutka report` (registered by tutka/cli/__init__.py).

`plan import` parses and checks on a read-only connection and opens the database for writing only when nothing is
wrong, so a refused file leaves the database file as it was. Messages are Finnish (data/i18n/plans.csv).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from tutka.i18n import t
from tutka.textsafe import plain

LANG = "fi"


def _user(args: argparse.Namespace) -> str:
    if args.user:
        return args.user
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return os.environ.get("USER", "")


def _print_problems(problems, stream) -> None:
    for p in problems[:500]:
        prefix = t("cli.error_prefix" if p.severity == "error" else "cli.warning_prefix", LANG)
        print(f"  {prefix} {plain(p.message(LANG))}", file=stream)  # names from the file: no terminal escapes


def cmd_import(args: argparse.Namespace) -> int:
    from tutka.cli.common import open_existing, read_db
    from tutka.plans import service

    src = Path(args.file)
    if not src.is_file():
        print(t("cli.err_no_file", LANG, path=src), file=sys.stderr)
        return 2
    region = args.region.strip().upper()
    data = src.read_bytes()
    analysis, rc = read_db(args.db, lambda con: service.analyse_import(con, data, src.name, region, args.year))
    if analysis is None:
        return rc
    if analysis.plan is None or analysis.errors:
        print(t("plan.cli_refused", LANG, file=src.name, n=len(analysis.errors)), file=sys.stderr)
        _print_problems(analysis.problems, sys.stderr)
        return 1
    _print_problems(analysis.problems, sys.stdout)
    print(t("plan.cli_preview", LANG, region=region, **service.counts(analysis.plan)))
    for goal in analysis.plan["goals"]:
        print(f"  • {plain(goal['title'])} ({len(goal['actions'])})")
    if analysis.replaces:
        print(t("plan.cli_replaces", LANG, plan=analysis.replaces))
    if args.dry_run:
        print(t("plan.cli_dry_run", LANG))
        return 0
    con, rc = open_existing(args.db, read_only=False)
    if con is None:
        return rc
    try:
        change_id = service.commit_import(con, analysis, src.name, _user(args))
    except Exception as exc:  # the transaction rolled back: nothing was written
        print(t("cli.err_commit", LANG, detail=str(exc)), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(t("plan.cli_saved", LANG, plan=analysis.plan["plan_id"], id=change_id))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tutka.cli.common import read_db
    from tutka.plans import service
    from tutka.plans.excel_export import plan_xlsx

    region = args.region.strip().upper()
    plan, rc = read_db(args.db, lambda con: service.plan_for_region(con, region, args.year))
    if rc:
        return rc
    if plan is None:
        print(t("plan.cli_no_plan", LANG, region=region), file=sys.stderr)
        return 2
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(plan_xlsx(plan, args.year))
    n = service.counts(plan)
    print(t("plan.cli_exported", LANG, plan=plan["plan_id"], out=out, goals=n["goals"], actions=n["actions"]))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from tutka.cli.common import read_db
    from tutka.plans import store

    frame, rc = read_db(args.db, store.list_plans)
    if frame is None:
        return rc
    print(t("plan.cli_list_header", LANG))
    for r in frame.to_dict("records"):
        year = "" if r["year"] is None or r["year"] != r["year"] else str(int(r["year"]))
        print(
            f"{r['plan_id'][:25]:<25} {r['region_code']:<7} {(r['region_name'] or '')[:21]:<21} {year:<6} "
            f"{r['n_goals']:>4} {r['n_actions']:>6} {r['n_metrics']:>6} {r['n_changes']:>10}  {plain(r['title'] or '')}"
        )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from tutka.cli.common import read_db
    from tutka.plans import store

    frame, rc = read_db(args.db, lambda con: store.changes(con, args.region.upper() if args.region else None))
    if frame is None:
        return rc
    print(t("plan.cli_history_header", LANG))
    for r in frame.to_dict("records"):
        kind = t(f"plan.kind_{r['kind']}", LANG)
        status = t(f"plan.change_{r['status']}", LANG)
        summary = plain(" · ".join(x for x in (r["summary"], r["file_name"]) if isinstance(x, str) and x))
        print(
            f"{r['change_id']:>5}  {r['created_at']:%d.%m.%Y %H:%M}  {plain(r['user_name'] or '-')[:14]:<14}  "
            f"{kind:<8} {status:<8} {r['plan_id'][:20]:<20} {summary}"
        )
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from tutka.cli.common import open_existing
    from tutka.plans.store import PlanError, undo_change

    con, rc = open_existing(args.db, read_only=False)
    if con is None:
        return rc
    try:
        change = undo_change(con, args.change_id)
    except PlanError as exc:
        print(t(exc.key, LANG, **exc.params), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(t("plan.cli_undone", LANG, id=args.change_id, plan=change["plan_id"]))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from tutka.cli.common import open_existing
    from tutka.plans.report import NoPlanError, build_report

    out = Path(args.out)
    ext = out.suffix.lower()
    if ext not in (".docx", ".pdf"):
        print(t("plan.cli_bad_ext", LANG, out=out), file=sys.stderr)
        return 2
    region = args.region.strip().upper()
    con, rc = open_existing(args.db, read_only=True)
    if con is None:
        return rc
    try:
        report = build_report(con, region, args.year, args.lang)
    except NoPlanError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
    if ext == ".docx":
        from tutka.exports.report_docx import report_docx

        data = report_docx(report)
    else:
        from tutka.exports.common import FontMissingError
        from tutka.exports.report_pdf import report_pdf

        try:
            data = report_pdf(report)
        except FontMissingError as exc:
            print(str(exc), file=sys.stderr)
            return 3
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    n_actions = sum(len(g.actions) for g in report.goals)
    print(
        t(
            "report.written",
            LANG,
            year=args.year,
            region=report.region_name,
            goals=len(report.goals),
            actions=n_actions,
            out=out,
        )
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="the plan's yearly report (Hyvinvointisuunnitelman vuosiraportti), .docx or .pdf")
    p.add_argument("out", help="output .docx or .pdf")
    p.add_argument("--region", required=True, help="KU272 (municipality) or HV18 (wellbeing services county)")
    p.add_argument("--year", type=int, required=True, help="the report year (follow-up year, data up to it)")
    p.add_argument("--lang", choices=["fi", "sv", "en"], default="fi")
    p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
    p.set_defaults(func=cmd_report)
    plan = sub.add_parser("plan", help="welfare plans: import/export Excel, list, history, undo")
    psub = plan.add_subparsers(dest="plan_command", required=True)
    p = psub.add_parser("import", help="import a plan table (.xlsx) for a municipality or wellbeing county")
    p.add_argument("file")
    p.add_argument("--region", required=True, help="KU286 (municipality) or HV10 (wellbeing services county)")
    p.add_argument("--year", type=int, help="the plan's year (also the year of Tila/Seuranta follow-up)")
    p.add_argument("--user", help="name stored in the plan history (default: the login name)")
    p.add_argument("--dry-run", action="store_true", help="check and show the plan, write nothing")
    p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
    p.set_defaults(func=cmd_import)
    p = psub.add_parser("export", help="write a region's plan as an .xlsx plan table")
    p.add_argument("out")
    p.add_argument("--region", required=True)
    p.add_argument("--year", type=int, help="which plan / follow-up year (default: the newest plan)")
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_export)
    p = psub.add_parser("list", help="list stored plans")
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_list)
    p = psub.add_parser("history", help="list plan saves (imports and edits)")
    p.add_argument("--region", help="only this region's plans")
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_history)
    p = psub.add_parser("undo", help="restore a plan exactly as it was before one change")
    p.add_argument("change_id", type=int)
    p.add_argument("--db", help="database file")
    p.set_defaults(func=cmd_undo)
