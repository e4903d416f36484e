"""Every kind of bad input: the message points at the right file/sheet/row/column, all problems are listed at once,
and the database is unchanged (same digest; the CLI leaves the file byte-for-byte identical)."""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from tests import samples as S
from tutka.cli import main
from tutka.importers import ImportRefused, analyse, commit, safety

HEAD = ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo"]


def ok_row(**kw):
    row = {"Indikaattori": "tyottomyys", "Alue": "Kouvola", "Vuosi": 2023, "Sukupuoli": "Yhteensä", "Arvo": 12.5}
    row.update(kw)
    return [row[h] for h in HEAD]


def sheet(*rows):
    return S.xlsx_bytes({"Tiedot": [["Testitaulukko (keksitty)"], HEAD, *rows]})


CASES = {
    "not_number": (sheet(ok_row(), ok_row(Alue="Kokkola", Arvo="12,5 %x")), "upload.err_not_number", 4, "E"),
    "year": (sheet(ok_row(Vuosi=1850)), "upload.err_year_bad", 3, "C"),
    "year_text": (sheet(ok_row(Vuosi="vuosi 20233")), "upload.err_year_bad", 3, "C"),
    "percent": (sheet(ok_row(), ok_row(Vuosi=2022, Arvo=120)), "upload.err_out_of_range", 4, "E"),
    "count": (sheet(ok_row(Indikaattori="vaesto", Arvo=-5)), "upload.err_out_of_range", 3, "E"),
    "duplicate": (sheet(ok_row(), ok_row(Arvo=13.0)), "upload.err_duplicate", "3, 4", "E"),
    "region": (sheet(ok_row(Alue="Kouvolaa")), "upload.err_region_suggest", 3, "B"),
    "sex": (sheet(ok_row(Sukupuoli="Lapset")), "upload.err_sex_unknown", 3, "D"),
    "formula": (sheet(ok_row(), ok_row(Vuosi=2022, Arvo="=E3*2")), "upload.err_formula_uncached", 4, "E"),
    "no_rows": (sheet(), "upload.err_no_rows", None, None),
    "indicator": (sheet(ok_row(Indikaattori="Keksitty mittari")), "upload.err_indicator_unknown", 3, "A"),
}


@pytest.fixture(scope="module")
def module_db(tmp_path_factory):
    """Nothing here may write, so one database serves the module (each test checks it stayed identical)."""
    from tutka.loader import init_db

    path = tmp_path_factory.mktemp("bad") / "tutka.duckdb"
    init_db(path)
    return path


@pytest.fixture()
def con(module_db):
    c = duckdb.connect(str(module_db))
    yield c
    c.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_cell_is_pointed_at_and_nothing_is_written(con, case):
    data, key, row, col = CASES[case]
    before = S.db_digest(con)
    a = analyse(data, "huono.xlsx", con)
    hits = [p for p in a.errors if p.key == key]
    assert hits, [p.message("fi") for p in a.problems]
    if row is not None:
        assert (hits[0].sheet, hits[0].row, hits[0].col) == ("Tiedot", row, col)
        assert "huono.xlsx, välilehti ”Tiedot”" in hits[0].message("fi")
    with pytest.raises(ImportRefused):
        commit(con, a)
    assert S.db_digest(con) == before


def test_merged_header_cells(con):
    data = S.xlsx_bytes({"Tiedot": [HEAD + ["Huom"], ok_row() + [""]]}, merged={"Tiedot": ["E1:F1"]})
    a = analyse(data, "m.xlsx", con)
    p = next(p for p in a.errors if p.key == "upload.err_merged_header")
    assert (p.sheet, p.row, p.col) == ("Tiedot", 1, "E")


def test_all_problems_listed_at_once(con):
    data = sheet(ok_row(Arvo="abc"), ok_row(Vuosi=2022, Alue="Kouvolaa"), ok_row(Vuosi=2021, Arvo=150))
    keys = {p.key for p in analyse(data, "x.xlsx", con).errors}
    assert {"upload.err_not_number", "upload.err_region_suggest"} <= keys


HOSTILE = {
    "bomb.xlsx": (S.zip_bomb, "upload.err_zip_ratio"),
    "xmlbomb.xlsx": (S.xml_entity_bomb, "upload.err_xml_dtd"),
    "makro.xlsm": (S.macro_workbook, "upload.err_macros"),
    "salattu.xlsx": (S.encrypted_workbook, "upload.err_encrypted"),
    "tyhja.csv": (lambda: b"", "upload.err_empty"),
    "vanha.xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "upload.err_xls"),
    "kuva.xlsx": (lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "upload.err_not_xlsx"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_refused_quickly(con, name):
    import time

    make, key = HOSTILE[name]
    data = make()
    t0 = time.perf_counter()
    a = analyse(data, name, con)
    assert time.perf_counter() - t0 < 5
    assert [p.key for p in a.errors] == [key]


def test_size_limit(con, monkeypatch):
    monkeypatch.setattr(safety, "MAX_UPLOAD_BYTES", 100)
    a = analyse(S.csv_bytes(S.long_rows("fi") * 5), "iso.csv", con)
    assert [p.key for p in a.errors] == ["upload.err_too_big"]


def test_zip_declared_total_size_limit(con, monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 1000)
    a = analyse(S.wide_workbook(), "w.xlsx", con)
    assert [p.key for p in a.errors] == ["upload.err_zip_size"]


def test_openpyxl_uses_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", ["percent", "region", "formula", "no_rows"])
def test_cli_refuses_and_leaves_file_identical(module_db, tmp_path, capsys, case):
    f = tmp_path / "huono.xlsx"
    f.write_bytes(CASES[case][0])
    before = sha(module_db)
    assert main(["import", str(f), "--db", str(module_db)]) != 0
    err = capsys.readouterr().err
    assert "huono.xlsx" in err and "VIRHE" in err
    assert sha(module_db) == before
    assert not (module_db.parent / "uploads").exists()


@pytest.mark.parametrize("name", ["bomb.xlsx", "xmlbomb.xlsx", "makro.xlsm", "salattu.xlsx"])
def test_cli_refuses_hostile_files(module_db, tmp_path, capsys, name):
    f = tmp_path / name
    f.write_bytes(HOSTILE[name][0]())
    before = sha(module_db)
    assert main(["import", str(f), "--db", str(module_db)]) == 1
    assert sha(module_db) == before
