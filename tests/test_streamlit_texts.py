"""Streamlit's own English texts replaced without a browser: the CSS each uploader and text field gets, and the
multiselects drawn without the untranslatable "Select all" entry (the browser test checks what a reader sees)."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tutka.app.common import streamlit_texts_css
from tutka.app.upload import uploader_css
from tutka.plans.excel_import import MAX_PLAN_BYTES


def test_uploader_css_is_scoped_and_names_the_real_limit():
    css = uploader_css(["xlsx"], "fi", key="pe_upload", max_bytes=MAX_PLAN_BYTES)
    assert '[class*="st-key-pe_upload"] [data-testid="stFileUploaderDropzoneInstructions"]' in css
    assert '"Enintään 5 Mt tiedostoa kohden · XLSX"' in css and '"Valitse tiedosto"' in css
    assert '"Högst 50 MB per fil · CSV"' in uploader_css(["csv"], "sv")  # the importer's limit by default
    hostile = uploader_css(["csv"], "fi", key='x"y</style>')
    assert hostile.count("</style>") == 1 and "st-key-xystyle" in hostile  # a key cannot break out of the style


@pytest.mark.parametrize(("lang", "enter"), [("fi", "Hyväksy painamalla Enter"), ("sv", "Tryck Enter")])
def test_enter_hint_css(lang, enter):
    css = streamlit_texts_css(lang)
    assert '[data-testid="InputInstructions"] > span:first-child { font-size: 0 !important; }' in css
    assert enter in css and "Ctrl+Enter" in css


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


@pytest.mark.parametrize(
    ("path", "menu"), [("pages/vertailu.py", "vertailu_valinnat"), ("pages/indikaattorit.py", "vertaa_valikko")]
)
def test_multiselects_have_no_select_all(app_env, path, menu):
    at = run_page(path, kunta="KU286")
    assert not at.exception, at.exception
    at.session_state[menu] = True  # the municipality pickers are in a menu drawn when opened
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect, "expected a multiselect"
    for box in at.multiselect:
        assert box.proto.select_all == 0, box.label  # 0 = never show Streamlit's English "Select all"
        assert box.placeholder == "Valitse…", box.placeholder


def test_plan_editor_uploader_texts(app_env):
    at = run_page("pages/suunnitelman_muokkaus.py", kunta="KU286")
    assert not at.exception, at.exception
    styles = [h.proto.body for h in at.get("html")]
    assert any("st-key-pe_upload" in s and "Enintään 5 Mt tiedostoa kohden · XLSX" in s for s in styles), styles
