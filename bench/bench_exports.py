"""Exports at national scale against the embedded database, in the same run: the council deck built from the plan and
the verdicts (what Esitystila shows), its PowerPoint file, the one-page PDF municipal profile, and the yearly report
(vuosiraportti) as Word and PDF. Prints p50/p95 per export and municipality and the national/embedded ratio, plus
the peak memory of each database's run.

    .venv/bin/python bench/bench_exports.py [--quick] [--repeats 3] [--rebuild] [--json bench/out/exports.json]

No server and no network: everything runs in child processes of this script (one per database, one after the
other, never together, each with a time limit) on the databases bench_pages.py builds into bench/out/ (gitignored).
The machine is shared: compare the ratios of one run, not absolute times between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

REGIONS = ["KU286", "KU272"]  # Kouvola (plan 2023) and Kokkola (yearly report 2022): plans in both databases
EXPORTS = ["deck", "pptx", "profile_pdf", "report_model", "report_docx", "report_pdf"]
CHILD_TIMEOUT = 540  # seconds per database (bounded)


def pct(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def child(db_path: Path, repeats: int) -> dict:
    """Time every export `repeats` times per region on one database (run in a child process)."""
    from tutka import db, queries
    from tutka.exports.pdf_profile import profile_pdf
    from tutka.exports.pptx_deck import deck_pptx
    from tutka.exports.report_docx import report_docx
    from tutka.exports.report_pdf import report_pdf
    from tutka.plans.report import build_report
    from tutka.present.build import build_deck

    con = db.connect(db_path, read_only=True)
    times: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}

    def timed(name: str, func):
        t = time.perf_counter()
        result = func()
        times.setdefault(name, []).append(time.perf_counter() - t)
        if isinstance(result, bytes):
            sizes[name] = len(result)
        return result

    try:
        for region in REGIONS:
            year = int(queries.run(con, "plans_for_region", region=region)["year"].dropna().max())
            for _ in range(repeats):
                deck = timed(f"deck {region}", lambda r=region: build_deck(con, r, "fi", use_saved=False))
                timed(f"pptx {region}", lambda d=deck: deck_pptx(d))
                timed(f"profile_pdf {region}", lambda d=deck: profile_pdf(d))
                report = timed(f"report_model {region}", lambda r=region, y=year: build_report(con, r, y, "fi"))
                timed(f"report_docx {region}", lambda m=report: report_docx(m))
                timed(f"report_pdf {region}", lambda m=report: report_pdf(m))
    finally:
        con.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"times": times, "sizes": sizes, "peak_mb": peak_mb}


def run_child(label: str, db_path: Path, repeats: int) -> dict:
    out = ROOT / "bench" / "out" / f"exports_{label}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--child", str(db_path), "--repeats", str(repeats), "--json", str(out)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    subprocess.run(cmd, check=True, timeout=CHILD_TIMEOUT, env=env, cwd=ROOT)
    return json.loads(out.read_text(encoding="utf-8"))


def report(results: dict[str, dict]) -> None:
    labels = list(results)
    print(f"\n{'export':<22}" + "".join(f"{lb + ' p50':>16}{lb + ' p95':>16}" for lb in labels) + f"{'nat/emb':>10}")
    for name in results[labels[0]]["times"]:
        row = f"{name:<22}"
        for lb in labels:
            values = results[lb]["times"].get(name, [])
            row += f"{pct(values, 50) * 1000:>13.0f} ms{pct(values, 95) * 1000:>13.0f} ms" if values else " " * 32
        if "embedded" in results and "national" in results and name in results["embedded"]["times"]:
            ratio = pct(results["national"]["times"][name], 50) / pct(results["embedded"]["times"][name], 50)
            row += f"{'×' + format(ratio, '.2f'):>10}"
        print(row)
    for lb in labels:
        total = sum(sum(v) for v in results[lb]["times"].values())
        print(f"{lb}: peak memory {results[lb]['peak_mb']:.0f} MB, all exports {total:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1 repeat")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--years", type=int, default=20, help="years of national data (ending 2025)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the national database")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # internal: time the exports on this database
    args = ap.parse_args()
    repeats = 1 if args.quick else args.repeats
    if args.child:
        result = child(args.child, repeats)
        if args.json:
            args.json.write_text(json.dumps(result), encoding="utf-8")
        return

    from bench_pages import OUT, build_embedded, build_national

    OUT.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    national = build_national(range(2026 - args.years, 2026), args.rebuild)
    embedded = build_embedded()
    print(f"databases ready in {time.perf_counter() - t:.1f} s", flush=True)
    results = {
        label: run_child(label, path, repeats) for label, path in (("national", national), ("embedded", embedded))
    }
    report(results)
    load = os.getloadavg()
    print(f"\nload average during the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
