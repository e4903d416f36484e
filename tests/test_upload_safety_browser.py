"""Real browser (Chromium): uploads that once broke the app. Cell texts of an uploaded file that look like Markdown (an image beacon, a link, a
colour directive) are shown as text in the problem list — no request reaches the beacon server, no link to it."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import ARTIFACTS, start_app, wait_for_app

pytestmark = pytest.mark.browser


class _Beacon(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        _Beacon.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def beacon():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    server = start_app(tmp_path_factory, "injectapp")
    yield server
    server.stop()


def test_markdown_in_cells_is_shown_as_text(app_server, beacon, browser, tmp_path):
    evil_region = f"![b]({beacon}/beacon.png)"
    evil_indicator = f"[klikkaa]({beacon}/link) :red[punainen]"
    f = tmp_path / "paha.csv"
    f.write_text(f"Indikaattori;Alue;Vuosi;Arvo\n{evil_indicator};{evil_region};2024;1\n", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(f"{app_server.url}/tuo_aineistoa")
        wait_for_app(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(f))
        page.get_by_text("Tuntematon alue").first.wait_for(timeout=60000)
        wait_for_app(page)
        page.wait_for_timeout(1000)
        assert page.locator("[data-testid='stException']").count() == 0  # the refusal alert is expected
        body = page.inner_text("body").replace("\u2060", "")  # the invisible word joiner that stops auto-links
        assert evil_region in body  # the characters themselves, as typed in the cell
        assert f"[klikkaa]({beacon}/link)" in body
        assert page.locator(f"img[src*='{beacon}']").count() == 0
        links = page.locator(f"a[href*='{beacon}']")
        assert links.count() == 0, [
            links.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(links.count())
        ]
        page.screenshot(path=str(ARTIFACTS / "upload-injection.png"), full_page=True)
    finally:
        page.close()
    assert _Beacon.hits == []


def test_hostile_workbook_refused_and_server_alive(app_server, browser, tmp_path):
    """A 1,6 kB workbook whose only cell is XFD1048576 once killed the server (calamine asked for 549 GB)."""
    import urllib.request

    from tests import hostile as H

    f = tmp_path / "kaukana.xlsx"
    f.write_bytes(H.far_cell_xlsx())
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(f"{app_server.url}/tuo_aineistoa")
        wait_for_app(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(f))
        page.get_by_text("16\u00a0384 saraketta").first.wait_for(timeout=60000)
        wait_for_app(page)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "kaukana.xlsx" in page.inner_text("body")
    finally:
        page.close()
    with urllib.request.urlopen(f"{app_server.url}/_stcore/health", timeout=10) as resp:
        assert resp.status == 200
