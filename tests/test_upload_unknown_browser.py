"""Real browser (Chromium), as a new user would: a file with an unknown indicator name ("Työttömät, % työvoimasta",
the name that once pre-selected another indicator). Nothing is chosen for her and Tallenna stays disabled until she
decides; then the preview shows the value for the indicator she chose."""

from __future__ import annotations

import pytest

from tests import samples as S
from tests.conftest import ARTIFACTS, assert_no_errors, start_app, wait_for_app

pytestmark = pytest.mark.browser

FILE = S.csv_bytes([["Indikaattori", "Alue", "Vuosi", "Arvo"], ["Työttömät, % työvoimasta", "Kouvola", 2026, "11,0"]])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_app(tmp_path_factory, "unknownapp")
    yield srv
    srv.stop()


def test_unknown_name_waits_for_the_user(server, browser, tmp_path):
    src = tmp_path / "tyottomat.csv"
    src.write_bytes(FILE)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(f"{server.url}/tuo_aineistoa")
        wait_for_app(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(src))
        page.get_by_text("Tuntemattomat indikaattorit").first.wait_for(timeout=30000)
        wait_for_app(page)
        save = page.get_by_role("button", name="Tallenna tietokantaan…")
        assert save.count() == 1 and save.is_disabled()
        assert page.get_by_role("radio", checked=True).count() == 0  # no action chosen for her
        assert page.get_by_text("Uusia arvoja").count() == 0  # no preview of a guessed mapping
        assert page.get_by_text("korjattu tiedostoon").count() == 0  # a decision to make, not a file error
        page.screenshot(path=str(ARTIFACTS / "upload_unknown_undecided.png"), full_page=True)

        page.get_by_text("Sama kuin luettelon indikaattori").click()
        wait_for_app(page)
        assert page.get_by_role("button", name="Tallenna tietokantaan…").is_disabled()  # still no indicator chosen
        box = page.locator("[data-testid='stSelectbox']", has=page.get_by_text("Indikaattori", exact=True))
        box.locator("input").first.click()
        page.get_by_role("option", name="Työttömät työnhakijat, % työvoimasta (tyottomyys)").click()
        wait_for_app(page)
        page.get_by_text("Muuttuvia arvoja").first.wait_for(timeout=30000)
        assert page.get_by_role("button", name="Tallenna tietokantaan…").is_enabled()
        assert_no_errors(page)
        page.screenshot(path=str(ARTIFACTS / "upload_unknown_decided.png"), full_page=True)
    finally:
        page.close()
