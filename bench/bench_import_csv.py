"""A 1 000 000-row long-format CSV imported end to end (analyse → preview → commit, verdict store refreshed in the
commit) against only *reading* the same file with pandas, each in its own child process so that time and peak
memory (ru_maxrss) are measured alike, in the same run.

    .venv/bin/python bench/bench_import_csv.py [--rows 1000000]

The file is generated with tutka.demo.generate_national into bench/out/ (gitignored) and reused.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"


def make_csv(rows: int) -> Path:
    from tutka.demo import generate_national

    path = OUT / f"national_{rows}_slim.csv"
    if not path.exists():
        frame = generate_national(years=range(1990, 2026))
        if len(frame) < rows:
            raise SystemExit(f"the generator gave only {len(frame)} rows")
        # the columns a coordinator's file has (no CIs, sources or demo flags): 1 M rows stay under the 50 MB limit
        slim = frame.head(rows)[["indicator_id", "region_code", "year", "sex", "group", "value"]]
        text = slim.to_csv(index=False, lineterminator="\n")
        path.write_text(text, encoding="utf-8")
    return path


def child(mode: str, csv: Path) -> dict:
    t0 = time.perf_counter()
    out: dict = {"mode": mode}
    if mode == "pandas":
        import pandas as pd

        frame = pd.read_csv(csv, dtype={"region_code": str, "group": str})
        out["rows"] = len(frame)
    else:
        from tutka import db
        from tutka.importers import analyse, commit, preview
        from tutka.loader import init_db

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.duckdb"
            init_db(path)
            con = db.connect(path)
            t0 = time.perf_counter()  # the import only (not building the database)
            analysis = analyse(csv.read_bytes(), csv.name, con)
            if not analysis.ok:
                raise SystemExit([p.message("fi") for p in analysis.errors[:5]])
            out["analyse"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            counts = preview(con, analysis).counts()
            out["preview"] = time.perf_counter() - t1
            t2 = time.perf_counter()
            commit(con, analysis, path)
            out["commit"] = time.perf_counter() - t2
            out["rows"] = counts["total"]
            out["seconds"] = time.perf_counter() - t0
            con.close()
    out.setdefault("seconds", time.perf_counter() - t0)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--child", choices=["pandas", "import"])
    ap.add_argument("--csv", type=Path)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.csv)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    csv = make_csv(args.rows)
    print(f"file: {args.rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB csv")
    res = {}
    for mode in ("pandas", "import"):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--csv", str(csv)], capture_output=True, text=True
        )
        if proc.returncode:
            raise SystemExit(f"{mode} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        res[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    p, i = res["pandas"], res["import"]
    print(f"pandas read_csv, read only:  {p['seconds']:6.2f} s, peak {p['peak_mb']:5.0f} MB ({p['rows']:,} rows)")
    print(
        f"tutka import end to end:     {i['seconds']:6.2f} s, peak {i['peak_mb']:5.0f} MB "
        f"(analyse {i['analyse']:.2f} + preview {i['preview']:.2f} + commit {i['commit']:.2f} s; {i['rows']:,} rows)"
    )
    print(
        f"ratio import / pandas read: time ×{i['seconds'] / p['seconds']:.1f}, peak memory ×{i['peak_mb'] / p['peak_mb']:.1f}"
    )


if __name__ == "__main__":
    main()
