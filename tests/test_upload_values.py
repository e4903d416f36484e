"""Nothing silently wrong (issue 11, item 3): every value is read as the user sees it, or refused with a message
pointing at the cell."""

from __future__ import annotations

import json

import pytest

from tests import hostile as H
from tutka.importers import analyse
from tutka.importers.normalise import parse_numbers_why

HEAD = "Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\n"


def csv(*lines: str, head: str = HEAD) -> bytes:
    return (head + "".join(line + "\n" for line in lines)).encode()


REFUSED = {
    "inf": (csv("tyottomyys;Kouvola;2023;Yhteensä;inf"), "upload.err_not_finite", 2, "E"),
    "1e309": (csv("tyottomyys;Kouvola;2023;Yhteensä;1e309"), "upload.err_not_finite", 2, "E"),
    "nan_text": (csv("tyottomyys;Kouvola;2023;Yhteensä;NaN"), "upload.err_not_finite", 2, "E"),
    "english": (csv('tyottomyys;Kouvola;2023;Yhteensä;"1,234.5"'), "upload.err_number_ambiguous", 2, "E"),
    "dot_thousands": (csv("vaesto;Kouvola;2023;Yhteensä;1.234"), "upload.err_number_ambiguous", 2, "E"),
    "digits": (csv("tyottomyys;Kouvola;2023;Yhteensä;" + "7" * 5000), "upload.err_number_too_long", 2, "E"),
    "year_fraction": (csv("tyottomyys;Kouvola;2023.5;Yhteensä;12"), "upload.err_year_bad", 2, "C"),
    "respondents": (
        csv("tyottomyys;Kouvola;2023;Yhteensä;12;3000000000", head=HEAD.strip() + ";Vastaajia\n"),
        "upload.err_respondents_big",
        2,
        "F",
    ),
    "merged_region": (csv("tyottomyys;Pertunmaa;2025;Yhteensä;12"), "upload.err_region_validity", 2, "B"),
    "two_values": (
        csv("tyottomyys;Kouvola;2023;Yhteensä;12;13", head=HEAD.strip() + ";Arvo\n"),
        "upload.err_duplicate_column",
        1,
        "F",
    ),
    "garbled_header": (
        csv("tyottomyys;Kouvola;2023;Yhteensä;12;Tilastokeskus", head=HEAD.strip() + ";L\ufffdhde\n"),
        "upload.err_header_garbled",
        1,
        "F",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_the_cell(ref, case):
    data, key, row, col = REFUSED[case]
    a = analyse(data, "arvot.csv", ref)
    hits = [p for p in a.errors if p.key == key]
    assert hits, [p.message("fi") for p in a.problems]
    assert (hits[0].row, hits[0].col) == (row, col)
    assert not a.ok
    assert len(hits[0].message("fi")) < 400  # a 5 000-digit cell is not echoed whole


def test_region_inside_its_validity_is_accepted(ref):
    a = analyse(csv("tyottomyys;Pertunmaa;2024;Yhteensä;12"), "p.csv", ref)
    assert a.ok, [p.message("fi") for p in a.problems]


def test_fractional_year_in_xlsx_and_jsonstat(ref):
    x = H.xlsx_from_sheet_xml(
        H.sheet_xml(
            {"A1": "Indikaattori", "B1": "Alue", "C1": "Vuosi", "D1": "Arvo"}
            | {"A2": "tyottomyys"}
            | {"B2": "Kouvola", "C2": 2023.5, "D2": 12}
        )
    )
    assert "upload.err_year_bad" in {p.key for p in analyse(x, "v.xlsx", ref).errors}
    js = {
        "id": ["Alue", "Vuosi"],
        "size": [1, 1],
        "dimension": {"Alue": {"category": {"index": ["KU286"]}}, "Vuosi": {"category": {"index": ["2023.5"]}}},
        "value": [1],
        "label": "tyottomyys",
    }
    assert "upload.err_year_bad" in {p.key for p in analyse(json.dumps(js).encode(), "v.json", ref).errors}


def test_percent_formatted_cells_read_as_shown(ref):
    cells = {"A1": "Indikaattori", "B1": "Alue", "C1": "Vuosi", "D1": "Arvo"}
    cells |= {"A2": "tyottomyys", "B2": "Kouvola", "C2": 2023, "D2": 0.125}  # built-in 0.00% → shows 12,50 %
    cells |= {"A3": "tyottomyys", "B3": "Kouvola", "C3": 2022, "D3": 0.0734}
    styles = H.PERCENT_STYLES.replace('formatCode="0.0&quot; %&quot;"', 'formatCode="0.0%"')
    x = H.xlsx_from_sheet_xml(H.sheet_xml(cells, styles={"D2": 1, "D3": 2}), styles_xml=styles)
    a = analyse(x, "p.xlsx", ref)
    assert a.ok, [p.message("fi") for p in a.problems]
    assert sorted(a.rows["value"].round(9)) == [7.34, 12.5]


def test_literal_percent_sign_in_a_format_is_not_a_percent(ref):
    """`0.0" %"` shows the number itself followed by a % sign: no ×100."""
    cells = {"A1": "Indikaattori", "B1": "Alue", "C1": "Vuosi", "D1": "Arvo"}
    cells |= {"A2": "tyottomyys", "B2": "Kouvola", "C2": 2023, "D2": 12.5}
    x = H.xlsx_from_sheet_xml(H.sheet_xml(cells, styles={"D2": 2}), styles_xml=H.PERCENT_STYLES)
    a = analyse(x, "p.xlsx", ref)
    assert a.ok and a.rows["value"].tolist() == [12.5]


def test_percent_shown_for_a_count_is_refused(ref):
    cells = {"A1": "Indikaattori", "B1": "Alue", "C1": "Vuosi", "D1": "Arvo"}
    cells |= {"A2": "vaesto", "B2": "Kouvola", "C2": 2023, "D2": 0.5}
    x = H.xlsx_from_sheet_xml(H.sheet_xml(cells, styles={"D2": 1}), styles_xml=H.PERCENT_STYLES)
    a = analyse(x, "p.xlsx", ref)
    assert [(p.key, p.row, p.col) for p in a.errors] == [("upload.err_percent_unit", 2, "D")]


def test_mojibake_header_keeps_the_source_column(ref):
    data = csv("tyottomyys;Kouvola;2023;Yhteensä;12;Tilastokeskus", head=HEAD.strip() + ";LÃ¤hde\n")
    a = analyse(data, "m.csv", ref)
    assert a.ok and a.rows["source"].tolist() == ["Tilastokeskus"]


def test_bom_then_windows_1252_is_read(ref):
    text = "Indikaattori;Alue;Vuosi;Sukupuoli;Arvo;Lähde\ntyottomyys;Kouvola;2023;Yhteensä;12;Tilastokeskus\n"
    a = analyse(b"\xef\xbb\xbf" + text.encode("cp1252"), "b.csv", ref)
    assert a.ok and a.rows["source"].tolist() == ["Tilastokeskus"]


def test_mixed_encodings_refused_with_the_line(ref):
    data = (
        HEAD.encode()
        + "tyottomyys;Kouvola;2023;Yhteensä;12\n".encode()
        + "tyottomyys;Kemi;2023;Yhteens\xe4;1\n".encode("cp1252")
    )
    a = analyse(data, "s.csv", ref)
    assert [(p.key, p.params["row"]) for p in a.errors] == [("upload.err_encoding", 3)]


def test_separator_convention_decided_per_column():
    import pandas as pd

    vals, _miss, why = parse_numbers_why(pd.Series(["1.234", "12.5", "0.125"], dtype=object))
    assert why.tolist() == ["", "", ""] and vals.tolist() == [1.234, 12.5, 0.125]
    vals, _miss, why = parse_numbers_why(pd.Series(["1.234,5", "1 234,5", "1,234", "12,5 %"], dtype=object))
    assert why.tolist() == [""] * 4 and vals.tolist() == [1234.5, 1234.5, 1.234, 12.5]
    _vals, _miss, why = parse_numbers_why(pd.Series(["1.234", "12,5"], dtype=object))
    assert why.tolist() == ["upload.err_number_ambiguous", ""]
    vals, miss, why = parse_numbers_why(pd.Series([float("nan"), float("inf"), 10**400, "..", ""], dtype=object))
    assert why.tolist() == ["", "upload.err_not_finite", "upload.err_not_finite", "", ""]
    assert miss.tolist() == [True, False, False, True, True]
