"""Pages in a real browser at national scale, against the embedded database and a trivial Streamlit app (the floor),
all in the same run on 127.0.0.1. Prints per-interaction p50/p95 (municipality, indicator, sex, language, page
changes), cold start, the national/embedded ratio per page and the server RSS, as ratios to the trivial app.

    .venv/bin/python bench/bench_pages.py [--quick] [--repeats 12] [--rebuild] [--json bench/out/pages.json]

The national database (all municipalities, the demo catalogue, --years years) is built with tutka.demo's
generate_national into bench/out/ (gitignored) and reused while its signature matches; --rebuild forces a new one.
Servers are started one after another (never together) and always stopped. The machine is shared: compare ratios
from one run, not absolute times between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, free_port  # noqa: E402
from tutka import db  # noqa: E402

OUT = ROOT / "bench" / "out"
MUNICIPALITIES = ["Kokkola", "Kotka", "Hamina", "Kouvola"]  # in the embedded data too; KU286 (Kouvola) is the start
PAGES = {  # bench name -> (nav title fi, url path)
    "etusivu": ("Etusivu", ""),
    "indikaattorit": ("Indikaattorit", "indikaattorit"),
    "vertailu": ("Vertailu", "vertailu"),
    "tasa_arvo": ("Tasa-arvo", "tasa_arvo"),
    "tietoa": ("Tietoa aineistosta", "tietoa"),
}
TRIVIAL_APP = """
import streamlit as st

def koti():
    st.title("Triviaali sivu")
    x = st.selectbox("Valinta", [f"Vaihtoehto {i}" for i in range(50)])
    st.write(x)
    st.line_chart({"a": list(range(20))})

def toinen():
    st.title("Toinen sivu")
    st.write("toinen")

with st.sidebar:
    kunta = st.selectbox("Kunta", ["Kouvola", "Kokkola", "Kotka", "Hamina"] + [f"Kunta {i}" for i in range(300)])
    st.caption(kunta)
st.navigation([st.Page(koti, title="Koti", default=True), st.Page(toinen, title="Toinen")]).run()
"""

# Records when the script state goes running -> notRunning after the action (the last such moment wins), and the
# time of the last DOM change in the app (the fallback when a very fast rerun never shows the "running" state).
ARM_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.__t0 = performance.now(); window.__ran = false; window.__done = null; window.__last = null;
  if (window.__obs) window.__obs.disconnect();
  window.__obs = new MutationObserver((records) => {
    window.__last = performance.now();
    const s = app.getAttribute('data-test-script-state');
    if (s === 'running') { window.__ran = true; window.__done = null; }
    else if (window.__ran && s === 'notRunning' && window.__done === null) { window.__done = performance.now(); }
  });
  window.__obs.observe(app, {attributes: true, childList: true, subtree: true, characterData: true});
}"""
IDLE_JS = (
    "() => document.querySelectorAll('[data-testid=\\\"stSkeleton\\\"]').length === 0 "
    "&& document.querySelector(\"[data-testid='stApp']\").getAttribute('data-test-script-state') === 'notRunning'"
)
SETTLED_JS = IDLE_JS.replace("() => ", "() => window.__done !== null && ", 1)


@dataclass
class Run:
    label: str
    times: dict[str, list[float]] = field(default_factory=dict)
    cold_start: float = 0.0
    rss_mb: float = 0.0

    def add(self, name: str, seconds: float) -> None:
        self.times.setdefault(name, []).append(seconds)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


# --- databases ----------------------------------------------------------------------------------------------------
def build_embedded() -> Path:
    from tutka.loader import init_db

    path = OUT / "embedded.duckdb"
    path.unlink(missing_ok=True)
    init_db(path)
    prepare(path)
    return path


def build_national(years: range, rebuild: bool) -> Path:
    """init_db, then the demo values replaced by generate_national's (one import of kind 'demo')."""
    from tutka.demo import generate_national
    from tutka.loader import init_db

    path = OUT / "national.duckdb"
    signature = f"national:{years.start}-{years.stop}"
    if path.exists() and not rebuild:
        con = db.connect(path)
        try:
            row = con.execute("select value from meta where key = 'bench_signature'").fetchone()
        finally:
            con.close()
        if row and row[0] == signature:
            prepare(path)
            return path
    path.unlink(missing_ok=True)
    init_db(path)
    frame = generate_national(years=years).rename(columns={"group": "grp"})
    frame["grp"] = frame["grp"].fillna("")
    con = db.connect(path)
    try:
        import_id = con.execute("select max(import_id) from imports where kind = 'demo'").fetchone()[0]
        frame["import_id"] = import_id
        with db.transaction(con):
            con.execute("delete from indicator_values where is_demo")
            con.register("_f", frame)
            con.execute(
                "insert into indicator_values by name select * from _f "
                "anti join indicator_values v using (indicator_id, region_code, year, sex, grp) "
                "order by indicator_id, region_code, year, sex, grp",
            )
            con.unregister("_f")
            con.execute(
                "update imports set rows_total = $n, rows_new = $n where import_id = $i",
                {"n": len(frame), "i": import_id},
            )
            con.execute("insert or replace into meta values ('bench_signature', $s)", {"s": signature})
            db.bump_data_version(con)
        n = con.execute("select count(*) from indicator_values").fetchone()[0]
        print(f"national database: {n:,} values, {path.stat().st_size / 1e6:.0f} MB", flush=True)
    finally:
        con.close()
    prepare(path)
    return path


def prepare(path: Path) -> None:
    """Bring derived tables (the verdict store, when this checkout has one) up to date, as init/import would."""
    try:
        from tutka.verdicts import store  # type: ignore[attr-defined]
    except ImportError:
        return
    con = db.connect(path)
    try:
        db.create_schema(con)  # a database built by an older checkout: its new store tables first, as the app does
        store.ensure_fresh(con)
    finally:
        con.close()


# --- servers ------------------------------------------------------------------------------------------------------
class Server:
    def __init__(self, script: Path, db_path: Path | None, log: Path, cwd: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        if db_path:
            env["TUTKA_DB"] = str(db_path)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
            + ["--server.port", str(self.port), "--server.address", "127.0.0.1"],
            cwd=cwd,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"streamlit did not start; see {log}")

    def rss_mb(self) -> float:
        import psutil

        proc = psutil.Process(self.proc.pid)
        return (proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))) / 1e6

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)


# --- browser actions ----------------------------------------------------------------------------------------------
def settle(page, timeout: int = 120_000) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)


def timed(page, action, timeout: int = 120_000) -> float:
    """Seconds from the action to the end of the rerun it triggers (stable for 250 ms, no skeletons left). A rerun
    too fast to show the "running" state is timed to the last DOM change it caused."""
    page.evaluate(ARM_JS)
    action()
    deadline = time.time() + timeout / 1000
    while time.time() < deadline:
        page.wait_for_timeout(250)
        if page.evaluate(SETTLED_JS):
            page.wait_for_timeout(250)
            if page.evaluate(SETTLED_JS):
                return page.evaluate("window.__done - window.__t0") / 1000
        elif page.evaluate("!window.__ran && window.__last !== null && performance.now() - window.__last > 1500"):
            if page.evaluate(IDLE_JS):
                return page.evaluate("window.__last - window.__t0") / 1000
    raise TimeoutError("the app did not settle")


def selectbox(page, label: str, scope: str = "body"):
    return page.locator(f"{scope} [data-testid='stSelectbox']").filter(has=page.get_by_text(label, exact=True)).first


def choose(page, label: str, option: str | None, scope: str = "body", typed: bool = False) -> float:
    """Open a selectbox, (type to filter,) and time the click on `option` (None = the first option not selected)."""
    box = selectbox(page, label, scope)
    box.locator("input").click()
    if typed and option:
        page.keyboard.type(option)
    if option:
        target = page.get_by_role("option", name=option, exact=True).first
    else:
        target = page.locator("[role='option'][aria-selected='false']").first
    target.wait_for(timeout=30_000)
    return timed(page, target.click)


def nav(page, title: str) -> float:
    link = page.locator("[data-testid='stSidebarNavLink']").filter(has_text=title).first
    if not link.is_visible():
        more = page.locator("[data-testid='stSidebarNavViewButton']")
        if more.count():
            more.first.click()
    return timed(page, link.click)


# --- runs ---------------------------------------------------------------------------------------------------------
def run_trivial(browser, repeats: int) -> Run:
    folder = Path(tempfile.mkdtemp(prefix="trivial_app_"))  # outside the checkout: not linted, not committed
    script = folder / "trivial_app.py"
    script.write_text(TRIVIAL_APP, encoding="utf-8")
    run = Run("trivial")
    server = Server(script, None, OUT / "trivial.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url)
        settle(page)
        page.wait_for_selector("h1")
        run.cold_start = time.perf_counter() - server.started
        names = ["Kokkola", "Kotka", "Hamina", "Kouvola"]
        for r in range(repeats):
            run.add("widget", choose(page, "Kunta", names[r % len(names)], "[data-testid='stSidebar']", typed=True))
            run.add("widget", choose(page, "Valinta", None))
            run.add("page", nav(page, "Toinen"))
            run.add("page", nav(page, "Koti"))
        run.rss_mb = server.rss_mb()
        page.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return run


def run_app(browser, label: str, db_path: Path, repeats: int, root: Path = ROOT) -> Run:
    run = Run(label)
    server = Server(root / "dashboard.py", db_path, OUT / f"{label}.log", cwd=root)
    side = "[data-testid='stSidebar']"
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url + "/?kunta=KU286")
        settle(page)
        page.wait_for_selector("h1")
        run.cold_start = time.perf_counter() - server.started
        for r in range(repeats):
            if r:
                run.add("page:etusivu", nav(page, PAGES["etusivu"][0]))
            run.add("municipality", choose(page, "Kunta", MUNICIPALITIES[r % len(MUNICIPALITIES)], side, typed=True))
            run.add("page:indikaattorit", nav(page, PAGES["indikaattorit"][0]))
            run.add("indicator", choose(page, "Indikaattori", None))
            run.add("page:vertailu", nav(page, PAGES["vertailu"][0]))
            run.add("sex", choose(page, "Sukupuoli", None))
            run.add("page:tasa_arvo", nav(page, PAGES["tasa_arvo"][0]))
            run.add("page:tietoa", nav(page, PAGES["tietoa"][0]))
            run.add("language", choose(page, "Kieli / Språk / Language", "Svenska", side))
            run.add("language", choose(page, "Kieli / Språk / Language", "Suomi", side))
        errors = page.locator("[data-testid='stException']").count()
        if errors:
            print(f"WARNING: {label}: {errors} exception(s) on the last page", flush=True)
        run.rss_mb = server.rss_mb()
        page.close()
    finally:
        server.stop()
    return run


def report(trivial: Run, runs: list[Run]) -> dict:
    floor_w = (pct(trivial.times["widget"], 50), pct(trivial.times["widget"], 95))
    floor_p = (pct(trivial.times["page"], 50), pct(trivial.times["page"], 95))
    print(
        f"\ntrivial app: widget p50 {floor_w[0] * 1000:.0f} ms p95 {floor_w[1] * 1000:.0f} ms; page change p50 "
        f"{floor_p[0] * 1000:.0f} ms p95 {floor_p[1] * 1000:.0f} ms; cold start {trivial.cold_start:.2f} s; "
        f"RSS {trivial.rss_mb:.0f} MB"
    )
    result: dict = {"trivial": {"widget": floor_w, "page": floor_p, "cold": trivial.cold_start, "rss": trivial.rss_mb}}
    for run in runs:
        print(
            f"\n{run.label}: cold start {run.cold_start:.2f} s (×{run.cold_start / trivial.cold_start:.1f} trivial); "
            f"RSS {run.rss_mb:.0f} MB (×{run.rss_mb / trivial.rss_mb:.1f})"
        )
        print(f"  {'interaction':<22}{'n':>3}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×floor':>12}{'p95 ×floor':>12}")
        result[run.label] = {"cold": run.cold_start, "rss": run.rss_mb, "times": {}}
        for name, values in run.times.items():
            floor = floor_p if name.startswith("page:") else floor_w
            p50, p95 = pct(values, 50), pct(values, 95)
            result[run.label]["times"][name] = (p50, p95, len(values))
            print(
                f"  {name:<22}{len(values):>3}{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}"
                f"{p50 / floor[0]:>12.1f}{p95 / floor[1]:>12.1f}"
            )
    by = {r.label: r for r in runs}
    if "national" in by and "embedded" in by:
        print("\nnational / embedded (p50):")
        for name in by["national"].times:
            if name in by["embedded"].times:
                ratio = pct(by["national"].times[name], 50) / pct(by["embedded"].times[name], 50)
                print(f"  {name:<22}×{ratio:.2f}")
        print(f"  {'cold start':<22}×{by['national'].cold_start / by['embedded'].cold_start:.2f}")
        print(f"  {'RSS':<22}×{by['national'].rss_mb / by['embedded'].rss_mb:.2f}")
    if "national" in by:
        print("\ntargets (issue 13 item 5), national database:")
        nat = by["national"]
        for name, values in nat.times.items():
            floor = floor_p if name.startswith("page:") else floor_w
            r50, r95 = pct(values, 50) / floor[0], pct(values, 95) / floor[1]
            ok = r50 <= 2 and r95 <= 3
            print(f"  {name:<22}p50 ×{r50:.1f} (≤ 2), p95 ×{r95:.1f} (≤ 3): {'met' if ok else 'NOT met'}")
        cold = nat.cold_start / trivial.cold_start
        print(f"  {'cold start':<22}×{cold:.2f} (≤ 1,5): {'met' if cold <= 1.5 else 'NOT met'}")
        print(f"  {'server RSS':<22}{nat.rss_mb:.0f} MB (≤ 400): {'met' if nat.rss_mb <= 400 else 'NOT met'}")
        if "embedded" in by:
            for name in nat.times:
                if name.startswith("page:") and name in by["embedded"].times:
                    ratio = pct(nat.times[name], 50) / pct(by["embedded"].times[name], 50)
                    verdict = "met" if ratio <= 1.2 else "NOT met"
                    print(f"  {name + ' nat/emb':<22}×{ratio:.2f} (≤ 1,2): {verdict}")
    if "baseline" in by:
        print("\nthis checkout / baseline checkout, national database (p50):")
        for name in by["national"].times:
            if name in by["baseline"].times:
                ratio = pct(by["national"].times[name], 50) / pct(by["baseline"].times[name], 50)
                print(f"  {name:<22}×{ratio:.2f}")
        print(f"  {'cold start':<22}×{by['national'].cold_start / by['baseline'].cold_start:.2f}")
        print(f"  {'RSS':<22}×{by['national'].rss_mb / by['baseline'].rss_mb:.2f}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="2 repeats, national only against the trivial app")
    ap.add_argument(
        "--repeats", type=int, default=12, help="rounds per app (a p50 of 6 moved by up to ±40 %% between runs here)"
    )
    ap.add_argument("--years", type=int, default=20, help="years of national data (ending 2025)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the national database")
    ap.add_argument("--json", type=Path, help="write the figures here (e.g. bench/out/pages.json)")
    ap.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (e.g. `git archive main` unpacked in /tmp) run on the same national database in the "
        "same run, for before/after figures under the same load",
    )
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit("Debian chromium is needed (apt-get install -y chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    repeats = 2 if args.quick else args.repeats
    load = os.getloadavg()
    print(f"load average at the start: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")
    # bytecode of the package written once, as `make run` does: with PYTHONDONTWRITEBYTECODE set (as on this
    # machine) every start would otherwise compile tutka/ from source (~0,2 s of the cold start)
    for checkout in [ROOT, *([args.baseline.resolve()] if args.baseline else [])]:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "tutka")], check=True)
    t = time.perf_counter()
    national = build_national(range(2026 - args.years, 2026), args.rebuild)
    embedded = None if args.quick else build_embedded()
    print(f"databases ready in {time.perf_counter() - t:.1f} s", flush=True)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        try:
            trivial = run_trivial(browser, repeats)
            runs = [run_app(browser, "national", national, repeats)]
            if args.baseline:
                runs.append(run_app(browser, "baseline", national, repeats, root=args.baseline.resolve()))
            if embedded:
                runs.append(run_app(browser, "embedded", embedded, repeats))
        finally:
            browser.close()
    result = report(trivial, runs)
    load = os.getloadavg()
    print(f"\nload average during the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
