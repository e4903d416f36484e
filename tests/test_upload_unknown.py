"""AppTest: an unknown indicator name is never pre-selected to a catalogue indicator, and Tallenna stays disabled
until the user has decided every unknown name (the case that once overwrote ten real values with one click)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import samples as S

ROOT = Path(__file__).resolve().parents[1]
FILE = S.csv_bytes(
    [
        ["Indikaattori", "Alue", "Vuosi", "Arvo"],
        ["Työttömät, % työvoimasta", "Kouvola", 2024, "11,5"],
        ["Nuorisotalon kävijät *uusi*", "Kouvola", 2024, "1 200"],
    ]
)


@pytest.fixture()
def app(fresh_db, use_app_database):
    use_app_database(fresh_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/tuo_aineistoa.py")
    at.run()
    at.get("file_uploader")[0].set_value(("kaksi.csv", FILE, "text/csv"))
    at.run()
    assert not at.exception
    return at


def save_buttons(at) -> list:
    return [b for b in at.button if b.key in ("upload_save", "upload_save_disabled")]


def test_nothing_is_preselected_and_save_waits_for_every_decision(app):
    assert [r.value for r in app.radio if r.key.startswith("res_action_")] == [None, None]
    assert not app.metric  # no preview of a guessed mapping
    [save] = save_buttons(app)
    assert save.disabled
    assert "Tallennus on estetty" in " ".join(i.value for i in app.info)
    assert "\\*uusi\\*" in " ".join(i.value for i in app.info)  # user text escaped, never markup

    app.radio(key="res_action_0").set_value("map")
    app.run()
    assert app.selectbox(key="res_map_0").value is None  # "same as" still chooses nothing by itself
    assert save_buttons(app)[0].disabled

    app.selectbox(key="res_map_0").set_value("tyottomyys")
    app.radio(key="res_action_1").set_value("skip")
    app.run()
    assert not app.exception
    [save] = save_buttons(app)
    assert save.key == "upload_save" and not save.disabled
    assert [m.value for m in app.metric][:2] == ["0", "1"]  # one changed value, of the indicator the user chose


def test_suggestions_are_shown_as_text_only(app):
    captions = " ".join(c.value for c in app.caption)
    assert "ehdotuksia" in captions
    assert save_buttons(app)[0].disabled
