"""Exports of the presentation: the PowerPoint (slides, native chart values = database values, speaker notes), the
PDF municipal profile (its text layer), the PNG of a chart and the XLSX with its metadata sheet."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation

from tutka.cli import main
from tutka.exports.pdf_profile import profile_pdf
from tutka.exports.pptx_deck import deck_pptx
from tutka.present.build import build_deck

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def decks(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        yield {code: build_deck(con, code) for code in ("KU286", "KU272")}
    finally:
        con.close()


def db_value(built_db, indicator, region, year, sex, grp):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        row = con.execute(
            "select value from indicator_values where indicator_id = ? and region_code = ? and year = ? "
            "and sex = ? and grp = ?",
            [indicator, region, year, sex, grp],
        ).fetchone()
    finally:
        con.close()
    return None if row is None else row[0]


# ------------------------------------------------------------------------------------------------ PDF text layer
def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """{number: (dictionary, decoded stream)} of a PDF written by fpdf2 (direct /Length values)."""
    out = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*<<(.*?)>>\s*(stream\r?\n)?", data, re.S):
        head, stream = m.group(2), b""
        if m.group(3):
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            stream = data[m.end() : m.end() + length]
            if b"/FlateDecode" in head:
                stream = zlib.decompress(stream)
        out[int(m.group(1))] = (head, stream)
    return out


def _unescape(s: bytes) -> bytes:
    simple = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}
    return re.sub(
        rb"\\([nrtbf()\\]|[0-7]{1,3})", lambda m: simple.get(m.group(1)) or bytes([int(m.group(1), 8) & 0xFF]), s
    )


def pdf_text(data: bytes) -> str:
    """Text of every page, decoded through each font's ToUnicode map (enough for fpdf2 output)."""
    objs = _objects(data)
    cmaps = {}
    for num, (head, _) in objs.items():
        tu = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if tu:
            cmap = {}
            body = objs[int(tu.group(1))][1]
            for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", body):
                cmap[int(a, 16)] = bytes.fromhex(b.decode()).decode("utf-16-be")
            cmaps[num] = cmap
    fonts = {}
    for fd in re.finditer(rb"/Font\s*<<(.*?)>>", data, re.S):  # page resources: /F1 5 0 R …
        fonts.update({name: int(ref) for name, ref in re.findall(rb"/(\w+) (\d+) 0 R", fd.group(1))})
    lines = []
    for _head, stream in objs.values():
        if b"BT" not in stream:
            continue
        cmap: dict[int, str] = {}
        for tok in re.finditer(
            rb"/(\w+) [\d.]+ Tf|\[((?:\((?:\\.|[^\\)])*\)|[^\]])*)\]\s*TJ|\(((?:\\.|[^\\)])*)\)\s*Tj", stream, re.S
        ):
            if tok.group(1):
                cmap = cmaps.get(fonts.get(tok.group(1)), {})
                continue
            parts = re.findall(rb"\(((?:\\.|[^\\)])*)\)", tok.group(2)) if tok.group(2) else [tok.group(3)]
            raw = b"".join(_unescape(p) for p in parts)
            lines.append("".join(cmap.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw), 2)))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------- PowerPoint
def test_pptx_slides_charts_and_notes(built_db, decks):
    deck = decks["KU286"]
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    slides = list(prs.slides)
    assert len(slides) == len(deck.goals) + 4 == 9  # title, goals, map, equity, sources
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    texts = ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in slides]
    assert "Kouvola" in texts[0]
    for i, goal in enumerate(deck.goals):
        assert goal.title in texts[i + 1]
        assert goal.status_label in texts[i + 1]
    assert "Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen" in texts[1]
    assert "sukupuolten erot" in texts[-2]
    assert "Lähteet" in texts[-1] and "CC BY 4.0" in texts[-1]
    # the demo label is on every slide whose numbers include demo values
    for i, goal in enumerate(deck.goals):
        assert ("ESIMERKKIAINEISTO" in texts[i + 1]) == goal.is_demo
    # speaker notes hold the verdict explanations
    first_goal = deck.goals[0]
    notes = slides[1].notes_slide.notes_text_frame.text
    assert first_goal.notes and all(n in notes for n in first_goal.notes)
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text for s in slides)
    # native charts: every plotted number equals the database value
    n_checked = 0
    for slide, goal in zip(slides[1:-3], deck.goals, strict=True):
        charts = [sh.chart for sh in slide.shapes if sh.has_chart]
        assert len(charts) == len(goal.charts)
        for chart, model in zip(charts, goal.charts, strict=True):
            cats = list(chart.plots[0].categories)
            assert [c for c in cats if c != "Sarjakatko"] == model.categories  # a gap at a series break
            regions = {"Kouvola": "KU286", "Kymenlaakson hyvinvointialue": "HV10", "Koko maa": "SSS"}
            for series in chart.plots[0].series:
                region = regions[series.name]
                for year, value in zip(cats, series.values, strict=True):
                    if year == "Sarjakatko":
                        assert value is None
                        continue
                    expected = db_value(built_db, model.indicator_id, region, int(year), model.sex, model.grp)
                    if expected is None:
                        assert value is None
                    else:
                        assert value == pytest.approx(expected, abs=1e-9)
                        n_checked += 1
    assert n_checked > 50


def test_pptx_equity_chart_values(decks):
    deck = decks["KU286"]
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    charts = [sh.chart for sh in list(prs.slides)[-2].shapes if sh.has_chart]
    assert len(charts) == 1
    girls, boys = charts[0].plots[0].series
    rows = [g for g in deck.gaps if g.unit == "%"][:5]
    assert list(girls.values) == pytest.approx([g.female for g in rows])
    assert list(boys.values) == pytest.approx([g.male for g in rows])


# ----------------------------------------------------------------------------------------------------------- PDF
@pytest.mark.parametrize(
    "code,name,goal", [("KU286", "Kouvola", "Arjen turvallisuus"), ("KU272", "Kokkola", "Lapsiystävällisyys")]
)
def test_pdf_profile_text(decks, code, name, goal):
    deck = decks[code]
    data = profile_pdf(deck)
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>") >= 1
    text = pdf_text(data)
    assert "KUNTAPROFIILI" in text
    assert name in text and goal in text
    assert "ESIMERKKIAINEISTO" in text
    assert "Lähteet ja menetelmä" in text
    for g in deck.goals:
        assert g.title in text
        assert g.status_label in text
    # the strongest developments appear with their numbers (Finnish decimal comma)
    shown = [p for g in deck.goals for p in (g.positives[:1] + g.negatives[:1])]
    if code == "KU272":
        # Kokkola's linked indicators have one real figure (2022 report) next to demo years: a verdict uses real
        # values only when a series has any, so one real point gives no trend — demo years never make one
        assert not shown and {g.status_label for g in deck.goals} == {"liian vähän tietoa"}
        return
    assert shown
    flat = " ".join(text.split())
    for point in shown:
        assert " ".join(point.text.split())[:40] in flat
    assert re.search(r"\d,\d", text)


def test_cli_deck_and_profile(built_db, tmp_path):
    out = tmp_path / "kouvola.pptx"
    assert main(["deck", "--region", "KU286", str(out), "--db", str(built_db)]) == 0
    assert len(Presentation(str(out)).slides) == 9
    pdf = tmp_path / "kokkola_profiili.pdf"
    assert main(["profile", "--region", "KU272", str(pdf), "--db", str(built_db)]) == 0
    assert "Kokkola" in pdf_text(pdf.read_bytes())
    assert main(["deck", "--region", "KU091", str(tmp_path / "x.pptx"), "--db", str(built_db)]) == 2  # no plan


# ------------------------------------------------------------------------------------------------ PNG and XLSX
def test_png_of_a_chart(decks):
    from tutka.exports.png import figure_png, png_available
    from tutka.present.figures import chart_figure

    if not png_available():
        pytest.skip("Chromium not installed: PNG export says so in Finnish (tested below)")
    chart = decks["KU286"].goals[0].charts[0]
    data = figure_png(chart_figure(chart), width=800, height=450, scale=1, demo=True)
    assert data.startswith(b"\x89PNG")
    from PIL import Image

    assert Image.open(io.BytesIO(data)).size == (800, 450)


def test_png_without_chromium_says_what_is_missing(monkeypatch, decks):
    from tutka.exports import png

    monkeypatch.setattr(png, "browser_path", lambda: None)
    with pytest.raises(png.PngUnavailableError, match="Chromium"):
        png.figure_png(png.go.Figure())


def test_xlsx_has_metadata_sheet_and_demo_column():
    import openpyxl
    import pandas as pd

    from tutka.app.downloads import xlsx_with_meta

    table = pd.DataFrame({"Vuosi": [2023, 2025], "Kouvola": [12.5, 10.1]})
    data = xlsx_with_meta(table, [("Indikaattori", "Kiusattu"), ("Lähde", "THL"), ("Lisenssi", "CC BY 4.0")], True)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Tiedot", "Metatiedot"]
    header = [c.value for c in wb["Tiedot"][1]]
    assert header == ["Vuosi", "Kouvola", "Esimerkkiaineisto"]
    meta = {r[0].value: r[1].value for r in wb["Metatiedot"].iter_rows(min_row=2)}
    assert meta["Lisenssi"] == "CC BY 4.0"
    assert meta["Esimerkkiaineisto"].startswith("Kyllä")
    assert "Viety" in meta


def test_pdf_font_missing_is_a_clear_finnish_error(monkeypatch, decks):
    from tutka.exports import common

    monkeypatch.setattr(common, "FONT_DIRS", [Path("/nonexistent")])
    with pytest.raises(common.FontMissingError, match="fonts-dejavu-core"):
        profile_pdf(decks["KU272"])
