"""A freshly started server: 8 deep links opened at once must all render without an exception (the first requests
after a start used to show ImportError until reloaded), and every page script runs through dashboard.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, start_app, wait_for_app
from tutka.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]
DEEP_LINKS = [
    "/indikaattorit?kunta=KU272&ind=ktk_kiusattu",
    "/vertailu?kunta=KU286",
    "/tasa_arvo?kunta=KU272",
    "/suunnitelma?kunta=KU286",
    "/esitys?kunta=KU286&dia=2",
    "/tavoite?kunta=KU272",
    "/tietoa",
    "/tuontihistoria?kunta=KU286",
]


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_every_page_calls_page_start_right_after_its_imports(page):
    """page_start() runs the page through dashboard.py (sign-in gate, sidebar) even on a first deep link."""
    tree = ast.parse((ROOT / page.path).read_text(encoding="utf-8"))
    body = [n for n in tree.body if not isinstance(n, ast.Import | ast.ImportFrom)]
    first = body[1] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body[0]
    assert isinstance(first, ast.Expr) and ast.unparse(first) == "page_start()", f"{page.path}: {ast.unparse(first)}"


def test_eight_deep_links_at_once_on_a_fresh_server(tmp_path_factory, browser):
    server = start_app(tmp_path_factory, "fresh")
    context = browser.new_context(locale="fi-FI")
    try:
        pages = [context.new_page() for _ in DEEP_LINKS]
        for page, link in zip(pages, DEEP_LINKS, strict=True):
            page.goto(server.url + link, wait_until="commit")  # all eight before any has rendered
        for page, link in zip(pages, DEEP_LINKS, strict=True):
            wait_for_app(page, timeout=180000)
            try:
                assert_no_errors(page)
                # through dashboard.py: the sidebar with the municipality picker and the local-mode note
                assert page.locator("[data-testid='stSidebar']").get_by_text("Paikallinen käyttö").count() == 1
                assert "ImportError" not in page.inner_text("body")
            except AssertionError:
                page.screenshot(path=str(ARTIFACTS / f"fresh{link.split('?')[0].replace('/', '_')}.png"))
                raise
        assert "kunta=KU272" in pages[0].url  # the deep link's municipality was kept
        assert "Kokkola" in pages[0].inner_text("body")
    finally:
        context.close()
        server.stop()
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log and "ImportError" not in log, log[-3000:]
