"""The plan editor in a real browser (Chromium), as a new coordinator uses it: pick her municipality, create a plan,
add a goal and an action, save, and see the plan on the goal page."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, start_app, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    server = start_app(tmp_path_factory, "editordb")
    yield server
    server.stop()


def _type(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")
    wait_for_app(page)


def _wait_text(page, text: str) -> None:
    """After a click the script may not have started yet when wait_for_app looks: wait for the result itself."""
    page.get_by_text(text, exact=False).first.wait_for(timeout=60000)
    wait_for_app(page)


def test_new_user_creates_and_saves_a_plan(editor_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(f"{editor_server.url}/suunnitelman_muokkaus?kunta=KU075")
        wait_for_app(page)
        assert_no_errors(page)
        body = page.inner_text("body")
        assert "Suunnitelman muokkaus" in body and "Luo suunnitelma" in body
        _type(page, "Nimesi (muutoshistoriaan)", "Koordinaattori")
        page.get_by_role("button", name="Luo suunnitelma").click()
        _wait_text(page, "luotu.")
        assert_no_errors(page)
        assert "Suunnitelma ”Hamina: hyvinvointisuunnitelma” luotu." in page.inner_text("body")
        _type(page, "Uusi tavoite", "Osallisuuden vahvistaminen")
        page.get_by_role("button", name="Lisää").first.click()
        _wait_text(page, "Uusi toimenpide")
        _type(page, "Uusi toimenpide", "Nuorisovaltuuston toiminnan tukeminen")
        page.locator("[data-testid='stButton'] button", has_text="Lisää").first.click()
        _wait_text(page, "tallentamattomia muutoksia")
        assert_no_errors(page)
        assert "tallentamattomia muutoksia" in page.inner_text("body")
        page.get_by_role("button", name="Tallenna", exact=True).click()
        _wait_text(page, "Tallennettu (muutos")
        assert_no_errors(page)
        assert "Tallennettu (muutos 2)." in page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / "plan-editor-KU075.png"), full_page=True)
        page.goto(f"{editor_server.url}/tavoite?kunta=KU075")
        wait_for_app(page)
        assert_no_errors(page)
        body = page.inner_text("body")
        assert "Osallisuuden vahvistaminen" in body and "Nuorisovaltuuston toiminnan tukeminen" in body
    finally:
        page.close()
