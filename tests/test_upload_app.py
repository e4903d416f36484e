"""AppTest: the upload page (drag-and-drop → problems or preview → save) and the history page (undo)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import samples as S

GOOD = S.csv_bytes(
    [
        ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo"],
        ["tyottomyys", "Kouvola", 2024, "Yhteensä", "11,5"],
        ["tyottomyys", "Karleby", 2024, "Yhteensä", "8,5"],
    ]
)
BAD = S.csv_bytes([["Indikaattori", "Alue", "Vuosi", "Arvo"], ["tyottomyys", "Kouvolaa", 2024, "abc"]])


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def app(fresh_db, use_app_database):
    use_app_database(fresh_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/tuo_aineistoa.py")
    at.run()
    assert not at.exception
    return at


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [s.value for s in at.success]
    parts += [w.value for w in at.warning] + [c.value for c in at.caption]
    # user texts (file names, cell values) are Markdown-escaped; compare what the page shows
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", "\n".join(str(p) for p in parts)).replace("\u2060", "")


def test_upload_page_renders_with_template(app):
    assert app.title[0].value == "Tuo aineistoa"
    assert any(b.label.startswith("Lataa Excel-pohja") for b in app.get("download_button"))


def test_bad_file_lists_problems_and_offers_no_save(app):
    app.get("file_uploader")[0].set_value(("huono.csv", BAD, "text/csv"))
    app.run()
    assert not app.exception
    assert "virhettä" in texts(app)
    messages = texts(app)
    assert "huono.csv, rivi 2, sarake B: Tuntematon alue ”Kouvolaa” – tarkoititko ”Kouvola”?" in messages
    assert "huono.csv, rivi 2, sarake D: ”abc” ei ole luku" in messages
    assert not [b for b in app.button if b.key == "upload_save"]


def test_good_file_preview_and_save(app, fresh_db):
    app.get("file_uploader")[0].set_value(("hyva.csv", GOOD, "text/csv"))
    app.run()
    assert not app.exception
    assert [m.label for m in app.metric][:2] == ["Uusia arvoja", "Muuttuvia arvoja"]
    assert sum(int(m.value) for m in app.metric[:2]) == 2
    preview = app.dataframe[0].value  # names, not codes
    assert {"Kouvola", "Kokkola"} <= set(preview["Alue"]), preview
    assert "tyottomyys" not in set(preview["Indikaattori"]) and "KU286" not in set(preview["Alue"])
    app.button(key="upload_save").click()
    app.run()
    assert not app.exception
    app.button(key="upload_confirm_yes").click()
    app.run()
    assert not app.exception
    assert "Tuonti" in texts(app) and "tallennettu" in texts(app)
    # the app owns the file read-write: read through its own connection
    from tutka.app.common import connection

    assert (
        connection()
        .execute(
            "select count(*) from indicator_values where year = 2024 and "
            "indicator_id = 'tyottomyys' and region_code in ('KU286', 'KU272')"
        )
        .fetchone()[0]
        == 2
    )


def test_history_page_undo(app):
    from tutka.app.common import connection
    from tutka.importers import analyse, commit

    res = commit(connection(), analyse(GOOD, "hyva.csv", connection()))
    app.switch_page("pages/tuontihistoria.py")
    app.run()
    assert not app.exception
    assert app.title[0].value == "Tuontihistoria"
    changes = app.dataframe[1].value
    assert "Kouvola" in set(changes["Alue"]) and "KU286" not in set(changes["Alue"])
    assert "tyottomyys" not in set(changes["Indikaattori"])
    assert "root" not in set(app.dataframe[0].value["Käyttäjä"])
    app.button(key="history_undo").click()
    app.run()
    assert not app.exception
    # the first click only asks, and says what will be removed
    assert any(f"Perutaanko tuonti {res.import_id}" in w.value for w in app.warning)
    status = connection().execute("select status from imports where import_id = $i", {"i": res.import_id}).fetchone()
    assert status[0] == "done"
    app.button(key="history_undo_yes").click()
    app.run()
    assert not app.exception
    assert f"Tuonti {res.import_id} peruttu" in texts(app)
    status = connection().execute("select status from imports where import_id = $i", {"i": res.import_id}).fetchone()
    assert status[0] == "undone"


def test_unknown_indicator_is_asked_not_guessed(app):
    data = S.csv_bytes([["Indikaattori", "Alue", "Vuosi", "Arvo"], ["Nuorisotalon kävijät", "Kouvola", 2024, "1 200"]])
    app.get("file_uploader")[0].set_value(("uusi.csv", data, "text/csv"))
    app.run()
    assert not app.exception
    assert "Tuntemattomat indikaattorit" in [s.value for s in app.subheader]
    app.radio(key="res_action_0").set_value("new")
    app.run()
    app.text_input(key="res_unit_0").set_value("lkm")
    app.run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    assert [m.value for m in app.metric][:1] == ["1"]  # one new value, for the new indicator
    app.radio(key="res_action_0").set_value("skip")
    app.run()
    assert "yhtään tuotavaa datariviä" in texts(app)
