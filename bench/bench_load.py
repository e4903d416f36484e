"""Load test: N concurrent browser sessions on one server while one session uploads a file and another undoes it.

Bounded and local: a fresh database in a temporary folder, `streamlit run` on 127.0.0.1 and a free port, Debian's
Chromium through Playwright, a fixed number of page loads per session. Not run by the tests.

Every reader session loads the indicator page of Kouvola (unemployment) repeatedly and downloads its CSV. The upload
sets all of Kouvola's unemployment values (2015–2024, total) to a marker value 55,5; the undo restores them. A view is
consistent if its Kouvola rows are either all the marker (new data) or none of them (old data): never a mix.

Reports: errors (exception elements, failed loads), inconsistent views, page-load latency p50/p95 (goto → script
finished, no skeletons), and the server process's CPU and memory, sampled with psutil on the server pid alone (the
browsers are separate processes and not counted).

    .venv/bin/python bench/bench_load.py [--sessions 6] [--loads 6]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402
import psutil  # noqa: E402

from tests import samples as S  # noqa: E402
from tests.conftest import CHROMIUM, AppServer  # noqa: E402
from tutka.loader import init_db  # noqa: E402

MARKER = 55.5
YEARS = list(range(2015, 2025))
READ_LINK = "/indikaattorit?kunta=KU286&ind=tyottomyys"
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"


def upload_file() -> bytes:
    rows = [["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo"]]
    rows += [["tyottomyys", "Kouvola", y, "Yhteensä", "55,5"] for y in YEARS]
    return S.csv_bytes(rows)


async def ready(page, timeout: int = 180_000) -> None:
    await page.wait_for_selector(READY, timeout=timeout)
    await page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout
    )
    await page.wait_for_timeout(200)
    await page.wait_for_selector(READY, timeout=timeout)


class Sampler(threading.Thread):
    """CPU % and RSS of the server process only, every 0,25 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.cpu: list[float] = []
        self.rss: list[int] = []
        self.stop_flag = threading.Event()

    def run(self) -> None:
        self.proc.cpu_percent(None)
        while not self.stop_flag.wait(0.25):
            try:
                self.cpu.append(self.proc.cpu_percent(None))
                self.rss.append(self.proc.memory_info().rss)
            except psutil.Error:
                return


async def reader(browser, url: str, loads: int, stats: dict, name: str) -> None:
    context = await browser.new_context(locale="fi-FI", accept_downloads=True)
    page = await context.new_page()
    try:
        for _ in range(loads):
            started = time.perf_counter()
            try:
                await page.goto(url + READ_LINK)
                await ready(page)
            except Exception as exc:  # a load that never finishes is an error, not a crash of the bench
                stats["errors"].append(f"{name}: load failed: {str(exc).splitlines()[0]}")
                continue
            stats["latency"].append(time.perf_counter() - started)
            if await page.locator(ERRORS).count():
                stats["errors"].append(f"{name}: {(await page.locator(ERRORS).first.inner_text())[:300]}")
                continue
            try:
                async with page.expect_download(timeout=120_000) as info:
                    await page.get_by_role("button", name="Lataa CSV").first.click()
                data = Path(await (await info.value).path()).read_bytes()
            except Exception as exc:
                stats["errors"].append(f"{name}: download failed: {str(exc).splitlines()[0]}")
                continue
            view = classify(data)
            if view.startswith("missing"):
                stats["errors"].append(f"{name}: {view}")
            else:
                stats["views"].append(view)
    finally:
        await context.close()


def classify(csv: bytes) -> str:
    """'old', 'new' or 'mixed' for Kouvola's total unemployment 2015–2024 in a downloaded CSV ('missing: …' if the
    rows are not there, which counts as an error)."""
    frame = pd.read_csv(io.BytesIO(csv), sep=";", decimal=",", encoding="utf-8-sig")
    cols = {c.lower(): c for c in frame.columns}
    region, year, value = (cols.get(c) for c in ("alue", "vuosi", "arvo"))
    if not (region and year and value):
        return f"missing: columns {list(frame.columns)}"
    rows = frame[(frame[region] == "Kouvola") & frame[year].isin(YEARS)]
    sex = cols.get("sukupuoli")
    if sex:
        rows = rows[rows[sex].astype(str).str.lower().isin(["yhteensä", "total"])]
    if sorted(rows[year].tolist()) != YEARS:
        return f"missing: Kouvola years {sorted(rows[year].tolist())}"
    marked = (pd.to_numeric(rows[value], errors="coerce") - MARKER).abs() < 1e-9
    return "new" if marked.all() else ("old" if not marked.any() else "mixed")


async def uploader(browser, url: str, path: Path, stats: dict, done: asyncio.Event) -> None:
    context = await browser.new_context(locale="fi-FI")
    page = await context.new_page()
    try:
        await page.goto(url + "/tuo_aineistoa")
        await ready(page)
        await page.locator("input[type='file']").first.set_input_files(str(path))
        await page.get_by_role("button", name="Tallenna tietokantaan…").click(timeout=180_000)
        await page.get_by_role("button", name="Tallenna", exact=True).click(timeout=180_000)
        await page.get_by_text("tallennettu").first.wait_for(timeout=180_000)
        stats["events"].append(("upload", time.perf_counter()))
    except Exception as exc:
        stats["errors"].append(f"upload failed: {str(exc).splitlines()[0]}")
    finally:
        done.set()
        await context.close()


async def undoer(browser, url: str, stats: dict, uploaded: asyncio.Event, delay: float) -> None:
    await uploaded.wait()
    await asyncio.sleep(delay)
    context = await browser.new_context(locale="fi-FI")
    page = await context.new_page()
    try:
        await page.goto(url + "/tuontihistoria")
        await ready(page)
        await page.get_by_role("button", name="Peru tämä tuonti").click(timeout=180_000)
        await page.get_by_text("peruttu").first.wait_for(timeout=180_000)
        stats["events"].append(("undo", time.perf_counter()))
    except Exception as exc:
        stats["errors"].append(f"undo failed: {str(exc).splitlines()[0]}")
    finally:
        await context.close()


async def run(args: argparse.Namespace, server: AppServer, upload: Path) -> dict:
    from playwright.async_api import async_playwright

    stats: dict = {"latency": [], "views": [], "errors": [], "events": []}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        try:
            uploaded = asyncio.Event()
            readers = [reader(browser, server.url, args.loads, stats, f"s{i + 1}") for i in range(args.sessions)]

            async def delayed_upload() -> None:
                await asyncio.sleep(args.upload_after)
                await uploader(browser, server.url, upload, stats, uploaded)

            await asyncio.gather(*readers, delayed_upload(), undoer(browser, server.url, stats, uploaded, 5.0))
        finally:
            await browser.close()
    return stats


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=6, help="concurrent reader sessions (1–20)")
    ap.add_argument("--loads", type=int, default=6, help="page loads per reader session (1–50)")
    ap.add_argument("--upload-after", type=float, default=8.0, help="seconds before the upload starts")
    args = ap.parse_args()
    args.sessions = max(1, min(args.sessions, 20))
    args.loads = max(1, min(args.loads, 50))
    if not Path(CHROMIUM).exists():
        sys.exit("Debian chromium is needed: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "tutka.duckdb"
        init_db(db_path)
        upload = Path(tmp) / "kouvola_tyottomyys.csv"
        upload.write_bytes(upload_file())
        server = AppServer(db_path)  # 127.0.0.1, free port, local mode
        sampler = Sampler(server.proc.pid)
        sampler.start()
        started = time.perf_counter()
        try:
            stats = asyncio.run(run(args, server, upload))
        finally:
            sampler.stop_flag.set()
            sampler.join(timeout=5)
            server.stop()
        wall = time.perf_counter() - started
    views = stats["views"]
    lat = stats["latency"]
    print(f"sessions {args.sessions} readers × {args.loads} loads + 1 uploader + 1 undoer, wall {wall:.1f} s")
    print(f"events: {[e for e, _ in stats['events']]}")
    print(
        f"page loads {len(lat)}: p50 {pct(lat, 0.5):.2f} s, p95 {pct(lat, 0.95):.2f} s, max {max(lat, default=0):.2f} s"
    )
    print(f"views: old {views.count('old')}, new {views.count('new')}, mixed {views.count('mixed')}")
    cpu, rss = sampler.cpu, sampler.rss
    if cpu:
        print(
            f"server pid only: CPU mean {statistics.mean(cpu):.0f} %, max {max(cpu):.0f} % (100 % = one core); "
            f"RSS start {rss[0] / 2**20:.0f} MiB, peak {max(rss) / 2**20:.0f} MiB, end {rss[-1] / 2**20:.0f} MiB"
        )
    print(f"errors: {len(stats['errors'])}")
    for e in stats["errors"][:20]:
        print("  ", e)
    sys.exit(1 if stats["errors"] or views.count("mixed") else 0)


if __name__ == "__main__":
    main()
