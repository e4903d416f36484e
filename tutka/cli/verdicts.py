"""`python -m tutka verdicts OUT.csv [--db PATH] [--region CODE]`: one row per indicator series with its verdict.

Opens the database file itself (read-only); do not point it at the file of a running app (DuckDB allows one
process per file). Reads the verdict store when it is current for the data version and rules (tutka.verdicts.store,
only the explanation sentences are built here); a stale store (e.g. the rules file edited since) cannot be rebuilt
on a read-only file, so the verdicts are computed from the values instead — the same rows either way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CSV_COLUMNS = [
    "indicator_id",
    "region_code",
    "sex",
    "group",
    "latest_year",
    "latest_value",
    "previous_year",
    "previous_value",
    "change",
    "verdict",
    "rule",
    "county_verdict",
    "country_verdict",
    "explanation",
    "kind",
    "polarity",
    "latest_respondents",
    "change_rel",
    "slope",
    "p_value",
    "n_points",
    "threshold",
    "county_code",
    "county_value",
    "country_value",
    "gap_latest",
    "gap_previous",
    "gap_trend",
    "gap_worse_sex",
    "is_demo",
]


def cmd_verdicts(args: argparse.Namespace) -> int:
    from tutka import queries
    from tutka.cli.common import open_existing
    from tutka.textsafe import frame_cells
    from tutka.verdicts import store as verdict_store
    from tutka.verdicts import verdicts_for

    con, rc = open_existing(args.db)
    if con is None:
        return rc
    try:
        if args.region:
            known = queries.scalar(con, "meta/region_exists", {"region": args.region})
            if not known:
                print(f"Virhe: tuntematon aluekoodi {args.region!r} (esim. KU286, HV10, SSS)", file=sys.stderr)
                return 2
        if verdict_store.is_fresh(con):
            codes = [args.region] if args.region else queries.run(con, "regions_all")["region_code"].tolist()
            frame = verdict_store.stored_verdicts(con, codes, lang=args.lang)
        else:
            frame = verdicts_for(con, args.region or None, lang=args.lang)
    finally:
        con.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame = frame.rename(columns={"grp": "group"})
    for col in ("latest_year", "previous_year", "latest_respondents", "n_points"):
        frame[col] = frame[col].astype("Int64")
    frame_cells(frame[CSV_COLUMNS].round(6)).to_csv(out, index=False, encoding="utf-8")
    counts = frame["verdict"].value_counts().to_dict()
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"Kirjoitettu {len(frame)} aikasarjan arviot tiedostoon {out} ({summary})")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("verdicts", help="write the verdict of every indicator series to a CSV file")
    p.add_argument("out", help="output CSV path")
    p.add_argument("--db", help="database file (default: $TUTKA_DB or var/tutka.duckdb)")
    p.add_argument("--region", help="only this region (e.g. KU286); county and country are used as benchmarks")
    p.add_argument("--lang", default="fi", choices=["fi", "sv", "en"], help="language of the explanation column")
    p.set_defaults(func=cmd_verdicts)
