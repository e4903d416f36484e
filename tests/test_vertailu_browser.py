"""Real browser: the Vertailu table fits a wellbeing services county's municipalities side by side.

Kymenlaakso (6 municipalities, from Kouvola) and Keski-Pohjanmaa (8, from Kokkola) at a 1366×768 laptop and at
1920×1080: one column per municipality, every column as wide as its configured width (whole name), and no sideways
scrolling of the table. Screenshots go to test-artifacts/ to be looked at.
"""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, wait_for_app

pytestmark = pytest.mark.browser

COUNTIES = {
    "KU286": ["KU286", "KU075", "KU285", "KU489", "KU624", "KU935"],  # Kymenlaakso
    "KU272": ["KU272", "KU074", "KU217", "KU236", "KU421", "KU584", "KU849", "KU924"],  # Keski-Pohjanmaa
}

# the table's scroll box: its content width against its visible width, and the grid's column count
MEASURE = """() => {
  const grid = document.querySelector('.st-key-vertailu_taulukko [data-testid="stDataFrameResizable"]')
            || document.querySelector('[data-testid="stDataFrameResizable"]');
  const box = grid.querySelector('.dvn-scroller');
  const canvas = grid.querySelector('table[role="grid"], [role="grid"]');
  const headers = grid.querySelectorAll('[role="columnheader"]');
  return {scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, columns: headers.length,
          names: [...headers].map(h => h.textContent)};
}"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("kunta", list(COUNTIES))
def test_county_fits_side_by_side(app_server, browser, kunta, size):
    codes = COUNTIES[kunta]
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        query = "&".join(f"alueet={c}" for c in codes)
        page.goto(f"{app_server.url}/vertailu?kunta={kunta}&{query}")
        wait_for_app(page)
        assert_no_errors(page)
        table = page.locator(".st-key-vertailu_taulukko")
        table.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"vertailu-{kunta}-{size[0]}x{size[1]}.png"))
        m = page.evaluate(MEASURE)
        assert m["columns"] == len(codes) + 1, m  # the series label + one column per municipality
        assert m["scrollWidth"] <= m["clientWidth"] + 1, m  # nothing hidden to the right: no sideways scroll
    finally:
        page.close()


def test_header_click_sorts_by_value(app_server, browser):
    """The cells hold numbers: a click on Kouvola's header orders the rows by Kouvola's value, not as text."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{app_server.url}/vertailu?kunta=KU286&alueet=KU286&alueet=KU272")
        wait_for_app(page)
        grid = page.locator(".st-key-vertailu_taulukko [data-testid='stDataFrameResizable']")
        grid.scroll_into_view_if_needed()
        cells = page.locator(".st-key-vertailu_taulukko [role='gridcell']")

        def kouvola_values(until) -> list[float]:
            """The rendered rows' Kouvola values (label, Kouvola, Kokkola per row), read again until `until(values)`:
            the grid draws and re-sorts on the client, up to 10 s on a loaded machine."""
            for _ in range(40):
                texts = [cells.nth(i).text_content() or "" for i in range(cells.count())]
                values = [float(x) for x in texts[1::3] if x.strip()]
                if until(values):
                    break
                page.wait_for_timeout(250)
            return values

        def is_sorted(values: list[float]) -> bool:
            return values == sorted(values) or values == sorted(values, reverse=True)

        before = kouvola_values(lambda v: len(v) >= 10)
        assert before != sorted(before) and before != sorted(before, reverse=True), before  # by indicator at first
        box = grid.bounding_box()
        # columns: row marker (~33 px), the label (380 px with two municipalities), then Kouvola
        page.mouse.click(box["x"] + 33 + 380 + 25, box["y"] + 18)
        kouvola = kouvola_values(is_sorted)
        page.screenshot(path=str(ARTIFACTS / "vertailu-sorted.png"))
        assert len(kouvola) >= 10, kouvola
        assert is_sorted(kouvola), kouvola[:15]
    finally:
        page.close()


def test_picked_row_shows_the_explanations(app_server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{app_server.url}/vertailu?kunta=KU286&alueet=KU286&alueet=KU272&lang=sv")
        wait_for_app(page)
        grid = page.locator(".st-key-vertailu_taulukko [data-testid='stDataFrameResizable']")
        grid.scroll_into_view_if_needed()
        first = page.locator(".st-key-vertailu_taulukko [role='gridcell']").first.text_content()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's checkbox
        page.get_by_text("Karleby:").first.wait_for(timeout=20000)
        wait_for_app(page)
        block = page.locator("[data-testid='stMarkdown']", has_text="Karleby:").first
        text = block.inner_text()
        page.screenshot(path=str(ARTIFACTS / "vertailu-picked-row-sv.png"))
        assert first in text and "Kouvola:" in text, text
        assert_no_errors(page)
    finally:
        page.close()
