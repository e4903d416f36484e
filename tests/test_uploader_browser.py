"""Real browser: the file uploader speaks Finnish (Streamlit's own texts are English only) and shows the 50 MB limit
the importer enforces, not Streamlit's 60 MB."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, wait_for_app

pytestmark = pytest.mark.browser

PROBE = """() => {
  const zone = document.querySelector('[data-testid=stFileUploaderDropzone]');
  const after = sel => { const e = zone.querySelector(sel); return e ? getComputedStyle(e, '::after').content : ''; };
  const hidden = [...zone.querySelectorAll('[data-testid=stFileUploaderDropzoneInstructions] span, button p')]
                 .filter(e => e.innerText.trim()).map(e => [e.innerText, getComputedStyle(e).fontSize]);
  return {texts: [after('[data-testid=stFileUploaderDropzoneInstructions] span'), after('button p')], hidden};
}"""


def test_uploader_texts_are_finnish(app_server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{app_server.url}/tuo_aineistoa?kunta=KU286")
        wait_for_app(page)
        assert_no_errors(page)
        page.wait_for_timeout(800)  # the style element is applied after the script run ends
        probe = page.evaluate(PROBE)
        page.screenshot(path=str(ARTIFACTS / "uploader-fi.png"))
        texts = " ".join(probe["texts"])
        assert "Enintään 50 Mt tiedostoa kohden · XLSX" in texts and "Valitse tiedosto" in texts, probe
        assert all(size == "0px" for _, size in probe["hidden"]), probe  # "Upload", "60MB per file"
    finally:
        page.close()
