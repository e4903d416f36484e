"""Plan import/export in Excel: real municipal layouts built in code, bad files refused with nothing written,
export → import round trip, the change log and exact undo (CLI `python -m tutka plan ...`)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from tutka.cli import main
from tutka.plans import cells, store
from tutka.plans.model import PLAN_TABLES

HAMINA = "KU075"  # a municipality without a plan in data/plans


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    from tutka.loader import init_db

    path = tmp_path_factory.mktemp("plandb") / "base.duckdb"
    init_db(path)
    return path


@pytest.fixture()
def dbfile(base_db, tmp_path) -> Path:
    path = tmp_path / "tutka.duckdb"
    shutil.copy(base_db, path)
    return path


def xlsx(sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "suunnitelma.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def dump(dbfile: Path) -> dict:
    """Every plan-table row and the change log: equal dumps = unchanged plans."""
    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        out = {t: sorted(map(repr, con.execute(f"select * from {t}").fetchall())) for t in PLAN_TABLES}
        out["plan_changes"] = con.execute("select change_id, status from plan_changes order by 1").fetchall()
        return out
    finally:
        con.close()


def read(dbfile: Path, region: str) -> dict:
    from tutka.plans.service import plan_for_region

    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        return plan_for_region(con, region)
    finally:
        con.close()


def run_cli(*args: str) -> int:
    return main(list(args))


# ------------------------------------------------------------------------------------------------- cell vocabulary


def test_split_items_bullets_lines_and_continuations():
    assert cells.split_items("• Kerhot\n• Tapahtumat") == ["Kerhot", "Tapahtumat"]
    assert cells.split_items("- Kerhot\n- Tapahtumat") == ["Kerhot", "Tapahtumat"]
    assert cells.split_items("Kerhot\nTapahtumat") == ["Kerhot", "Tapahtumat"]
    assert cells.split_items("1) Kerhot\n2) Tapahtumat") == ["Kerhot", "Tapahtumat"]
    # a long text broken by hand: the lower-case line continues the line above
    assert cells.split_items("Liikuntapaikkojen kehittäminen\nsisältäen lähiliikuntapaikat") == [
        "Liikuntapaikkojen kehittäminen sisältäen lähiliikuntapaikat"
    ]
    assert cells.split_items("• a-luokka\n• b") == ["a-luokka", "b"]
    assert cells.split_items(None) == [] and cells.split_items("  ") == []


@pytest.mark.parametrize(
    "text,kind,expect",
    [
        ("alle 8 % vuonna 2025", "indicator", {"kind": "value", "op": "lt", "value": 8.0, "unit": "%", "year": 2025}),
        ("enintään 8,5 % (2025), 8.-9. lk", "indicator", {"op": "le", "value": 8.5, "group": "8.–9. lk"}),
        ("vähintään 1 500 lkm", "count", {"kind": "count", "op": "ge", "value": 1500.0}),
        ("minst 60 % år 2030", "indicator", {"op": "ge", "value": 60.0, "year": 2030}),
        ("kyllä", "yesno", {"kind": "yesno", "value": 1.0}),
        ("12", "count", {"kind": "count", "op": None, "value": 12.0}),
    ],
)
def test_parse_target(text, kind, expect):
    target = cells.parse_target(text, kind)
    assert {k: target[k] for k in expect} == expect
    assert cells.parse_target(cells.format_target(target), kind) == target  # the export's text reads back the same


def test_parse_target_refuses_prose():
    with pytest.raises(ValueError):
        cells.parse_target("mahdollisimman moni", "text")


# ------------------------------------------------------------------------------------------------- layouts


MERGED = {
    "Hyvinvointisuunnitelma": [
        ["Haminan hyvinvointisuunnitelma 2024"],
        [],
        ["Tavoite", "Toimenpide(et)", "Vastuutaho", "Mittari(t)", "Tavoitearvo", "Ikäryhmä"],
        [
            "Lasten ja nuorten hyvinvointi",
            "Kiusaamisen vastainen työ kouluissa",
            "Perusopetus\nNuorisopalvelut",
            "• Kiusattu koulussa vähintään kerran viikossa\n• Koulutetut opettajat, lkm",
            "alle 8 % vuonna 2025\nvähintään 40",
            "Lapset ja nuoret",
        ],
        [None, "• Harrastuskerhot kouluille\n• Nuorisotilojen aukiolon laajentaminen", "Nuorisopalvelut", "Kerhot lkm"],
        ["Työllisyys", "Nuorten työpajat", "Elinvoimapalvelut", "Työpajoille osallistuneet lkm"],
        [None, None, None, "Nuorten työttömyys"],
    ]
}


def test_merged_goal_cells_and_line_break_lists(dbfile, tmp_path):
    f = write(tmp_path, xlsx(MERGED, {"Hyvinvointisuunnitelma": ["A4:A5"]}))
    assert (
        run_cli("plan", "import", str(f), "--region", HAMINA, "--year", "2024", "--db", str(dbfile), "--user", "t") == 0
    )
    plan = read(dbfile, HAMINA)
    assert plan["plan_id"] == "hamina-2024" and plan["year"] == 2024 and plan["origin"] == "user"
    assert [g["title"] for g in plan["goals"]] == ["Lasten ja nuorten hyvinvointi", "Työllisyys"]
    lapset = plan["goals"][0]["actions"]
    assert [a["text"] for a in lapset] == [
        "Kiusaamisen vastainen työ kouluissa",
        "Harrastuskerhot kouluille",
        "Nuorisotilojen aukiolon laajentaminen",
    ]
    first = lapset[0]
    assert first["responsible"] == ["Perusopetus", "Nuorisopalvelut"] and first["age_group"] == "Lapset ja nuoret"
    bully, trained = first["metrics"]
    # the metric is named exactly like a catalogue title: linked, with its target
    assert bully["indicators"] == ["ktk_kiusattu"] and bully["kind"] == "indicator"
    assert bully["target"] | {} == {"kind": "value", "op": "lt", "value": 8.0, "unit": "%", "year": 2025, "group": None}
    assert trained == {
        "text": "Koulutetut opettajat, lkm",
        "kind": "count",
        "indicators": [],
        "target": {"kind": "count", "op": "ge", "value": 40.0, "year": None, "unit": None, "group": None},
    }
    # two actions in one cell share the row's unit and metric
    assert all(a["responsible"] == ["Nuorisopalvelut"] for a in lapset[1:])
    tyo = plan["goals"][1]["actions"]
    assert len(tyo) == 1 and [m["text"] for m in tyo[0]["metrics"]] == [
        "Työpajoille osallistuneet lkm",
        "Nuorten työttömyys",
    ]


def test_one_sheet_per_goal_with_swedish_headers_and_links_column(dbfile, tmp_path):
    sheets = {
        "Mål 1": [
            ["Mål 1: Barn och ungas välbefinnande"],
            ["Åtgärder", "Ansvarig", "Mätare", "Indikatorer", "Målvärde", "Status", "Uppföljning"],
            ["Antimobbningsarbete", "Skolan", "Mobbning", "ktk_kiusattu", "högst 7 % år 2026", "delvis", "Går framåt"],
        ],
        "Mål 2": [
            ["Mål 2: Sysselsättning"],
            ["Åtgärd", "Ansvarig", "Mätare", "Indikatorer"],
            [
                "Verkstäder för unga",
                "Näringsliv",
                "Arbetslöshet\nDeltagare",
                "Arbetslösa arbetssökande, % av arbetskraften\n",
            ],
        ],
    }
    f = write(tmp_path, xlsx(sheets))
    assert run_cli("plan", "import", str(f), "--region", "KU272", "--year", "2025", "--db", str(dbfile)) == 0
    plan = read(dbfile, "KU272")  # Kokkola's newest plan is now this one (2025)
    assert plan["year"] == 2025
    assert [g["title"] for g in plan["goals"]] == ["Barn och ungas välbefinnande", "Sysselsättning"]
    a1 = plan["goals"][0]["actions"][0]
    assert a1["metrics"][0]["indicators"] == ["ktk_kiusattu"]
    assert a1["metrics"][0]["target"]["op"] == "le" and a1["metrics"][0]["target"]["year"] == 2026
    assert a1["followup"] == [{"year": 2025, "status": "osittain", "progress": "Går framåt"}]
    m = plan["goals"][1]["actions"][0]["metrics"]
    assert [x["indicators"] for x in m] == [["tyottomyys"], []]


def test_blank_goal_cells_below_and_hv_county(dbfile, tmp_path):
    sheet = {
        "Taul1": [
            ["Tavoite", "Toimenpide", "Vastuutaho", "Mittari"],
            ["Mielenterveys", "Matalan kynnyksen palvelut", "HVA", "Käyntimäärät lkm"],
            [None, "Chat-palvelu", "HVA", "Palvelu käytössä/ei"],
        ]
    }
    f = write(tmp_path, xlsx(sheet))
    assert run_cli("plan", "import", str(f), "--region", "hv10", "--db", str(dbfile)) == 0
    plan = read(dbfile, "HV10")
    assert [a["text"] for a in plan["goals"][0]["actions"]] == ["Matalan kynnyksen palvelut", "Chat-palvelu"]
    assert plan["goals"][0]["actions"][1]["metrics"][0]["kind"] == "yesno"


# ------------------------------------------------------------------------------------------------- refusals


BAD = {
    "missing_goal_column": (
        xlsx({"S": [["Toimenpide", "Vastuutaho", "Mittari"], ["Kerhot", "Nuoriso", "lkm"]]}),
        "plan.err_no_goal_column",
    ),
    "empty_file": (b"", "plan.err_empty_file"),
    "empty_workbook": (xlsx({"Taul1": []}), "plan.err_no_table"),
    "unknown_indicator_link": (
        xlsx({"S": [["Tavoite", "Toimenpide", "Mittari", "Indikaattori"], ["T", "A", "M", "ei_ole_tällaista"]]}),
        "plan.err_unknown_indicator",
    ),
    "bad_target": (
        xlsx({"S": [["Tavoite", "Toimenpide", "Mittari", "Tavoitearvo"], ["T", "A", "M", "paljon parempi"]]}),
        "plan.err_target",
    ),
    "not_xlsx": (b"Tavoite;Toimenpide\nT;A\n", "upload.err_corrupt"),
    # openpyxl writes formulas without a cached result, like many programs do
    "formula_without_value": (
        xlsx({"S": [["Tavoite", "Toimenpide", "Mittari"], ["T", '=CONCAT("A","B")', "M"]]}),
        "plan.err_formula",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_plan_files_refused_with_nothing_written(dbfile, tmp_path, capsys, case):
    from tutka.i18n import t

    data, key = BAD[case]
    before = dump(dbfile)
    f = write(tmp_path, data)
    assert run_cli("plan", "import", str(f), "--region", HAMINA, "--db", str(dbfile)) == 1
    err = capsys.readouterr().err
    assert "Tietokantaa ei muutettu" in err and "Traceback" not in err
    stem = t(key, "fi").split("{")[0][:25]
    assert stem in err, err
    assert dump(dbfile) == before


def test_unknown_link_names_sheet_row_and_column(dbfile, tmp_path, capsys):
    data = xlsx({"Tavoitteet": [["Tavoite", "Toimenpide", "Mittari", "Indikaattori"], ["T", "A", "M", "kiusattu"]]})
    assert run_cli("plan", "import", str(write(tmp_path, data)), "--region", HAMINA, "--db", str(dbfile)) == 1
    err = capsys.readouterr().err
    assert "välilehti ”Tavoitteet”, rivi 2, sarake D" in err and "”kiusattu”" in err


def _patched(data: bytes, extra: bytes) -> bytes:
    """The workbook with `extra` XML put into sheet1 before </worksheet> (openpyxl itself would expand a huge merge)."""
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</worksheet>", extra + b"</worksheet>")
            dst.writestr(item, body)
    return out.getvalue()


def test_stray_far_cell_is_harmless_and_a_huge_merge_is_refused(dbfile, tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    for row in MERGED["Hyvinvointisuunnitelma"]:
        ws.append(row)
    ws["XFD1048576"] = "x"
    out = io.BytesIO()
    wb.save(out)
    f = write(tmp_path, out.getvalue())
    assert run_cli("plan", "import", str(f), "--region", HAMINA, "--db", str(dbfile)) == 0
    assert len(read(dbfile, HAMINA)["goals"]) == 2
    before = dump(dbfile)
    huge = _patched(
        xlsx({"S": MERGED["Hyvinvointisuunnitelma"]}),
        b'<mergeCells count="1"><mergeCell ref="J20:XFD100000"/></mergeCells>',
    )
    f = write(tmp_path, huge, "huge.xlsx")
    assert run_cli("plan", "import", str(f), "--region", HAMINA, "--db", str(dbfile)) == 1
    assert "yhdistettyjä soluja" in capsys.readouterr().err
    assert dump(dbfile) == before


def test_unknown_region_and_region_type_refused(dbfile, tmp_path, capsys):
    f = write(tmp_path, xlsx(MERGED))
    assert run_cli("plan", "import", str(f), "--region", "KU999", "--db", str(dbfile)) == 1
    assert run_cli("plan", "import", str(f), "--region", "MK08", "--db", str(dbfile)) == 1
    err = capsys.readouterr().err
    assert "KU999" in err and "MK08" in err


# ------------------------------------------------------------------------------------------------- round trip, undo


def _content(plan: dict) -> list:
    return [
        (g["title"], a["text"], a["scope"], a["age_group"], a["responsible"], a["metrics"])
        for g in plan["goals"]
        for a in g["actions"]
    ]


def test_round_trip_export_import_gives_the_same_plan(dbfile, tmp_path):
    out = tmp_path / "kouvola.xlsx"
    assert run_cli("plan", "export", str(out), "--region", "KU286", "--db", str(dbfile)) == 0
    assert run_cli("plan", "import", str(out), "--region", HAMINA, "--year", "2023", "--db", str(dbfile)) == 0
    a, b = read(dbfile, "KU286"), read(dbfile, HAMINA)
    assert len(_content(a)) == 75
    assert _content(a) == _content(b)
    for key in ("title", "period", "year", "document_kind", "adopted", "source", "intro", "cross_cutting"):
        assert a[key] == b[key], key
    assert a["developments"] == b["developments"]
    # and the second generation is identical to the first
    out2 = tmp_path / "hamina.xlsx"
    assert run_cli("plan", "export", str(out2), "--region", HAMINA, "--db", str(dbfile)) == 0
    assert run_cli("plan", "import", str(out2), "--region", HAMINA, "--year", "2023", "--db", str(dbfile)) == 0
    assert _content(read(dbfile, HAMINA)) == _content(b)


def test_round_trip_keeps_targets_followup_and_odd_text(dbfile, tmp_path):
    con = duckdb.connect(str(dbfile))
    plan = store.read_plan(con, "kouvola-2023")
    metric = plan["goals"][0]["actions"][4]["metrics"][4]
    metric["target"] = {"kind": "value", "op": "ge", "value": 52.5, "year": 2025, "unit": "%", "group": "8.–9. lk"}
    action = plan["goals"][0]["actions"][0]
    action["text"] = '=SUM(A1) <b>"lainaus"</b> & ; • ei luettelo'
    action["followup"] = [{"year": 2023, "status": "siirtyy", "progress": "Rivi 1\nRivi 2 <script>"}]
    store.save_plan(con, plan, user="t")
    con.close()
    out = tmp_path / "k.xlsx"
    assert run_cli("plan", "export", str(out), "--region", "KU286", "--db", str(dbfile)) == 0
    assert run_cli("plan", "import", str(out), "--region", HAMINA, "--year", "2023", "--db", str(dbfile)) == 0
    back = read(dbfile, HAMINA)
    assert back["goals"][0]["actions"][4]["metrics"][4]["target"] == metric["target"]
    assert back["goals"][0]["actions"][0]["text"] == action["text"]
    assert back["goals"][0]["actions"][0]["followup"] == action["followup"]


def test_history_and_undo_restore_exactly(dbfile, tmp_path, capsys):
    before = dump(dbfile)
    f = write(tmp_path, xlsx(MERGED, {"Hyvinvointisuunnitelma": ["A4:A5"]}))
    assert run_cli("plan", "import", str(f), "--region", "KU286", "--year", "2023", "--db", str(dbfile)) == 0
    assert "kouvola-2023" in capsys.readouterr().out  # replaces the stored plan of the same year
    assert len(read(dbfile, "KU286")["goals"]) == 2
    assert run_cli("plan", "history", "--db", str(dbfile)) == 0
    hist = capsys.readouterr().out
    assert "tuonti" in hist and "suunnitelma.xlsx" in hist
    assert run_cli("plan", "undo", "1", "--db", str(dbfile)) == 0
    after = dump(dbfile)
    assert {k: v for k, v in after.items() if k != "plan_changes"} == {
        k: v for k, v in before.items() if k != "plan_changes"
    }
    assert after["plan_changes"] == [(1, "undone")]
    assert run_cli("plan", "undo", "1", "--db", str(dbfile)) == 1  # twice: refused
    assert run_cli("plan", "list", "--db", str(dbfile)) == 0
    assert "kouvola-2023" in capsys.readouterr().out


def test_only_the_newest_change_can_be_undone(dbfile):
    con = duckdb.connect(str(dbfile))
    try:
        plan = store.read_plan(con, "kokkola-2022")
        first = store.save_plan(con, plan | {"title": "A"}, user="t")
        second = store.save_plan(con, plan | {"title": "B"}, user="t")
        with pytest.raises(store.PlanError) as exc:
            store.undo_change(con, first)
        assert exc.value.key == "plan.err_later_change"
        store.undo_change(con, second)
        store.undo_change(con, first)
        assert store.read_plan(con, "kokkola-2022")["title"] == "Hyvinvointisuunnitelman vuosiraportti 2022"
    finally:
        con.close()


def test_reinit_keeps_user_saved_plans(dbfile):
    from tutka.loader import init_db

    con = duckdb.connect(str(dbfile))
    plan = store.read_plan(con, "kokkola-2022")
    store.save_plan(con, plan | {"title": "Muokattu"}, user="t")
    con.close()
    init_db(dbfile)
    assert read(dbfile, "KU272")["title"] == "Muokattu"
    assert read(dbfile, "KU286")["title"] == "Hyvinvointisuunnitelma - 2023"


def test_kokkola_report_is_the_2022_follow_up(dbfile):
    plan = read(dbfile, "KU272")
    actions = [a for g in plan["goals"] for a in g["actions"]]
    assert len(actions) == 20
    assert all(a["followup"] == [{"year": 2022, "status": "ei_ilmoitettu", "progress": a["progress"]}] for a in actions)


def test_imported_plan_drives_goal_cards_rollup_and_deck(dbfile, tmp_path, use_app_database):
    from pptx import Presentation

    from tests.conftest import page_text, run_page

    f = write(tmp_path, xlsx(MERGED, {"Hyvinvointisuunnitelma": ["A4:A5"]}))
    assert run_cli("plan", "import", str(f), "--region", HAMINA, "--year", "2024", "--db", str(dbfile)) == 0
    deck = tmp_path / "hamina.pptx"
    assert run_cli("deck", "--region", HAMINA, str(deck), "--db", str(dbfile)) == 0
    slides = "\n".join(
        shape.text_frame.text for s in Presentation(str(deck)).slides for shape in s.shapes if shape.has_text_frame
    )
    assert "Lasten ja nuorten hyvinvointi" in slides and "Työllisyys" in slides
    use_app_database(dbfile)
    for page in (None, "pages/tavoite.py"):
        at = run_page(page, kunta=HAMINA)
        assert not at.exception, at.exception
        text = page_text(at)
        assert "Lasten ja nuorten hyvinvointi" in text and "ei ole tallennettu" not in text


def test_migration_003_completes_plans_of_an_older_database(dbfile):
    """A database built before plan editing: child rows without plan_id, no follow-up. The migration fills them in
    so that the stored plans read back whole (else a save from the editor would drop their metrics)."""
    from tutka import ROOT

    con = duckdb.connect(str(dbfile))
    try:
        before = {p: store.snapshot(con, p) for p in ("kouvola-2023", "kokkola-2022")}
        for table in ("action_responsibles", "plan_metrics", "plan_figures", "metric_indicators"):
            con.execute(f"update {table} set plan_id = null")
        con.execute("update metric_indicators set position = null")
        con.execute("update plans set origin = null")
        con.execute("delete from action_followups")
        assert store.read_plan(con, "kouvola-2023")["goals"][0]["actions"][0]["metrics"] == []
        con.execute((ROOT / "queries" / "migrations" / "005_plan_editing.sql").read_text(encoding="utf-8"))
        for plan_id, snap in before.items():
            after = store.snapshot(con, plan_id)
            strip = lambda rows: [{k: v for k, v in r.items() if k != "position"} for r in rows]  # noqa: E731
            assert strip(after["metric_indicators"]) == strip(snap["metric_indicators"])
            assert {t: r for t, r in after.items() if t != "metric_indicators"} == {
                t: r for t, r in snap.items() if t != "metric_indicators"
            }
    finally:
        con.close()
