"""Benchmark: a 200 000-row long-format xlsx imported end to end (read → validate → preview → commit) compared with
only *reading* the same file through pandas + openpyxl, measured in the same run. Reports seconds and the ratio.

    .venv/bin/python bench/bench_import.py [--rows 200000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from tests import samples as S  # noqa: E402
from tutka import db  # noqa: E402
from tutka.importers import analyse, commit, preview  # noqa: E402
from tutka.loader import init_db  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        init_db(path)
        con = db.connect(path)
        codes = [
            r[0]
            for r in con.execute(
                "select region_code from regions where region_type = 'kunta' order by region_code"
            ).fetchall()
        ]
        data = S.big_xlsx(args.rows, codes)
        print(f"file: {args.rows} rows, {len(data) / 1e6:.1f} MB xlsx")

        t0 = time.perf_counter()
        frame = pd.read_excel(io.BytesIO(data), engine="openpyxl")
        t_openpyxl = time.perf_counter() - t0
        print(f"baseline pandas + openpyxl, read only: {t_openpyxl:6.2f} s ({len(frame)} rows)")

        t0 = time.perf_counter()
        analysis = analyse(data, "bench.xlsx", con)
        t_analyse = time.perf_counter() - t0
        assert analysis.ok, [p.message("fi") for p in analysis.errors[:5]]
        t1 = time.perf_counter()
        counts = preview(con, analysis).counts()
        t_preview = time.perf_counter() - t1
        t2 = time.perf_counter()
        result = commit(con, analysis, path)
        t_commit = time.perf_counter() - t2
        total = time.perf_counter() - t0
        con.close()
        print(
            f"tutka import: analyse {t_analyse:.2f} s + preview {t_preview:.2f} s + commit {t_commit:.2f} s "
            f"= {total:6.2f} s ({counts['new']} new, {counts['changed']} changed, import {result.import_id})"
        )
        print(
            f"ratio: end-to-end import takes {total / t_openpyxl:.2f}x the time of just reading with openpyxl "
            f"({t_openpyxl / total:.1f}x faster)"
        )


if __name__ == "__main__":
    main()
