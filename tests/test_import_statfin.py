"""StatFin's real export formats, built in code: PxWeb API v1 "json" answers and the web UI's CSV export."""

from __future__ import annotations

import json
import math

import duckdb
import pytest

from tutka.importers import ImportOptions, analyse

SKIP = ImportOptions(resolutions={"*": {"action": "skip"}})


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def pxweb_json(columns: list[dict], data: list[tuple[list, list]], source: str = "KEHA-keskus") -> bytes:
    obj = {
        "columns": columns,
        "comments": [],
        "data": [{"key": k, "values": v} for k, v in data],
        "metadata": [{"updated": "2026-07-21T05.00.00Z", "label": "x", "source": source}],
    }
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def statfin_csv(title: str, header: list[str], rows: list[list[str]], bom: bool = True) -> bytes:
    def q(cells):
        return ";".join(c if c[:1].isdigit() and c.replace(".", "").isdigit() else f'"{c}"' for c in cells)

    text = f'"{title}"\r\n\r\n' + q(header) + "\r\n" + "".join(q(r) + "\r\n" for r in rows)
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def by_key(a):
    assert not a.errors, [p.message("fi") for p in a.errors]
    return {
        (r.indicator_id, r.region_code, int(r.year), _month(r), r.sex): r.value for r in a.rows.itertuples(index=False)
    }


def _month(r) -> int | None:
    import pandas as pd

    m = getattr(r, "month", None)
    return None if m is None or pd.isna(m) else int(m)


MONTHLY_COLUMNS = [
    {"code": "alue_23_20260101", "text": "Alue", "type": "d"},
    {"code": "kuukausi", "text": "Kuukausi", "type": "t"},
    {"code": "TYOTTOMAT", "text": "Työttömät työnhakijat laskentapäivänä (lkm.)", "type": "c"},
    {"code": "TYOTOSUUS", "text": "Työttömien työnhakijoiden %-osuus työvoimasta (%)", "type": "c"},
]


def test_pxweb_json_monthly_every_region_suppressed_and_buckets(con):
    data = pxweb_json(
        MONTHLY_COLUMNS,
        [
            (["KU286", "2026M05"], ["4900", "11.5"]),
            (["KU286", "2026M06"], ["5000", "12.3"]),
            (["KU272", "2026M06"], ["1800", "..."]),  # suppressed: missing, never 0
            (["MK08", "2026M06"], ["9000", "12.0"]),
            (["SSS", "2026M06"], ["300000", "10.1"]),
            (["SK081", "2026M06"], ["6000", "12.1"]),  # seutukunta: not in our region model
            (["KUJOU", "2026M06"], ["20", "..."]),  # "unknown municipality" bucket
        ],
    )
    a = analyse(data, "12r5.json", con, SKIP)
    got = by_key(a)
    assert got[("tyottomyys", "KU286", 2026, 6, "total")] == 12.3
    assert got[("tyottomyys", "KU286", 2026, 5, "total")] == 11.5
    assert got[("tyottomyys", "MK08", 2026, 6, "total")] == 12.0
    assert got[("tyottomyys", "SSS", 2026, 6, "total")] == 10.1
    assert math.isnan(got[("tyottomyys", "KU272", 2026, 6, "total")])
    assert len(got) == 5
    assert {r for _, r, *_ in got} == {"KU286", "KU272", "MK08", "SSS"}
    skipped = [p for p in a.warnings if p.key == "upload.warn_area_skipped"]
    assert skipped and skipped[0].params["codes"] == "KUJOU, SK081"
    assert any(p.key == "upload.warn_indicator_skipped" for p in a.warnings)  # the count measure is not catalogued
    assert set(a.rows["source"]) == {"KEHA-keskus"}


def test_pxweb_json_key_order_differs_per_table_annual_population_with_sex_codes(con):
    columns = [
        {"code": "Vuosi", "text": "Vuosi", "type": "t"},
        {"code": "Sukupuoli", "text": "Sukupuoli", "type": "d"},
        {"code": "Alue", "text": "Alue", "type": "d"},
        {"code": "vaesto", "text": "Väestö 31.12.", "type": "c"},
    ]
    data = pxweb_json(
        columns,
        [
            (["2025", "SSS", "KU286"], ["78000"]),
            (["2025", "1", "KU286"], ["38500"]),
            (["2025", "2", "KU286"], ["39500"]),
            (["2024", "SSS", "KU272"], ["48000"]),
        ],
    )
    got = by_key(analyse(data, "11ra.json", con, SKIP))
    assert got == {
        ("vaesto", "KU286", 2025, None, "total"): 78000.0,
        ("vaesto", "KU286", 2025, None, "male"): 38500.0,
        ("vaesto", "KU286", 2025, None, "female"): 39500.0,
        ("vaesto", "KU272", 2024, None, "total"): 48000.0,
    }


def test_pxweb_json_extra_dimension_with_a_total_keeps_the_total(con):
    columns = [
        {"code": "Alue", "text": "Alue", "type": "d"},
        {"code": "Ikä", "text": "Ikä", "type": "d"},
        {"code": "Vuosi", "text": "Vuosi", "type": "t"},
        {"code": "vaesto", "text": "Väkiluku", "type": "c"},
    ]
    data = [(["KU286", "SSS", "2025"], ["78000"]), (["KU286", "0-14", "2025"], ["9000"])]
    a = analyse(pxweb_json(columns, data), "x.json", con, SKIP)
    assert by_key(a) == {("vaesto", "KU286", 2025, None, "total"): 78000.0}
    assert [p.key for p in a.warnings] == ["upload.warn_pxweb_total"]


def test_pxweb_json_extra_dimension_with_many_values_is_refused(con):
    columns = [
        {"code": "Alue", "text": "Alue", "type": "d"},
        {"code": "Ikä", "text": "Ikä", "type": "d"},
        {"code": "Vuosi", "text": "Vuosi", "type": "t"},
        {"code": "vaesto", "text": "Väestö 31.12.", "type": "c"},
    ]
    a = analyse(
        pxweb_json(columns, [(["KU286", "0-14", "2025"], ["9000"]), (["KU286", "15-64", "2025"], ["45000"])]),
        "x.json",
        con,
        SKIP,
    )
    assert [p.key for p in a.errors] == ["upload.err_pxweb_dimension"]
    assert "Ikä" in a.errors[0].message("fi")


def test_pxweb_json_the_shared_reference_example(con):
    from pathlib import Path

    path = Path(__file__).resolve().parent / "fixtures" / "formats" / "pxweb_json_v1_example.json"
    got = by_key(analyse(path.read_bytes(), path.name, con, SKIP))
    assert got[("tyottomyys", "KU286", 2025, 6, "total")] == 12.3
    assert got[("tyottomyys", "SSS", 2025, 6, "total")] == 11.1


def test_statfin_web_csv_quoted_header_with_commas_monthly(con):
    data = statfin_csv(
        "12r5 -- Työnhakijat ja avoimet työpaikat kuukauden lopussa, 2026M05-2026M06",
        ["Alue", "Kuukausi", "Työttömät työnhakijat, lkm", "Työttömien työnhakijoiden %-osuus työvoimasta (%)"],
        [
            ["KU286 Kouvola", "2026M05", "4900", "11.5"],
            ["KU286 Kouvola", "2026M06", "5000", "12.3"],
            ["KU272 Kokkola", "2026M06", "1800", "..."],
            ["SSS KOKO MAA", "2026M06", "300000", "10.1"],
            ["SK081 Kouvolan seutukunta", "2026M06", "6000", "12.1"],
        ],
    )
    a = analyse(data, "12r5.csv", con, SKIP)
    got = by_key(a)
    assert got[("tyottomyys", "KU286", 2026, 6, "total")] == 12.3
    assert got[("tyottomyys", "KU286", 2026, 5, "total")] == 11.5
    assert got[("tyottomyys", "SSS", 2026, 6, "total")] == 10.1
    assert math.isnan(got[("tyottomyys", "KU272", 2026, 6, "total")])
    assert len(got) == 4
    # the comma inside the quoted name did not split the column: the name reaches the matcher whole
    assert "Työttömät työnhakijat, lkm" in a.matches
    assert any(p.key == "upload.warn_area_skipped" for p in a.warnings)


def test_statfin_web_csv_measure_and_year_in_the_heading(con):
    data = statfin_csv(
        "11ra -- Väestö 31.12. muuttujina Alue, Tiedot ja Vuosi",
        ["Alue", "Väestö 31.12. 2024", "Väestö 31.12. 2025"],
        [["KOKO MAA", "5603851", "5635971"], ["Kouvola", "78880", "78000"], ["Karleby", "48200", ".."]],
        bom=False,
    )
    got = by_key(analyse(data, "vaesto.csv", con, SKIP))
    assert got[("vaesto", "KU286", 2024, None, "total")] == 78880
    assert got[("vaesto", "SSS", 2025, None, "total")] == 5635971
    assert got[("vaesto", "KU272", 2024, None, "total")] == 48200
    assert math.isnan(got[("vaesto", "KU272", 2025, None, "total")])
    assert len(got) == 6


def test_statfin_web_csv_without_area_is_national(con):
    data = statfin_csv(
        "135z -- Työvoimatutkimus, 2026M05-2026M06",
        ["Kuukausi", "Työttömien työnhakijoiden %-osuus työvoimasta (%)"],
        [["2026M05", "9.9"], ["2026M06", "10.4"]],
    )
    a = analyse(data, "135z.csv", con, SKIP)
    got = by_key(a)
    assert got == {("tyottomyys", "SSS", 2026, 5, "total"): 9.9, ("tyottomyys", "SSS", 2026, 6, "total"): 10.4}
    assert any(p.key == "upload.warn_national_table" for p in a.warnings)


def test_a_count_never_matches_a_percentage_indicator_by_its_name(con):
    columns = [
        {"code": "Alue", "text": "Alue", "type": "d"},
        {"code": "Vuosi", "text": "Vuosi", "type": "t"},
        {"code": "NUOR", "text": "Nuorisotyöttömyys (lkm.)", "type": "c"},
    ]
    a = analyse(pxweb_json(columns, [(["KU286", "2025"], ["40"])]), "x.json", con)
    assert [p.key for p in a.errors] == ["upload.err_indicator_unknown"]  # asked, with the % indicator suggested
    assert a.matches["Nuorisotyöttömyys (lkm.)"].suggestions == ("nuorisotyottomyys",)


@pytest.mark.parametrize("value,warned", [("80", True), ("12,5", False)])
def test_mapping_far_outside_the_stored_series_is_warned(con, value, warned):
    data = f"Indikaattori;Alue;Vuosi;Arvo\nTyöttömät työnhakijat;Kouvola;2026;{value}\n".encode()
    res = {"Työttömät työnhakijat": {"action": "map", "indicator_id": "tyottomyys"}}
    a = analyse(data, "x.csv", con, ImportOptions(resolutions=res))
    far = [p for p in a.warnings if p.key == "upload.warn_mapped_far"]
    assert bool(far) == warned
    if warned:
        assert "tyottomyys" in far[0].message("fi") and "80" in far[0].message("fi")
        assert not a.errors  # inside 0–100, so only this warning tells the user


PX = """CHARSET="ANSI";
AXIS-VERSION="2013";
LANGUAGE="fi";
MATRIX="12r5";
TITLE="Työnhakijat ja avoimet työpaikat kuukauden lopussa muuttujina Alue, Kuukausi ja Tiedot, "
"2026M05-2026M06";
CONTENTS="Työnhakijat";
STUB="Alue","Kuukausi";
HEADING="Tiedot";
CONTVARIABLE="Tiedot";
VALUES("Alue")="KOKO MAA","Kouvola","Kokkola","Tuntematon";
VALUES("Kuukausi")="2026M05","2026M06";
VALUES("Tiedot")="Työttömät työnhakijat (lkm.)","Työttömien työnhakijoiden %-osuus työvoimasta (%)";
VALUES[sv]("Område")="HELA LANDET","Kouvola","Karleby","Okänd";
TIMEVAL("Kuukausi")=TLIST(M1),"2026M05","2026M06";
CODES("Alue")="SSS","KU286","KU272","KUJOU";
CODES("Kuukausi")="2026M05","2026M06";
CODES("Tiedot")="TYOTTOMAT","TYOTOSUUS";
SOURCE="KEHA-keskus, Työnvälitystilasto";
DATA=
290000 10.5
300000 10.1
4900 11.5
5000 12.3
1700 8.0
1800 ".."
20 "..."
21 "...";
"""


def test_pcaxis_px_file_cp1252_row_major_with_codes(con):
    a = analyse(PX.encode("cp1252"), "12r5.px", con, SKIP)
    got = by_key(a)
    assert a.kind == "px"
    assert got == {
        ("tyottomyys", "SSS", 2026, 5, "total"): 10.5,
        ("tyottomyys", "SSS", 2026, 6, "total"): 10.1,
        ("tyottomyys", "KU286", 2026, 5, "total"): 11.5,
        ("tyottomyys", "KU286", 2026, 6, "total"): 12.3,
        ("tyottomyys", "KU272", 2026, 5, "total"): 8.0,
        ("tyottomyys", "KU272", 2026, 6, "total"): got[("tyottomyys", "KU272", 2026, 6, "total")],
    }
    assert math.isnan(got[("tyottomyys", "KU272", 2026, 6, "total")])  # ".." is missing, never 0
    assert set(a.rows["source"]) == {"KEHA-keskus, Työnvälitystilasto"}
    assert any(p.key == "upload.warn_area_skipped" for p in a.warnings)  # KUJOU


def test_pcaxis_with_a_wrong_cell_count_is_refused(con):
    broken = PX.replace('21 "...";', ";")
    a = analyse(broken.encode("utf-8"), "rikki.px", con, SKIP)
    assert [p.key for p in a.errors] == ["upload.err_pcaxis_size"]
