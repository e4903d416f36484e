"""Data model at national scale: the Indikaattorit query on indicator_values as the loaders store it (sorted by
indicator_id, region_code so DuckDB's zone maps skip most row groups) against the same rows inserted in random order
(the baseline), in the same process. Reports ratios, not absolute limits.

    .venv/bin/python bench/bench_model.py [--copies 8]    # copies=8 → about 10.8 M rows (needs ~5 GB RAM)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tutka import db, queries  # noqa: E402
from tutka.demo import generate_national  # noqa: E402
from tutka.loader import region_frames  # noqa: E402


def build(path: Path, frame, order_sql: str) -> duckdb.DuckDBPyConnection:
    con = db.connect(path)
    db.create_schema(con)
    regions, membership = region_frames()
    for name, df in (("regions", regions), ("region_membership", membership)):
        con.register("_f", df)
        db.execute(con, f"insert into {name} by name select * from _f")
        con.unregister("_f")
    con.register("_f", frame)
    db.execute(con, f"insert into indicator_values by name select * from _f {order_sql}")
    con.unregister("_f")
    db.execute(con, "checkpoint")
    return con


def timed(con, params_list, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for params in params_list:
            queries.run(con, "indicator_series", **params)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--first-year", type=int, default=1990)
    args = ap.parse_args()
    frame = generate_national(years=range(args.first_year, 2026), indicator_copies=args.copies)
    frame = frame.rename(columns={"group": "grp"})
    frame["grp"] = frame["grp"].fillna("")
    frame["import_id"] = 1
    print(f"rows: {len(frame):,}")
    ids = sorted(frame["indicator_id"].unique())[:20]
    params = [
        dict(
            indicator=i,
            regions=["KU286", "HV10", "SSS"],
            sexes=["total", "male", "female"],
            grp="8.–9. lk" if i.startswith("ktk") else "",
        )
        for i in ids
    ]
    with tempfile.TemporaryDirectory() as tmp:
        sorted_con = build(Path(tmp) / "sorted.duckdb", frame, "order by indicator_id, region_code, year, sex, grp")
        random_con = build(Path(tmp) / "random.duckdb", frame, "order by hash(indicator_id, region_code, year)")
        t_sorted = timed(sorted_con, params)
        t_random = timed(random_con, params)
        size_sorted = (Path(tmp) / "sorted.duckdb").stat().st_size
        size_random = (Path(tmp) / "random.duckdb").stat().st_size
        sorted_con.close()
        random_con.close()
    print(
        f"indicator_series x{len(params)}: sorted {t_sorted:.3f} s, random-order baseline {t_random:.3f} s, "
        f"speed-up ×{t_random / t_sorted:.1f}"
    )
    print(
        f"file size: sorted {size_sorted / 1e6:.0f} MB, baseline {size_random / 1e6:.0f} MB, "
        f"ratio {size_sorted / size_random:.2f}"
    )


if __name__ == "__main__":
    main()
