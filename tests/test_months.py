"""Monthly values are stored with their month, survive commit/undo/export, and verdicts compare June with June."""

from __future__ import annotations

import csv
import json

import duckdb

from tests.conftest import export_digest
from tutka.cli import main
from tutka.importers import ImportOptions, analyse, commit, undo
from tutka.queries import run

SKIP = ImportOptions(resolutions={"*": {"action": "skip"}})
COLUMNS = [
    {"code": "Alue", "text": "Alue", "type": "d"},
    {"code": "Kuukausi", "text": "Kuukausi", "type": "t"},
    {"code": "TYOTOSUUS", "text": "Työttömien työnhakijoiden %-osuus työvoimasta (%)", "type": "c"},
]


def monthly_file(rows: list[tuple[str, str, str]]) -> bytes:
    obj = {"columns": COLUMNS, "data": [{"key": [r, p], "values": [v]} for r, p, v in rows], "metadata": []}
    return json.dumps(obj).encode()


# June is seasonally high, December low: a June-vs-December comparison would call a flat series "worse".
SERIES = [
    ("KU286", "2025M06", "12.0"),
    ("KU286", "2025M12", "9.0"),
    ("KU286", "2026M05", "10.0"),
    ("KU286", "2026M06", "11.0"),
]


def _values(path, indicator="tyottomyys", region="KU286"):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "select year, month, value, is_demo from indicator_values where indicator_id = ? and region_code = ? "
            "and sex = 'total' order by year, month nulls first",
            [indicator, region],
        ).fetchall()
    finally:
        con.close()


def test_commit_keeps_every_month_and_undo_restores_exactly(fresh_db):
    before = export_digest(fresh_db)
    demo_before = _values(fresh_db)
    con = duckdb.connect(str(fresh_db))
    try:
        a = analyse(monthly_file(SERIES), "12r5.json", con, SKIP)
        assert not a.errors
        result = commit(con, a, fresh_db)
        assert result.counts["new"] == 4
    finally:
        con.close()
    stored = _values(fresh_db)
    assert [(y, m, v) for y, m, v, demo in stored if m is not None] == [
        (2025, 6, 12.0),
        (2025, 12, 9.0),
        (2026, 5, 10.0),
        (2026, 6, 11.0),
    ]
    assert [r for r in stored if r[1] is None] == demo_before  # the annual (demo) values are not overwritten
    con = duckdb.connect(str(fresh_db))
    try:
        undo(con, result.import_id)
    finally:
        con.close()
    assert export_digest(fresh_db) == before


def test_reimporting_one_month_changes_only_that_month(fresh_db):
    con = duckdb.connect(str(fresh_db))
    try:
        commit(con, analyse(monthly_file(SERIES), "a.json", con, SKIP), fresh_db)
        a = analyse(monthly_file([("KU286", "2026M06", "11.5")]), "b.json", con, SKIP)
        res = commit(con, a, fresh_db)
        assert (res.counts["new"], res.counts["changed"]) == (0, 1)
        undo(con, res.import_id)
    finally:
        con.close()
    assert (2026, 6, 11.0, False) in _values(fresh_db)


def test_verdict_compares_the_same_month_a_year_earlier_and_ignores_demo(fresh_db):
    con = duckdb.connect(str(fresh_db))
    try:
        commit(con, analyse(monthly_file(SERIES), "a.json", con, SKIP), fresh_db)
        v = run(con, "verdict_values", regions=["KU286"], indicators=None)
    finally:
        con.close()
    ours = v[(v["indicator_id"] == "tyottomyys") & (v["region_code"] == "KU286") & (v["sex"] == "total")]
    # June 2025 vs June 2026 — never December, and no demo year next to the real months
    assert list(zip(ours["year"], ours["month"], ours["value"], strict=True)) == [(2025, 6, 12.0), (2026, 6, 11.0)]
    assert not ours["is_demo"].any()
    county = v[(v["indicator_id"] == "tyottomyys") & (v["region_code"] == "HV10") & (v["sex"] == "total")]
    assert county["is_demo"].all() and county["month"].isna().all()  # untouched demo benchmark stays annual


def test_real_annual_value_replaces_demo_points_in_the_verdict(fresh_db):
    data = (
        '"11ra -- Väestö 31.12."\r\n\r\n"Alue";"Vuosi";"Väestö 31.12."\r\n"Kouvola";"2025";"78000"\r\n'
        '"Kouvola";"2026";"77500"\r\n'
    ).encode()
    con = duckdb.connect(str(fresh_db))
    try:
        commit(con, analyse(data, "vaesto.csv", con, SKIP), fresh_db)
        v = run(con, "verdict_values", regions=["KU286"], indicators=None)
    finally:
        con.close()
    ours = v[(v["indicator_id"] == "vaesto") & (v["region_code"] == "KU286") & (v["sex"] == "total")]
    assert list(zip(ours["year"], ours["value"], strict=True)) == [(2025, 78000.0), (2026, 77500.0)]


def test_cli_import_skip_unknown_and_export_carry_the_month(fresh_db, tmp_path, capsys):
    src = tmp_path / "12r5.json"
    src.write_bytes(monthly_file(SERIES + [("KUJOU", "2026M06", "...")]))
    assert main(["import", str(src), "--skip-unknown", "--db", str(fresh_db)]) == 0
    out = tmp_path / "all.csv"
    assert main(["export", str(out), "--db", str(fresh_db)]) == 0
    with out.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["indicator_id"] == "tyottomyys" and r["region_code"] == "KU286"]
    monthly = {(r["year"], r["month"]): r["value"] for r in rows if r["month"]}
    assert monthly == {("2025", "6"): "12.0", ("2025", "12"): "9.0", ("2026", "5"): "10.0", ("2026", "6"): "11.0"}


def test_cli_map_names_an_indicator_explicitly_and_refuses_an_unknown_id(fresh_db, tmp_path, capsys):
    src = tmp_path / "omat.csv"
    src.write_text("Indikaattori;Alue;Vuosi;Arvo\nTyöttömät, % työvoimasta;Kouvola;2026;11,0\n", encoding="utf-8")
    before = export_digest(fresh_db)
    assert main(["import", str(src), "--map", "Työttömät, % työvoimasta=ei_ole", "--db", str(fresh_db)]) == 1
    assert "ei_ole" in capsys.readouterr().err
    assert main(["import", str(src), "--db", str(fresh_db)]) == 1  # unknown name: refused, never guessed
    assert export_digest(fresh_db) == before
    assert main(["import", str(src), "--map", "Työttömät, % työvoimasta=tyottomyys", "--db", str(fresh_db)]) == 0
    assert (2026, None, 11.0, False) in _values(fresh_db)


def test_verdict_explanation_names_the_months_compared(fresh_db):
    from tutka.verdicts import verdicts_for

    con = duckdb.connect(str(fresh_db))
    try:
        commit(con, analyse(monthly_file(SERIES), "a.json", con, SKIP), fresh_db)
        v = verdicts_for(con, "KU286")
    finally:
        con.close()
    [text] = v[(v["indicator_id"] == "tyottomyys") & (v["region_code"] == "KU286") & (v["sex"] == "total")][
        "explanation"
    ]
    assert "11,0\u00a0% (2026M06)" in text and "vuodesta 2025M06" in text and "M12" not in text


def test_map_shows_the_latest_month(fresh_db):
    """Vertailu's map: a monthly series gives its latest month (2026M06: 11,0), never another month of that year."""
    con = duckdb.connect(str(fresh_db))
    try:
        a = analyse(monthly_file(SERIES), "12r5.json", con, SKIP)
        assert not a.errors
        commit(con, a, fresh_db)
        county = con.execute(
            "select parent_code from region_membership where region_code = 'KU286' and parent_type = 'hyvinvointialue'"
        ).fetchone()[0]
        frame = run(con, "map_values", indicator="tyottomyys", region=county, sex="total", grp="")
    finally:
        con.close()
    kouvola = frame[frame["region_code"] == "KU286"].iloc[0]
    assert (int(kouvola["year"]), float(kouvola["value"])) == (2026, 11.0)
