"""No injection (issue 11, item 6): user-supplied text is rendered as text on pages, in exports and in the terminal."""

from __future__ import annotations

import csv
import io
import re

import duckdb
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutka.textsafe import cell, frame_cells, md, md_block, plain

HOSTILE = [
    "![beacon](http://127.0.0.1:9/b.png)",
    "[klikkaa](https://evil.example/x)",
    "<img src=x onerror=alert(1)>",
    "www.evil.example",
    "https://evil.example/",
    ":red[punainen] $x^2$ **lihava** `koodi`",
    "# otsikko\n\n- lista\n1. numero",
    "<https://evil.example>",
]
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# what md() must escape so that CommonMark/GFM (and Streamlit's directives, LaTeX) treat it as literal text
MUST = set("\\`*_{}[]()#+-.!|<>~$:&/=")


def unescape(text: str) -> str:
    """What the page shows (backslash escapes resolved, the invisible word joiners dropped)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escapes_every_markup_character(text):
    out = md(text)
    assert "\n" not in out
    assert unescape(out) == plain(text).replace("\n", " ").replace("\r", "")
    i = 0
    while i < len(out):  # every markup character is preceded by a backslash
        if out[i] == "\\":
            assert out[i + 1] in _PUNCT
            i += 2
            continue
        assert out[i] not in MUST, (text, out, i)
        i += 1


@given(st.text(max_size=60))
def test_md_round_trips_any_text(text):
    out = md(text)
    assert unescape(out) == plain(text)
    assert not re.search(r"(?<!\\)[\[\]()<>!`*_]", out.replace("\\\\", ""))


@pytest.mark.parametrize("url", ["http://evil.example/x", "HTTPS://evil.example", "www.evil.example", "a@evil.example"])
def test_md_breaks_gfm_autolinks(url):
    """GFM links bare URLs after escapes are resolved: the shown text must not contain them intact."""
    shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md(url))
    assert "\u2060" in shown
    assert not re.search(r"(?i)(https?://|www\.|\w@\w)", shown)


def test_md_block_keeps_lines_as_hard_breaks():
    assert md_block("rivi 1\n# rivi 2") == "rivi 1  \n\\# rivi 2"


def test_plain_removes_terminal_escapes():
    assert plain("a\x1b[31mred\x1b]8;;http://x\x07b\r\n\x00") == "a[31mred]8;;http://xb"
    assert plain("a\nb", keep_newlines=True) == "a\nb"
    assert plain("bidi\u202eevil") == "bidievil"


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1"])
def test_formula_cells_neutralised(value):
    assert cell(value) == "'" + value


def test_numbers_and_plain_text_untouched():
    assert cell(-5.5) == -5.5 and cell(3) == 3 and cell("Kouvola") == "Kouvola" and cell(None) is None


def test_csv_and_xlsx_exports_carry_no_live_formulas():
    from tutka.tables import csv_bytes, xlsx_bytes

    frame = pd.DataFrame({"Indikaattori": ['=HYPERLINK("http://evil","x")', "ok"], "Arvo": [-1.5, 2.0]})
    for lang in ("fi", "en"):
        text = csv_bytes(frame, lang).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fi" else ","))
        assert rows[1][0] == '\'=HYPERLINK("http://evil","x")'
        assert rows[1][1] in ("-1,5", "-1.5")  # numbers stay numbers
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"Data": frame}, [("Lähde", "@evil")])))
    ws = wb["Data"]
    assert ws["A2"].value == '\'=HYPERLINK("http://evil","x")' and ws["A2"].data_type == "s"
    assert ws["B2"].value == -1.5
    meta = wb.worksheets[-1]
    assert [c.value for c in meta[2]] == ["Lähde", "'@evil"]
    assert not any(c.data_type == "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_frame_cells_escapes_headers_too():
    out = frame_cells(pd.DataFrame({"=x": ["a"]}))
    assert list(out.columns) == ["'=x"]


def test_cli_history_prints_no_control_characters(tmp_path, capsys):
    from tutka.cli import main
    from tutka.importers import analyse, commit
    from tutka.loader import init_db

    path = tmp_path / "t.duckdb"
    init_db(path)
    con = duckdb.connect(str(path))
    try:
        data = "Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\ntyottomyys;Kouvola;2023;Yhteensä;12,5\n".encode()
        commit(con, analyse(data, "paha\x1b[2J\x1b]0;title\x07.csv", con), user_name="x\x1b[31my")
    finally:
        con.close()
    assert main(["history", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "paha[2J]0;title.csv" in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


def test_pptx_and_pdf_with_hostile_names(built_db):
    """A plan/goal title with terminal escapes, NUL and markup: the PPTX XML holds it as plain text, the PDF renders."""
    import dataclasses
    import zipfile

    from tutka.exports.pdf_profile import profile_pdf
    from tutka.exports.pptx_deck import deck_pptx
    from tutka.present.build import build_deck

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        deck = build_deck(con, "KU286")
    finally:
        con.close()
    evil = "Paha\x1b[31m\x00 <b>x</b> ![i](http://127.0.0.1:9/i.png)"
    goals = [dataclasses.replace(deck.goals[0], title=evil), *deck.goals[1:]]
    deck = dataclasses.replace(deck, plan_title=evil, goals=goals)
    pptx = deck_pptx(deck)
    with zipfile.ZipFile(io.BytesIO(pptx)) as zf:
        xml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml"))
    assert "Paha[31m &lt;b&gt;x&lt;/b&gt; ![i](http://127.0.0.1:9/i.png)" in xml
    assert "_x001B_" not in xml and "\x1b" not in xml
    assert profile_pdf(deck).startswith(b"%PDF")
