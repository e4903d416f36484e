"""Readers and normalisation: every accepted format, built in code (or the shared reference examples)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pytest

from tests import samples as S
from tutka.importers import ImportOptions, analyse
from tutka.importers.normalise import parse_numbers
from tutka.importers.regions import RegionLookup
from tutka.queries import run

REF = Path(__file__).resolve().parent / "fixtures" / "formats"


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def rows_of(a):
    assert not a.errors, [p.message("fi") for p in a.errors]
    return a.rows.set_index(["indicator_id", "region_code", "year", "sex", "grp"])


@pytest.mark.parametrize(
    "lang,delim,encoding,ext",
    [
        ("fi", ";", "utf-8-sig", "csv"),
        ("fi", ";", "utf-8", "csv"),
        ("sv", ",", "cp1252", "csv"),
        ("en", "\t", "utf-8", "csv"),
        ("fi", None, None, "xlsx"),
        ("sv", None, None, "xlsx"),
    ],
)
def test_long_format_in_three_languages(con, lang, delim, encoding, ext):
    data = (
        S.xlsx_bytes({"Data": S.long_rows(lang)}) if ext == "xlsx" else S.csv_bytes(S.long_rows(lang), delim, encoding)
    )
    rows = rows_of(analyse(data, f"long.{ext}", con))
    assert len(rows) == 5
    r = rows.loc[("ktk_kiusattu", "KU286", 2023, "total", "8.–9. lk")]
    assert (r["value"], r["respondents"], r["ci_low"], r["ci_high"]) == (7.9, 1412, 6.6, 9.4)
    assert r["source"] == "THL" and not r["is_demo"]
    missing = rows.loc[("ktk_kiusattu", "KU286", 2023, "female", "8.–9. lk")]
    assert math.isnan(missing["value"]) and missing["respondents"] == 688  # '..' is missing, never 0
    assert ("ktk_kiusattu", "KU272", 2023, "total", "lukio 1.–2. v") in rows.index  # Karleby / KU272 = Kokkola
    assert rows.loc[("ktk_kiusattu", "KU286", 2021, "total", "8.–9. lk"), "source"] == f"long.{ext}"


def test_wide_workbook_with_titles_footnotes_and_several_sheets(con):
    a = analyse(S.wide_workbook(), "wide.xlsx", con)
    rows = rows_of(a)
    assert a.sheets == ["Taulukko", "Väestö"]
    assert any(p.key == "upload.warn_sheet_skipped" and p.sheet == "Ohjeet" for p in a.warnings)
    assert rows.loc[("ktk_tupakointi", "KU286", 2021, "total", "8.–9. lk"), "value"] == 6.9  # name split: group + (%)
    assert math.isnan(rows.loc[("ktk_tupakointi", "KU286", 2023, "total", "8.–9. lk"), "value"])  # 'x'
    assert ("tyottomyys", "KU286", 2023, "total", "") not in rows.index  # empty cell: no key at all
    assert rows.loc[("vaesto", "KU272", 2022, "total", ""), "value"] == 47000
    assert len(rows) == 10  # footnote rows below the table are not data


def test_employment_review_cp1252_title_year_nbsp(con):
    a = analyse(S.employment_review_csv(), "katsaus.csv", con, ImportOptions(resolutions={"*": {"action": "skip"}}))
    rows = rows_of(a)
    assert rows.loc[("tyottomyys", "SSS", 2025, "total", ""), "value"] == 11.8
    assert rows.loc[("tyottomyys", "KU286", 2025, "total", ""), "value"] == 12.9
    assert any(p.key == "upload.warn_indicator_skipped" for p in a.warnings)


def test_reference_handmade_wide_csv_needs_mapping(con):
    data = (REF / "handmade_excel_example.csv").read_bytes()
    a = analyse(data, "handmade.csv", con)
    unknown = {p.params["name"]: p for p in a.errors if p.key == "upload.err_indicator_unknown"}
    assert "Työttömyysaste (%)" in unknown and unknown["Työttömyysaste (%)"].row == 5
    assert unknown["Työttömyysaste (%)"].col == "A"
    res = {
        "Kiusattu koulussa vähintään kerran viikossa, 8.-9. lk (%)": {"action": "map", "indicator_id": "ktk_kiusattu"},
        "*": {"action": "skip"},
    }
    rows = rows_of(analyse(data, "handmade.csv", con, ImportOptions(resolutions=res)))
    assert rows.loc[("ktk_kiusattu", "SSS", 2023, "total", "8.–9. lk"), "value"] == 7.4


def test_reference_school_survey_export(con):
    data = (REF / "kouluterveyskysely_export_example.csv").read_bytes()
    res = {
        "Kiusattu koulussa vähintään kerran viikossa": {"action": "map", "indicator_id": "ktk_kiusattu"},
        "Nuuskaa päivittäin": {"action": "map", "indicator_id": "ktk_nuuska"},
    }
    a = analyse(data, "ktk.csv", con, ImportOptions(resolutions=res))
    rows = rows_of(a)
    assert len(rows) == 9  # the 'Muu' row is skipped, with a warning
    assert any(p.key == "upload.warn_sex_skipped" for p in a.warnings)
    r = rows.loc[("ktk_ahdistus", "SSS", 2023, "total", "8.–9. lk")]
    assert (r["value"], r["respondents"], r["ci_low"]) == (16.3, 87147, 16.0)
    assert ("ktk_harrastus", "HV10", 2023, "total", "4.–5. lk") in rows.index


@pytest.mark.parametrize("name", ["sotkanet_data_response.csv", "sotkanet_data_response.json"])
def test_sotkanet_responses_through_region_table(con, name):
    from tutka.importers.sotkanet import region_table

    table = region_table(json.loads((REF / "sotkanet_regions_response.json").read_text(encoding="utf-8")))
    res = {"sotkanet:990001": {"action": "map", "indicator_id": "ktk_yksinainen"}}
    data = (REF / name).read_bytes()
    without = analyse(data, name, con, ImportOptions(resolutions=res))
    assert any(p.key == "upload.err_region_sotkanet" for p in without.errors)  # ids are never read as codes
    a = analyse(data, name, con, ImportOptions(resolutions=res, sotkanet_regions=table))
    rows = rows_of(a)
    assert rows.loc[("ktk_yksinainen", "KU286", 2023, "female", ""), "value"] == 14.0
    assert rows.loc[("ktk_yksinainen", "MK16", 2021, "total", ""), "abs_value"] == 120
    assert math.isnan(rows.loc[("ktk_yksinainen", "SSS", 2019, "total", ""), "abs_value"])


def test_sotkanet_csv_decimal_comma(con):
    data = "indicator;region;year;gender;primary value;absolute value\n990001;658;2021;total;9,4;7985\n"
    res = {"sotkanet:990001": {"action": "map", "indicator_id": "ktk_yksinainen"}}
    rows = rows_of(analyse(data.encode(), "s.csv", con, ImportOptions(resolutions=res)))
    assert rows.loc[("ktk_yksinainen", "SSS", 2021, "total", ""), "value"] == 9.4


def test_statfin_jsonstat2(con):
    a = analyse(
        (REF / "pxweb_jsonstat2_tyonv_12r5.json").read_bytes(),
        "px.json",
        con,
        ImportOptions(resolutions={"*": {"action": "skip"}}),
    )
    assert not a.errors
    rows = a.rows.set_index(["indicator_id", "region_code", "year", "month", "sex", "grp"])
    assert len(rows) == 15  # every month is kept: 5 regions x 3 months
    assert rows.loc[("tyottomyys", "KU286", 2025, 1, "total", ""), "value"] == 13.1
    assert rows.loc[("tyottomyys", "KU286", 2025, 3, "total", ""), "value"] == 12.9
    assert math.isnan(rows.loc[("tyottomyys", "KU272", 2025, 3, "total", ""), "value"])  # null + status '..'


def test_missing_markers_are_never_zero():
    import pandas as pd

    cells = pd.Series(
        ["..", ".", "-", "x", "<5", "ei tietoa", "", None, " 7,5 ", "1\u00a0234", "0", 3.0, "abc"], dtype=object
    )
    values, missing, bad = parse_numbers(cells)
    assert missing[:8].all() and values[:8].isna().all()
    assert values[8] == 7.5 and values[9] == 1234 and values[10] == 0 and values[11] == 3
    assert bad.tolist() == [False] * 12 + [True]


def test_region_lookup(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        lookup = RegionLookup(run(con, "import_regions"))
    finally:
        con.close()
    for text, code in [
        ("Kouvola", "KU286"),
        ("KOUVOLA", "KU286"),
        ("Karleby", "KU272"),
        ("KU286", "KU286"),
        ("ku 286", "KU286"),
        ("286", "KU286"),
        ("0286", "KU286"),
        ("75", "KU075"),
        ("Koko maa", "SSS"),
        ("KOKO MAA", "SSS"),
        ("MK08", "MK08"),
        ("Kymenlaakso", "MK08"),
        ("Kymenlaakson hyvinvointialue", "HV10"),
        ("HV18", "HV18"),
    ]:
        assert lookup.resolve(text) == code, text
    assert lookup.resolve("Kouvolaa") is None and lookup.suggest("Kouvolaa") == "Kouvola"
