"""Real browser, Finnish and Swedish: Streamlit's own English texts do not leak into the pages.

What is checked is what the reader sees: the multiselect's drop-down list has no "Select all" / "Select N matches"
entry, its empty placeholder is not "Choose options", the hint under a text field is ours ("Hyväksy painamalla
Enter", the English text hidden), and every file uploader names its own file types and the limit its reading code
enforces in the page's language, with Streamlit's "Upload" / "Drag and drop" / "200MB per file" hidden.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, wait_for_app

pytestmark = pytest.mark.browser

ENGLISH = re.compile(r"Select all|Select \d+ matches|Choose options?|Choose an option|Press Enter to|Browse files")

# the visible text of an element: hidden (font-size 0) text left out, CSS generated ::after text put in
VISIBLE = """root => {
  const out = [];
  const walk = el => {
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden') return;
    const after = getComputedStyle(el, '::after').content;
    for (const n of el.childNodes) {
      if (n.nodeType === 3 && parseFloat(st.fontSize) > 0) out.push(n.textContent);
      else if (n.nodeType === 1) walk(n);
    }
    if (after && after !== 'none' && after !== 'normal') out.push(after.replace(/^"|"$/g, ''));
  };
  walk(root);
  return out.join(' ').replace(/\\s+/g, ' ');
}"""


def visible(page, selector: str) -> list[str]:
    return [page.locator(selector).nth(i).evaluate(VISIBLE) for i in range(page.locator(selector).count())]


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    wait_for_app(page)
    assert_no_errors(page)
    page.wait_for_timeout(500)  # style elements are applied after the script run
    return page


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_multiselect_has_no_english_entries(app_server, browser, lang):
    page = open_page(browser, f"{app_server.url}/indikaattorit?kunta=KU286&lang={lang}")
    try:
        page.locator("[data-testid='stPopover'] button").first.click()  # the picker is in the "Vertaa" menu
        box = page.locator("[data-testid='stMultiSelect']").first
        box.wait_for(timeout=30000)
        placeholder = box.evaluate(VISIBLE) + " " + (box.locator("input").get_attribute("placeholder") or "")
        assert not ENGLISH.search(placeholder), placeholder
        assert ("Valitse" if lang == "fi" else "Välj") in placeholder, placeholder
        box.locator("input").click()
        options = page.locator("[role='option']")
        options.first.wait_for(timeout=10000)
        shown = [options.nth(i).inner_text() for i in range(min(options.count(), 12))]
        page.screenshot(path=str(ARTIFACTS / f"multiselect-open-{lang}.png"))
        assert len(shown) >= 2, shown
        assert not any(ENGLISH.search(s) for s in shown), shown
        page.keyboard.type("a")  # filtering: no "Select N matches" either
        page.wait_for_timeout(300)
        shown = [options.nth(i).inner_text() for i in range(min(options.count(), 12))]
        assert not any(ENGLISH.search(s) for s in shown), shown
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_upload_page_texts(app_server, browser, lang):
    page = open_page(browser, f"{app_server.url}/tuo_aineistoa?kunta=KU286&lang={lang}")
    try:
        page.locator("[data-testid='stExpander'] summary").first.click()  # the options: sheet field, region list
        page.wait_for_timeout(400)
        zones = visible(page, "[data-testid='stFileUploaderDropzone']")
        page.screenshot(path=str(ARTIFACTS / f"uploaders-{lang}.png"), full_page=True)
        assert len(zones) == 2, zones
        for text in zones:
            assert not re.search(r"Upload|Drag and drop|MB per file|Browse", text), zones
        mb = "Mt tiedostoa kohden" if lang == "fi" else "MB per fil"
        assert f"50 {mb} · XLSX, XLSM, CSV, TXT, JSON, PX" in zones[0], zones
        assert f"60 {mb} · JSON" in zones[1], zones  # the region list: the server's own limit
        assert ("Valitse tiedosto" if lang == "fi" else "Välj fil") in zones[0], zones

        field = page.locator("[data-testid='stTextInput'] input").first
        field.click()
        field.type("Taul")
        hint = page.locator("[data-testid='InputInstructions']").first
        hint.wait_for(timeout=5000)
        text = hint.evaluate(VISIBLE)
        assert not ENGLISH.search(text), text
        assert ("Hyväksy painamalla Enter" if lang == "fi" else "Tryck Enter") in text, text
    finally:
        page.close()
