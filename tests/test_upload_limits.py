"""Bounded resources for every upload (issue 11, item 2): hostile files are refused from their declared sizes
before any parser allocates, and parsing runs in a child process whose failure is a message, not a dead server."""

from __future__ import annotations

import time

import pytest

from tests import hostile as H
from tutka.importers import analyse
from tutka.importers.isolate import Limits, analyse_isolated
from tutka.importers.limits import scan_xlsx

HOSTILE = {
    "xfd.xlsx": (H.far_cell_xlsx, "upload.err_too_many_columns"),
    "zz.xlsx": (lambda: H.far_cell_xlsx("ZZ200000"), "upload.err_too_many_cells"),
    "dimension.xlsx": (H.lying_dimension_xlsx, "upload.err_too_many_cells"),
    "refless.xlsx": (H.refless_wide_xlsx, "upload.err_too_many_columns"),
    "size.json": (H.jsonstat_huge_size, "upload.err_too_many_cells"),
    "kentta.csv": (H.csv_long_field, "upload.err_field_too_long"),
    "nimet.csv": (H.csv_many_unknown_names, "upload.err_too_many_names"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_upload_refused_quickly_in_process(ref, name):
    make, key = HOSTILE[name]
    data = make()
    t0 = time.perf_counter()
    a = analyse(data, name, ref)
    assert time.perf_counter() - t0 < 20
    assert [p.key for p in a.errors] == [key], [p.message("fi") for p in a.problems]
    assert name in a.errors[0].message("fi")


def test_hostile_files_are_small():
    assert len(H.far_cell_xlsx()) < 2000
    assert len(H.jsonstat_huge_size()) < 250


@pytest.mark.parametrize("name", ["xfd.xlsx", "size.json"])
def test_hostile_upload_refused_in_child(ref, name):
    make, key = HOSTILE[name]
    a = analyse_isolated(make(), name, ref)
    assert [p.key for p in a.errors] == [key]


def test_many_unknown_names_below_the_distinct_cap_are_summarised(ref):
    a = analyse(H.csv_many_unknown_names(1500), "nimet.csv", ref)
    assert [p.key for p in a.errors] == ["upload.err_too_many_unknown"]


def test_xlsx_scan_reports_the_extent():
    scans = scan_xlsx(H.xlsx_from_sheet_xml(H.sheet_xml({"A1": "x", "C7": 1}, dimension="A1:C7")))
    assert [(s.sheet, s.max_row, s.max_col, s.cells) for s in scans] == [("Data", 7, 3, 2)]


def test_child_result_equals_in_process_result(ref):
    data = "Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\ntyottomyys;Kouvola;2023;Yhteensä;12,5\n".encode()
    a, b = analyse(data, "ok.csv", ref), analyse_isolated(data, "ok.csv", ref)
    assert a.ok and b.ok
    assert a.rows.equals(b.rows)
    assert b.data == data


def test_child_out_of_memory_is_a_message(ref):
    """A real allocation failure in the child (limit far below what this file needs) → upload.err_memory."""
    rows = "\n".join(f"tyottomyys;Kouvola;{1995 + i % 30};Yhteensä;{i % 90},5" for i in range(300_000))
    data = ("Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\n" + rows + "\n").encode()
    a = analyse_isolated(data, "iso.csv", ref, limits=Limits(memory_mb=40, seconds=120))
    assert [p.key for p in a.errors] == ["upload.err_memory"]
    assert "iso.csv" in a.errors[0].message("fi")


def test_child_time_limit_is_a_message(ref):
    a = analyse_isolated(H.csv_long_field(10), "hidas.csv", ref, limits=Limits(seconds=0.05))
    assert [p.key for p in a.errors] == ["upload.err_timeout"]
