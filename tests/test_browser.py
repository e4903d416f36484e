"""Real-browser smoke test: the app started as the README starts it, every page opened in Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, wait_for_app
from tutka.nav import PAGES

pytestmark = pytest.mark.browser


def url_path(page_path: str) -> str:
    return page_path.split("/")[-1].removesuffix(".py")


@pytest.mark.parametrize("kunta", ["KU286", "KU272"])
def test_every_page_in_browser(app_server, browser, kunta):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        for entry in PAGES:
            path = "" if entry.default else url_path(entry.path)
            page.goto(f"{app_server.url}/{path}?kunta={kunta}")
            wait_for_app(page)
            assert_no_errors(page)
            # the entry script ran (shared sidebar present) and the municipality came from the URL
            sidebar = page.locator("[data-testid='stSidebar']")
            shown = sidebar.inner_text() + " ".join(
                sidebar.locator("input").evaluate_all(
                    "els => els.map(e => e.value || e.getAttribute('aria-label') || '')"
                )
            )
            assert "Kunta" in shown and ("Kokkola" if kunta == "KU272" else "Kouvola") in shown, shown[-300:]
            page.screenshot(path=str(ARTIFACTS / f"page-{url_path(entry.path)}-{kunta}.png"), full_page=True)
    finally:
        page.close()


def test_indicator_view_is_a_shareable_link(app_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{app_server.url}/indikaattorit?kunta=KU286&ind=ktk_ahdistus&ryhma=lukio+1.%E2%80%932.+v")
        wait_for_app(page)
        assert_no_errors(page)
        body = page.inner_text("body")
        assert "Kohtalainen tai vaikea ahdistuneisuus" in body or "ahdistuneisuus" in body.lower()
        assert "ESIMERKKIAINEISTO" in body or "Esimerkkiaineisto" in body
        assert page.locator(".js-plotly-plot").count() >= 1
    finally:
        page.close()


def test_pickers_inside_fragments_keep_the_url(app_server, browser):
    """Indikaattorit's pickers and Tietoa's indicator picker rerun only their fragment; the URL still follows them."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{app_server.url}/indikaattorit?kunta=KU272")
        wait_for_app(page)
        box = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_text("Indikaattori", exact=True))
        box.first.locator("input").click()
        page.keyboard.type("ahdistuneisuus")
        page.get_by_role("option").filter(has_text="ahdistuneisuus").first.click()
        page.wait_for_url("**ind=ktk_ahdistus**", timeout=30_000)
        wait_for_app(page)
        assert_no_errors(page)
        assert "kunta=KU272" in page.url  # the sidebar's URL state kept (KU286, the default, is never written)
        page.goto(f"{app_server.url}/tietoa?kunta=KU286&tieto=ktk_ahdistus")
        wait_for_app(page)
        assert_no_errors(page)
        assert "ktk_ahdistus" in page.inner_text("body")  # the linked indicator's details (its identifier) shown
    finally:
        page.close()
