"""Plan editor page (pages/suunnitelman_muokkaus.py) in AppTest: create a plan for a municipality without one, add
goals/actions/metrics with an indicator link, a target and follow-up, reorder, save in one logged transaction, undo,
delete only after confirmation; and the yearly report download."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import run_page
from tutka.plans import editing, store

PAGE = "pages/suunnitelman_muokkaus.py"


@pytest.fixture()
def app_db(built_db, tmp_path, use_app_database):
    path = tmp_path / "tutka.duckdb"
    shutil.copy(built_db, path)
    return use_app_database(path)


def stored(path, region: str) -> list[dict]:
    from tutka.app.common import connection

    con = connection()  # the app's own connection (DuckDB: one read-write process per file)
    ids = [r[0] for r in con.execute("select plan_id from plans where region_code = ?", [region]).fetchall()]
    return [store.read_plan(con, i) for i in ids]


def changes(region: str) -> list[tuple]:
    from tutka.app.common import connection

    return (
        connection()
        .execute(
            "select change_id, kind, status, user_name from plan_changes where region_code = ? order by 1", [region]
        )
        .fetchall()
    )


def by_label(elements, label: str):
    found = [e for e in elements if e.label == label]
    assert found, f"no widget {label!r}: {[e.label for e in elements]}"
    return found[0]


def ok(at):
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def add(at, label: str, text: str):
    """Type into the 'new …' field `label` and press its Add button (the button right after the field)."""
    by_label(at.text_input, label).input(text)
    prefix = {"Uusi toimenpide": "pe_newa", "Uusi mittari": "pe_newm", "Uusi tavoite": "pe_newg"}[label]
    next(b for b in at.button if b.label == "Lisää" and b.key.startswith(prefix)).click()
    return ok(at.run())


def test_create_edit_save_undo_delete(app_db):
    at = ok(run_page(PAGE, kunta="KU075"))
    assert by_label(at.selectbox, "Kunta tai hyvinvointialue").value == "KU075"
    by_label(at.text_input, "Nimesi (muutoshistoriaan)").input("Koordinaattori")
    at = ok(at.run())
    assert by_label(at.selectbox, "Suunnitelma").value == "__new__"  # Hamina has no plan yet
    by_label(at.number_input, "Vuosi").set_value(2025)
    by_label(at.text_input, "Valtuustokausi (esim. 2025–2029)").input("2025–2029")
    at.button[[b.label for b in at.button].index("Luo suunnitelma")].click()
    at = ok(at.run())
    plans = stored(app_db, "KU075")
    assert [p["plan_id"] for p in plans] == ["hamina-2025"] and plans[0]["goals"] == []
    assert plans[0]["title"] == "Hamina: hyvinvointisuunnitelma" and plans[0]["period"] == "2025–2029"
    assert changes("KU075") == [(1, "create", "done", "Koordinaattori")]

    at = add(at, "Uusi tavoite", "Työllisyys")
    at = add(at, "Uusi tavoite", "Lasten ja nuorten hyvinvointi")
    # move the second goal up
    by_label(at.selectbox, "Tavoite").set_value(1)
    at = ok(at.run())
    [b for b in at.button if b.label == "↑"][0].click()
    at = ok(at.run())
    assert by_label(at.text_input, "Tavoitteen nimi").value == "Lasten ja nuorten hyvinvointi"
    at = add(at, "Uusi toimenpide", "Kiusaamisen vastainen työ")
    by_label(at.text_area, "Vastuutahot (yksi riville)").input("Perusopetus\nNuorisopalvelut")
    by_label(at.selectbox, "Tila").set_value("osittain")
    by_label(at.text_area, "Edistyminen").input("KiVa-koulu käytössä <b>kaikissa</b> kouluissa")
    at = ok(at.run())
    at = add(at, "Uusi mittari", "Kiusattujen osuus")
    by_label(at.multiselect, "Kytketyt indikaattorit").select("ktk_kiusattu")
    by_label(at.selectbox, "Mittarin tyyppi").set_value("indicator")
    by_label(at.text_input, "Tavoitearvo").input("alle 8 % vuonna 2027, 8.–9. lk")
    at = ok(at.run())
    by_label(at.text_input, "Raportoitu luku").input("Koulutetut opettajat")
    by_label(at.number_input, "Arvo").set_value(42)
    by_label(at.text_input, "Yksikkö").input("lkm")
    by_label(at.button, "Lisää luku").click()
    at = ok(at.run())
    assert any("Koulutetut opettajat: 42 lkm (2025)" in m.value.replace("\\", "") for m in at.markdown)
    assert stored(app_db, "KU075")[0]["goals"] == []  # nothing is written before Tallenna
    assert any("tallentamattomia" in w.value for w in at.warning)
    by_label(at.button, "Tallenna").click()
    at = ok(at.run())
    plan = stored(app_db, "KU075")[0]
    assert [g["title"] for g in plan["goals"]] == ["Lasten ja nuorten hyvinvointi", "Työllisyys"]
    action = plan["goals"][0]["actions"][0]
    assert action["text"] == "Kiusaamisen vastainen työ"
    assert action["responsible"] == ["Perusopetus", "Nuorisopalvelut"]
    assert action["followup"] == [
        {"year": 2025, "status": "osittain", "progress": "KiVa-koulu käytössä <b>kaikissa</b> kouluissa"}
    ]
    assert action["figures"] == [
        {
            "label": "Koulutetut opettajat",
            "value": 42.0,
            "unit": "lkm",
            "year": 2025,
            "qualifier": None,
            "change_pct": None,
            "indicator_id": None,
        }
    ]
    metric = action["metrics"][0]
    assert metric["indicators"] == ["ktk_kiusattu"] and metric["kind"] == "indicator"
    assert metric["target"] == {
        "kind": "value",
        "op": "lt",
        "value": 8.0,
        "year": 2027,
        "unit": "%",
        "group": "8.–9. lk",
    }
    assert [c[1] for c in changes("KU075")] == ["create", "edit"]

    # undo restores the empty plan exactly
    by_label(at.button, "Peru viimeisin tallennus").click()
    at = ok(at.run())
    assert stored(app_db, "KU075")[0]["goals"] == []
    assert [c[2] for c in changes("KU075")] == ["done", "undone"]

    # delete only with the confirmation ticked
    delete = by_label(at.button, "Poista suunnitelma")
    assert delete.disabled
    at.checkbox[[c.key for c in at.checkbox].index("pe_del_sure")].check()
    at = ok(at.run())
    by_label(at.button, "Poista suunnitelma").click()
    at = ok(at.run())
    assert stored(app_db, "KU075") == []
    assert [c[1] for c in changes("KU075")] == ["create", "edit", "delete"]


def test_existing_plan_opens_clean_and_report_download(app_db):
    at = ok(run_page(PAGE, kunta="KU272"))
    assert by_label(at.selectbox, "Suunnitelma").value == "kokkola-2022"
    assert by_label(at.button, "Tallenna").disabled  # loading a plan changes nothing
    assert not at.warning
    labels = [b.label for b in at.get("download_button")]
    assert "Lataa vuosiraportti (Word)" in labels and "Lataa vuosiraportti (PDF)" in labels


def test_next_year_starts_from_the_previous_plan():
    prev = {"plan_id": "x-2024", "region_code": "KU075", "title": "T", "year": 2024, "goals": []}
    editing.add_goal(prev, "G")
    a = editing.add_action(prev, prev["goals"][0], "A")
    editing.set_followup(a, 2024, "toteutunut", "valmis")
    new = editing.next_year_plan(prev, "x-2025", 2025)
    assert new["goals"][0]["goal_id"] == "x-2025-t-1" and new["goals"][0]["actions"][0]["followup"] == []
    assert prev["goals"][0]["actions"][0]["followup"][0]["status"] == "toteutunut"  # the old version is untouched
    with pytest.raises(ValueError):
        editing.set_target({"kind": "count", "text": "m", "indicators": []}, "paljon")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_excel_upload_preview_errors_then_save(app_db):
    from tests.test_plan_excel import MERGED, xlsx

    at = ok(run_page(PAGE, kunta="KU075"))
    bad = xlsx({"S": [["Tavoite", "Toimenpide", "Mittari", "Indikaattori"], ["T", "A", "M", "ei_ole"]]})
    at.get("file_uploader")[0].set_value(("huono.xlsx", bad, XLSX))
    at = at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("välilehti ”S”, rivi 2, sarake D" in e and "ei_ole" in e for e in errors), errors
    assert not [b for b in at.button if b.key == "pe_upload_save"]
    assert stored(app_db, "KU075") == []
    at.get("file_uploader")[0].set_value(("hamina.xlsx", xlsx(MERGED), XLSX))
    at.number_input(key="pe_upload_year").set_value(2024)
    at = ok(at.run())
    assert any("2 tavoitetta, 4 toimenpidettä" in s.value for s in at.success)
    assert stored(app_db, "KU075") == []  # preview only
    at.button(key="pe_upload_save").click()
    at = ok(at.run())
    plans = stored(app_db, "KU075")
    assert [p["plan_id"] for p in plans] == ["hamina-2024"] and len(plans[0]["goals"]) == 2
    assert changes("KU075")[0][1] == "import"
