"""A 1 000 000-row long-format CSV and a 200 000-row xlsx imported end to end (analyse in the isolated child with the
app's memory and time limits → preview → commit, verdict store refreshed in the commit) against only *reading* the
same file with pandas (CSV) or pandas + python-calamine (xlsx), each in its own child process so that time and peak
memory (ru_maxrss) are measured alike, in the same run; prints the ratios.

    .venv/bin/python bench/bench_import_csv.py [--rows 1000000] [--xlsx-rows 200000]

The files are generated (tutka.demo.generate_national, tests/samples.big_xlsx) into bench/out/ (gitignored) and
reused. Peak memory of the import: the analysis child (tutka/importers/isolate.py, what the memory limit applies to)
and the process that previews and commits, separately.
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


def make_xlsx(rows: int) -> Path:
    path = OUT / f"long_{rows}.xlsx"
    if not path.exists():
        from tests import samples
        from tutka import db
        from tutka.loader import init_db

        with tempfile.TemporaryDirectory() as tmp:
            init_db(Path(tmp) / "codes.duckdb")
            con = db.connect(Path(tmp) / "codes.duckdb")
            codes = [
                r[0] for r in con.execute("select region_code from regions where region_type = 'kunta'").fetchall()
            ]
            con.close()
        path.write_bytes(samples.big_xlsx(rows, sorted(codes)))
    return path


def child(mode: str, path: Path) -> dict:
    t0 = time.perf_counter()
    out: dict = {"mode": mode}
    if mode == "pandas":
        import pandas as pd

        frame = pd.read_csv(path, dtype={"region_code": str, "group": str})
        out["rows"] = len(frame)
    elif mode == "calamine":
        import pandas as pd

        frame = pd.read_excel(path, engine="calamine")
        out["rows"] = len(frame)
    else:
        from tutka import db
        from tutka.importers import commit, preview
        from tutka.importers.isolate import Limits, analyse_isolated
        from tutka.loader import init_db

        with tempfile.TemporaryDirectory() as tmp:
            dbp = Path(tmp) / "bench.duckdb"
            init_db(dbp)
            con = db.connect(dbp)
            base = vm_hwm_mb()
            t0 = time.perf_counter()  # the import only (not building the database)
            analysis = analyse_isolated(path.read_bytes(), path.name, con, limits=Limits())
            if not analysis.ok:
                raise SystemExit([p.message("fi") for p in analysis.errors[:5]])
            out["analyse"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            counts = preview(con, analysis).counts()
            out["preview"] = time.perf_counter() - t1
            t2 = time.perf_counter()
            commit(con, analysis, dbp)
            out["commit"] = time.perf_counter() - t2
            out["rows"] = counts["total"]
            out["seconds"] = time.perf_counter() - t0
            out["limit_mb"] = Limits().memory_mb
            out["base_mb"] = base
            out["child_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            con.close()
    out.setdefault("seconds", time.perf_counter() - t0)
    out["peak_mb"] = vm_hwm_mb()
    return out


def vm_hwm_mb() -> float:
    """This process's peak resident memory (VmHWM). Not ru_maxrss: Linux carries the parent's resident size at fork
    into a child's ru_maxrss, so every child of a big parent reported the parent's size (738 MB for all three)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(mode: str, path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--file", str(path)], capture_output=True, text=True, timeout=1200
    )
    if proc.returncode:
        raise SystemExit(f"{mode} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(kind: str, base: dict, imp: dict, reader: str) -> None:
    print(
        f"{kind}: {reader}, read only: {base['seconds']:6.2f} s, peak {base['peak_mb']:5.0f} MB ({base['rows']:,} rows)"
    )
    print(
        f"{kind}: tutka import end to end: {imp['seconds']:6.2f} s (analyse in the isolated child {imp['analyse']:.2f} + "
        f"preview {imp['preview']:.2f} + commit {imp['commit']:.2f} s; {imp['rows']:,} rows)"
    )
    print(
        f"{kind}: peak memory: analysis child {imp['child_peak_mb']:5.0f} MB (limit {imp['limit_mb']} MB on top of its "
        f"start), preview + commit process {imp['peak_mb']:5.0f} MB (of which {imp['base_mb']:.0f} MB before the import)"
    )
    print(
        f"{kind}: ratio import / read: time ×{imp['seconds'] / base['seconds']:.1f} (analyse alone "
        f"×{imp['analyse'] / base['seconds']:.1f}), peak memory child ×{imp['child_peak_mb'] / base['peak_mb']:.1f}, "
        f"committing process ×{imp['peak_mb'] / base['peak_mb']:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--xlsx-rows", type=int, default=200_000, help="0 = skip the xlsx")
    ap.add_argument("--child", choices=["pandas", "calamine", "import"])
    ap.add_argument("--file", type=Path)
    ap.add_argument("--make", choices=["csv", "xlsx"], help=argparse.SUPPRESS)  # internal: write one input file
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.file)))
        return
    if args.make:
        (make_csv if args.make == "csv" else make_xlsx)(args.rows if args.make == "csv" else args.xlsx_rows)
        return
    OUT.mkdir(parents=True, exist_ok=True)

    def written(kind: str) -> Path:
        """The input file, written (when missing) by a child: this process stays small, so the children it starts
        inherit nothing big (the analysis child's peak is the import process's ru_maxrss of its children, floored at
        that process's size)."""
        sizes = ["--rows", str(args.rows), "--xlsx-rows", str(args.xlsx_rows)]
        subprocess.run([sys.executable, __file__, "--make", kind, *sizes], check=True)
        return make_csv(args.rows) if kind == "csv" else make_xlsx(args.xlsx_rows)  # now only the path

    csv = written("csv")
    print(f"CSV: {args.rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB", flush=True)
    report("CSV", measure("pandas", csv), measure("import", csv), "pandas read_csv")
    if args.xlsx_rows:
        xlsx = written("xlsx")
        print(f"xlsx: {args.xlsx_rows:,} rows, {xlsx.stat().st_size / 1e6:.0f} MB", flush=True)
        report("xlsx", measure("calamine", xlsx), measure("import", xlsx), "pandas read_excel(engine='calamine')")


if __name__ == "__main__":
    main()
