"""Real browser (Chromium): drag a file onto the upload page, see the preview, confirm in the dialog, get the
summary; then undo it on the history page. Uses its own app server and database (the upload writes)."""

from __future__ import annotations

import pytest

from tests import samples as S
from tests.conftest import ARTIFACTS, assert_no_errors, start_app, wait_for_app

pytestmark = pytest.mark.browser

GOOD = S.xlsx_bytes(
    {
        "Tiedot": [
            ["Omat luvut (keksitty)"],
            [],
            ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Vastaajia"],
            ["tyottomyys", "Kouvola", 2024, "Yhteensä", "11,5", None],
            ["tyottomyys", "Karleby", 2024, "Yhteensä", 8.5, None],
            [],
            ["Lähde: oma laskenta"],
        ]
    }
)
BAD = S.csv_bytes([["Indikaattori", "Alue", "Vuosi", "Arvo"], ["tyottomyys", "Kouvolaa", 2024, "120"]])


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    server = start_app(tmp_path_factory, "uploadapp")
    yield server, server.db_path
    server.stop()


def test_upload_flow_in_browser(upload_server, browser, tmp_path):
    server, db_path = upload_server
    bad, good = tmp_path / "huono.csv", tmp_path / "omat_luvut.xlsx"
    bad.write_bytes(BAD)
    good.write_bytes(GOOD)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(f"{server.url}/tuo_aineistoa")
        wait_for_app(page)
        assert_no_errors(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(bad))
        page.get_by_text("tarkoititko").first.wait_for(timeout=30000)
        wait_for_app(page)
        body = page.inner_text("body")
        assert "Kouvolaa" in body and "tarkoititko" in body
        assert page.get_by_role("button", name="Tallenna tietokantaan…").count() == 0
        page.screenshot(path=str(ARTIFACTS / "upload-refused.png"), full_page=True)

        page.goto(f"{server.url}/tuo_aineistoa")
        wait_for_app(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(good))
        page.get_by_role("button", name="Tallenna tietokantaan…").wait_for(timeout=30000)
        page.get_by_text("Uusia arvoja").first.wait_for(timeout=30000)
        wait_for_app(page)
        page.screenshot(path=str(ARTIFACTS / "upload-preview.png"), full_page=True)
        page.get_by_role("button", name="Tallenna tietokantaan…").click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=30000)
        assert "omat_luvut.xlsx" in dialog.inner_text()
        dialog.get_by_role("button", name="Tallenna", exact=True).click()
        page.get_by_text("tallennettu").first.wait_for(timeout=60000)
        wait_for_app(page)
        assert_no_errors(page)
        summary = page.inner_text("body")
        assert "Tuonti" in summary and "omat_luvut.xlsx" in summary
        page.screenshot(path=str(ARTIFACTS / "upload-done.png"), full_page=True)

        page.goto(f"{server.url}/tuontihistoria")
        wait_for_app(page)
        page.get_by_text("Tuonnin koskemat arvot: 2").first.wait_for(timeout=30000)
        page.get_by_role("button", name="Peru tämä tuonti").click()
        page.get_by_role("button", name="Kyllä, peru tuonti").click(timeout=30000)  # undo asks first
        page.get_by_text("peruttu").first.wait_for(timeout=30000)
        wait_for_app(page)
        assert_no_errors(page)
        page.screenshot(path=str(ARTIFACTS / "upload-undone.png"), full_page=True)
    finally:
        page.close()
