"""Shared fixtures: a database built by the real setup code, and a real app server for browser tests."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A database built from data/ by tutka.loader.init_db (session-wide; do not write to it)."""
    from tutka.loader import init_db

    path = tmp_path_factory.mktemp("db") / "tutka.duckdb"
    init_db(path)
    return path


@pytest.fixture(scope="session")
def ref(built_db):
    """The importer's reference data (catalogue, regions, ranges) read from the built database."""
    import duckdb

    from tutka.importers.pipeline import Reference

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return Reference.load(con)
    finally:
        con.close()


@pytest.fixture()
def fresh_db(tmp_path) -> Path:
    """A private database copy for tests that write."""
    from tutka.loader import init_db

    path = tmp_path / "tutka.duckdb"
    init_db(path)
    return path


def export_digest(db_path: Path) -> str:
    """SHA-256 of `python -m tutka export` output: equal digests = identical indicator values."""
    from tutka.cli import main

    out = db_path.with_suffix(".export.csv")
    assert main(["export", str(out), "--db", str(db_path)]) == 0
    return hashlib.sha256(out.read_bytes()).hexdigest()


def _clear_app_caches() -> None:
    import gc

    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()  # close the dropped read-write connection before another test opens the file


@pytest.fixture()
def use_app_database(monkeypatch):
    """Point AppTest runs at a database: use_app_database(path). The app caches its connection and query results per
    process (keyed on the data version, which is the same in every fresh database), so every Streamlit cache is
    cleared before and after the test."""

    def point(db_path: Path) -> Path:
        monkeypatch.setenv("TUTKA_DB", str(db_path))
        _clear_app_caches()
        return db_path

    yield point
    _clear_app_caches()


def start_app(tmp_path_factory, name: str = "appdb") -> AppServer:
    """`streamlit run` on a free port with its own freshly built database (skips without Debian's Chromium)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install -y chromium)")
    from tutka.loader import init_db

    db_path = tmp_path_factory.mktemp(name) / "tutka.duckdb"
    init_db(db_path)
    return AppServer(db_path)


def run_page(path: str | None, timeout: int = 180, **query: str):
    """AppTest of the real entry script with URL parameters, then (optionally) a switch to one of the PAGES."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if path:
        at.switch_page(path)
        at.run()
    return at


def page_text(at) -> str:
    """The readable text of an AppTest run (markdown, titles, captions, alerts)."""
    parts = [m.value for m in at.markdown] + [m.value for m in at.title] + [m.value for m in at.subheader]
    parts += [m.value for m in at.caption] + [m.value for m in at.info] + [m.value for m in at.warning]
    # user texts are Markdown-escaped (tutka/textsafe.py): compare what the page shows
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", "\n".join(str(p) for p in parts)).replace("\u2060", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    def __init__(
        self, db_path: Path, extra_args: tuple[str, ...] = (), env: dict | None = None, port: int | None = None
    ):
        self.db_path = db_path
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, TUTKA_DB=str(db_path), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", **(env or {}))
        self.log = ARTIFACTS / f"streamlit-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"streamlit did not start; see {self.log}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    server = start_app(tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
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
        yield b
        b.close()


def wait_for_app(page, timeout: int = 60000) -> None:
    """Wait until the script finished and no skeleton placeholders remain."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def assert_no_errors(page) -> None:
    errors = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    assert errors.count() == 0, errors.first.inner_text()[:2000]
