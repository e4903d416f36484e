"""The verdict-store refresh after an import and its undo at national scale: incremental (only the series the change
touched, tutka/verdicts/store.py `refresh(..., import_id=...)`) against recomputing the whole store, in the same
run on copies of the same database, and a check that the incremental store equals the full one.

    .venv/bin/python bench/bench_store_refresh.py [--years 20] [--repeat 3]

The national database (init_db, then the demo values replaced by tutka.demo.generate_national's, as
bench/bench_pages.py builds it) is written to bench/out/ (gitignored) and reused; the runs work on copies in a
temporary directory.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from tutka import db  # noqa: E402
from tutka.importers import analyse, commit, undo  # noqa: E402
from tutka.verdicts import store  # noqa: E402

HEAD = ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Lähde"]


def upload(con, regions: list[str], n_indicators: int) -> bytes:
    """A coordinator's file: the latest two years of some indicators for some regions, values nudged."""
    rows = con.execute(
        "select indicator_id, region_code, year, value from indicator_values "
        "where region_code in (select unnest($r::varchar[])) and sex = 'total' and grp = '' and month is null "
        "and value is not null and indicator_id in (select distinct indicator_id from indicator_values "
        "where region_code = $first order by indicator_id limit $n) "
        "qualify row_number() over (partition by indicator_id, region_code order by year desc) <= 2",
        {"r": regions, "first": regions[0], "n": n_indicators},
    ).fetchall()
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(HEAD)
    for ind, reg, year, value in rows:
        w.writerow([ind, reg, year, "Yhteensä", f"{value * 1.05 + 0.1:.1f}".replace(".", ","), "Bench"])
    return out.getvalue().encode("utf-8")


def timed_refresh(mode: str):
    """store.refresh wrapped: records its seconds; mode 'full' drops import_id (the old behaviour)."""
    real = store.refresh
    seconds: list[float] = []

    def wrapper(con, rules=None, in_transaction=True, import_id=None):
        t0 = time.perf_counter()
        try:
            return real(con, rules, in_transaction, None if mode == "full" else import_id)
        finally:
            seconds.append(time.perf_counter() - t0)

    return wrapper, seconds


def snapshot(con) -> dict[str, pd.DataFrame]:
    keys = {
        "store_verdicts": ["indicator_id", "region_code", "sex", "grp"],
        "store_plan_verdicts": ["as_of", "indicator_id", "region_code", "sex", "grp"],
        "store_goal_rollups": ["region_code", "plan_id", "goal_id"],
        "store_indicator_stats": ["indicator_id"],
        "store_source_stats": ["source", "is_demo"],
        "store_developments": ["region_code", "as_of", "side", "item", "position"],
    }
    return {
        t: con.execute(f"select * from {t}").df().sort_values(k, kind="stable").reset_index(drop=True)
        for t, k in keys.items()
    }


def run(src: Path, tmp: Path, mode: str, data: bytes, check: bool) -> tuple[float, float, bool | None]:
    """Copy the database, commit the upload and undo it; the seconds of the two refreshes (and, with `check`, whether
    the store equals a full recompute after each)."""
    path = tmp / f"{mode}.duckdb"
    shutil.copy(src, path)
    con = db.connect(path)
    wrapper, seconds = timed_refresh(mode)
    same: bool | None = None
    store.refresh = wrapper  # type: ignore[assignment]
    try:
        analysis = analyse(data, "bench.csv", con)
        assert analysis.ok, [p.message("fi") for p in analysis.errors[:3]]
        done = commit(con, analysis)
        if check:
            same = equals_full(con)
        undo(con, done.import_id)
        if check:
            same = same and equals_full(con)
    finally:
        store.refresh = REAL_REFRESH  # type: ignore[assignment]
        con.close()
        path.unlink(missing_ok=True)
    return seconds[0], seconds[1], same


def equals_full(con) -> bool:
    before = snapshot(con)
    REAL_REFRESH(con, in_transaction=False)  # everything, not timed
    after = snapshot(con)
    return all(len(after[t]) > 0 and before[t].equals(after[t]) for t in after)


REAL_REFRESH = store.refresh


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    from bench_pages import build_national  # the same national database as the page benchmark (store built)

    src = build_national(range(2026 - args.years, 2026), args.rebuild)
    con = db.connect(src, read_only=True)
    try:
        n_series = con.execute("select count(*) from store_verdicts").fetchone()[0]
        scenarios = {
            "one municipality, 5 indicators": upload(con, ["KU286"], 5),
            "county + country, 3 indicators": upload(con, ["HV10", "SSS"], 3),
        }
    finally:
        con.close()
    print(f"national database: {n_series:,} stored series")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in scenarios.items():
            rows = data.count(b"\n") - 1
            res: dict[str, list[tuple[float, float, bool | None]]] = {"full": [], "incremental": []}
            same = run(src, Path(tmp), "incremental", data, check=True)[2]  # the check run is not timed
            for _ in range(args.repeat):
                for mode in ("full", "incremental"):
                    res[mode].append(run(src, Path(tmp), mode, data, check=False))
            f_imp = statistics.median(r[0] for r in res["full"])
            f_undo = statistics.median(r[1] for r in res["full"])
            i_imp = statistics.median(r[0] for r in res["incremental"])
            i_undo = statistics.median(r[1] for r in res["incremental"])
            print(f"{name} ({rows} rows; median of {args.repeat}):")
            print(
                f"  refresh after import: full {f_imp:6.2f} s, incremental {i_imp:6.2f} s (×{f_imp / i_imp:.1f} faster)"
            )
            print(
                f"  refresh after undo:   full {f_undo:6.2f} s, incremental {i_undo:6.2f} s (×{f_undo / i_undo:.1f} faster)"
            )
            print(f"  incremental store after import + undo equals a full recompute: {same}")


if __name__ == "__main__":
    main()
