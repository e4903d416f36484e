"""The fast CSV reader (pandas' C parser into one frame, tutka/importers/readers.py GridRows) gives exactly the
analysis the row-by-row csv module reader gives: same canonical rows, same problems (file, row, column, message).
Files that are not plain rectangular tables fall back to the csv module."""

from __future__ import annotations

import pandas as pd
import pytest

from tutka.importers import analyse, readers

HEAD = "Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\n"


def _body(n: int, sep: str = ";", dec: str = ",", end: str = "") -> str:
    regions = ["Kouvola", "Kotka", "Hamina", "KU091", "Lahti"]
    sexes = ["Yhteensä", "Tytöt", "Pojat"]
    lines = []
    for i in range(n):
        value = f"{(i % 97) / 3:.1f}".replace(".", dec)
        cells = ["tyottomyys", regions[i % 5], str(2000 + i // 15), sexes[(i // 5) % 3], value]
        lines.append(sep.join(cells) + end)
    return "\n".join(lines) + "\n"


CASES = {
    "plain": HEAD + _body(300),
    "crlf_quotes_blank": (HEAD + _body(40)).replace("\n", "\r\n")
    + '\r\ntyottomyys;"Kouvola";2024;"Yhteensä";"7,5"\r\n',
    "problems": HEAD
    + _body(30)
    + "tyottomyys;Atlantis;2023;Yhteensä;5\n"
    + "tyottomyys;Kouvola;2023;Yhteensä;inf\n"
    + "tyottomyys;Kouvola;20x3;Yhteensä;5\n"
    + "tyottomyys;Kouvola;2001;Yhteensä;..\n"
    + "tyottomyys;Kouvola;2002;Yhteensä;12,5 %\n"
    + "tyottomyys;Kouvola;2000;Yhteensä;99\n"  # a duplicate key with another value
    + "tyottomyys;;2003;Yhteensä;5\n",
    "comma_trailing_empty": HEAD.replace(";", ",").replace("\n", ",\n") + _body(50, ",", ".", ","),
    "wider_row_falls_back": HEAD.replace(";", ",") + "tyottomyys,Kouvola,2023,Yhteensä,7,5\n",
    "title_falls_back": "Työttömyys 2023\n\n" + HEAD + _body(20),
}


def _canon(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_reader_equals_csv_module(name, ref, monkeypatch):
    data = CASES[name].encode("utf-8")
    calls = []
    real = readers._fast_csv
    monkeypatch.setattr(readers, "_fast_csv", lambda *a: calls.append(1) or real(*a))
    fast = analyse(data, f"{name}.csv", ref)
    assert calls
    monkeypatch.setattr(readers, "_fast_csv", lambda *a: None)
    slow = analyse(data, f"{name}.csv", ref)
    assert [p.message("fi") for p in fast.problems] == [p.message("fi") for p in slow.problems]
    assert [(p.row, p.col) for p in fast.problems] == [(p.row, p.col) for p in slow.problems]
    assert list(fast.rows.columns) == list(slow.rows.columns)
    pd.testing.assert_frame_equal(_canon(fast.rows), _canon(slow.rows))
    if name == "problems":
        assert fast.errors and len(fast.problems) >= 5
    if name in ("plain", "crlf_quotes_blank", "comma_trailing_empty"):
        assert fast.ok and len(fast.rows) > 0


def test_which_files_take_the_fast_path():
    assert readers._fast_csv(CASES["plain"], ";") is not None
    assert readers._fast_csv(CASES["title_falls_back"], ";") is None
    assert readers._fast_csv(CASES["wider_row_falls_back"], ",") is None
    assert readers._fast_csv(HEAD + "a;b;c;d;\x00\n", ";") is None
    table = readers.read_csv(CASES["plain"].encode())
    assert isinstance(table.rows, readers.GridRows)
    assert table.rows[0] == HEAD.strip().split(";")
    assert len(table.rows) == 301 and len(list(table.rows)) == 301


def test_every_row_skipped_gives_no_rows_on_both_paths(ref, monkeypatch):
    """An unknown indicator the user chose to skip leaves an empty frame of Arrow text columns (fast path)."""
    from tutka.importers import ImportOptions

    data = ("Indikaattori;Alue;Vuosi;Arvo\n" + "Nuorisotalon kävijät;Kouvola;2024;1 200\n" * 1).encode()
    options = {"Nuorisotalon kävijät": {"action": "skip"}}
    fast = analyse(data, "uusi.csv", ref, ImportOptions(resolutions=dict(options)))
    monkeypatch.setattr(readers, "_fast_csv", lambda *a: None)
    slow = analyse(data, "uusi.csv", ref, ImportOptions(resolutions=dict(options)))
    assert [p.key for p in fast.problems] == [p.key for p in slow.problems]
    assert "upload.err_no_rows" in [p.key for p in fast.problems] and fast.rows.empty


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + (HEAD + _body(30)).encode("utf-8"),  # Excel's "CSV UTF-8"
        b"\xef\xbb\xbf" + (HEAD + _body(30)).encode("cp1252"),  # a BOM before Windows-1252 text
        (HEAD + _body(30)).encode("cp1252"),  # Windows-1252 (ä in Yhteensä, Tytöt)
    ],
    ids=["bom_utf8", "bom_cp1252", "cp1252"],
)
def test_encodings_read_alike_on_both_paths(data, ref, monkeypatch):
    fast = analyse(data, "e.csv", ref)
    monkeypatch.setattr(readers, "_fast_csv", lambda *a: None)
    slow = analyse(data, "e.csv", ref)
    assert fast.ok and [p.message("fi") for p in fast.problems] == [p.message("fi") for p in slow.problems]
    pd.testing.assert_frame_equal(_canon(fast.rows), _canon(slow.rows))
    assert set(fast.rows["sex"]) == {"total", "female", "male"}
