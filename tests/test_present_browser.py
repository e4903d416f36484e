"""Real browser: page through Kouvola's presentation with the keyboard (as a clicker does), at projector sizes,
with ?embed=true, and save a screenshot of every slide (test-artifacts/present-*.png)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, wait_for_app

pytestmark = pytest.mark.browser


def _slide_no(page) -> int:
    match = re.search(r"[?&]dia=(\d+)", page.url)
    return int(match.group(1)) if match else 1


def _wait_slide(page, n: int) -> None:
    page.wait_for_function(f"new URLSearchParams(location.search).get('dia') === '{n}'", timeout=30000)
    wait_for_app(page)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def test_present_kouvola_with_keyboard(app_server, browser, size):
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{app_server.url}/esitys?kunta=KU286&embed=true")
        wait_for_app(page)
        assert_no_errors(page)
        assert "Kouvola" in page.inner_text("body")
        total = int(re.search(r"/\s*(\d+)", page.locator(".tk-foot").inner_text()).group(1))
        assert total == 9  # title + 5 goals + map + equity + sources
        titles = []
        for n in range(1, total + 1):
            if n > 1:
                # alternate the clicker key and the arrow key
                page.keyboard.press("PageDown" if n % 2 == 0 else "ArrowRight")
                _wait_slide(page, n)
            assert_no_errors(page)
            assert _slide_no(page) == n
            body = page.inner_text("body")
            if "ei kytkettyjä indikaattoreita" not in body:  # a goal without indicators shows no data at all
                assert "ESIMERKKIAINEISTO" in body  # the demo label is on every slide built from demo data
            titles.append(page.locator(".tk-h0, .tk-h1").first.inner_text())
            page.screenshot(path=str(ARTIFACTS / f"present-kouvola-{width}x{height}-{n:02d}.png"))
        assert titles[1] == "Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen"
        assert "sukupuolten erot" in titles[-2]
        assert (
            titles[-3]
            == "Mielenterveysperusteisesti sairauspäivärahaa saaneet 25–64-vuotiaat / 1 000 vastaavan ikäistä"
        )
        # back with PageUp and the left arrow; past the last slide nothing happens
        page.keyboard.press("PageDown")
        page.wait_for_timeout(500)
        wait_for_app(page)
        assert _slide_no(page) == total
        page.keyboard.press("PageUp")
        _wait_slide(page, total - 1)
        page.keyboard.press("ArrowLeft")
        _wait_slide(page, total - 2)
    finally:
        page.close()


def test_slide_link_opens_that_slide(app_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{app_server.url}/esitys?kunta=KU272&dia=3")
        wait_for_app(page)
        assert_no_errors(page)
        assert page.locator(".tk-h1").first.inner_text() == "Elämyksellisyys"
        assert page.locator(".js-plotly-plot").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "present-kokkola-dia3.png"))
    finally:
        page.close()
