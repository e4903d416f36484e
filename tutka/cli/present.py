"""`python -m tutka deck --region CODE OUT.pptx` and `python -m tutka profile --region CODE OUT.pdf`.

Both open the database read-only and use the deck the presenter saved in the app (if any), else the default deck.
Do not run them against the file of a running app (DuckDB lets one process open a file): use --db with a copy or
stop the app first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _deck(args: argparse.Namespace):
    from tutka.cli.common import open_existing
    from tutka.present.build import NoPlanError, build_deck

    con, _ = open_existing(args.db)
    if con is None:
        return None
    try:
        return build_deck(con, args.region.upper(), lang=args.lang, use_saved=not args.default)
    except NoPlanError as exc:
        print(f"Virhe: {exc}", file=sys.stderr)
        return None
    finally:
        con.close()


def _write(out: str, data: bytes, what: str) -> int:
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"Kirjoitettu {what}: {target} ({len(data) // 1024} kt)")
    return 0


def cmd_deck(args: argparse.Namespace) -> int:
    from tutka.exports.pptx_deck import deck_pptx

    deck = _deck(args)
    if deck is None:
        return 2
    return _write(args.out, deck_pptx(deck), f"PowerPoint-esitys ({len(deck.slide_kinds())} diaa, {deck.region_name})")


def cmd_profile(args: argparse.Namespace) -> int:
    from tutka.exports.common import FontMissingError
    from tutka.exports.pdf_profile import profile_pdf

    deck = _deck(args)
    if deck is None:
        return 2
    try:
        data = profile_pdf(deck)
    except FontMissingError as exc:
        print(f"Virhe: {exc}", file=sys.stderr)
        return 3
    return _write(args.out, data, f"kuntaprofiili ({deck.region_name})")


def register(sub: argparse._SubParsersAction) -> None:
    for name, func, ext, help_ in (
        ("deck", cmd_deck, "pptx", "PowerPoint deck (16:9, native charts, speaker notes) for one municipality"),
        ("profile", cmd_profile, "pdf", "one-page PDF municipal profile (kuntaprofiili)"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--region", required=True, help="municipality code, e.g. KU286 (Kouvola), KU272 (Kokkola)")
        p.add_argument("out", help=f"output .{ext} path")
        p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
        p.add_argument("--lang", choices=["fi", "sv", "en"], default="fi", help="language (default fi)")
        p.add_argument("--default", action="store_true", help="ignore the deck saved in the app")
        p.set_defaults(func=func)
