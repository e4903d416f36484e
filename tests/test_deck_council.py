"""The deck in front of a council (issue 12 items 3, 6, 8, 12 for the presentation and its exports): the map slide
(app, PowerPoint, PNG), series breaks and demo points in deck/PPTX/PDF charts, Swedish and English slides without
Finnish leftovers, and user names in Plotly text shown as written, never as markup."""

from __future__ import annotations

import html as html_lib
import io
import json
import re

import duckdb
import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches

from tests.test_exports import pdf_text
from tutka.exports.pdf_profile import profile_pdf
from tutka.exports.pptx_deck import add_chart, deck_pptx, pptx_categories, pptx_series
from tutka.present import definition as defs
from tutka.present.build import build_deck
from tutka.present.figures import chart_figure, map_figure
from tutka.present.model import Chart, ChartSeries, Deck, MapArea, MapSlide
from tutka.textsafe import plotly

EVIL = "<b>x</b><script>"


@pytest.fixture(scope="module")
def decks(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return {(code, lang): build_deck(con, code, lang) for code in ("KU286", "KU272") for lang in ("fi", "sv", "en")}
    finally:
        con.close()  # closed before the app tests open their own database


def _chart(name: str = "Kouvola", title: str = "Kiusattu", demo_years: tuple[int, ...] = (2023,)) -> Chart:
    """Survey years around a series break in 2015, the last value a demo value next to real ones."""
    years = [2011, 2013, 2017, 2019, 2023]
    return Chart(
        indicator_id="ktk_kiusattu",
        title=title,
        unit="%",
        decimals=1,
        categories=[str(y) for y in years],
        series=[
            ChartSeries(name, [9.0, 8.5, 11.0, 10.5, 12.0], "kunta", [y in demo_years for y in years]),
            ChartSeries("Koko maa", [8.0, 8.2, 9.5, 9.0, 9.2], "maa", [False] * 5),
        ],
        is_demo=True,
        series_breaks=[2015],
    )


# ------------------------------------------------------------------------------------------------------ the map
def test_map_slide_model_and_figure_are_planar(decks):
    deck = decks[("KU286", "sv")]
    m = deck.map
    assert m is not None and m.highlight == "286"
    assert {a.name for a in m.areas} >= {"Kouvola", "Kotka", "Fredrikshamn"}  # Swedish names
    fig = map_figure(m, "sv")
    assert {tr.type for tr in fig.data} == {"scatter"}  # never a geo trace (CDN topojson)
    assert fig.layout.yaxis.scaleanchor == "x"
    hover = next(tr for tr in fig.data if tr.mode == "markers").text
    kouvola = next(a for a in m.areas if a.name == "Kouvola")
    assert any(h.startswith("<b>Kouvola</b>") and f"({kouvola.year})" in h for h in hover)
    assert any("Statistikcentralen" in (a.text or "") and "CC BY 4.0" in (a.text or "") for a in fig.layout.annotations)
    assert "Kouvola" in [tr.name for tr in fig.data]  # the outline's legend entry


def test_map_indicator_from_the_deck_definition(built_db):
    links = pd.DataFrame({"goal_id": ["g1", "g1"], "indicator_id": ["a", "b"], "n_values": [1, 1]})
    default = defs.default_definition("p", links, pd.DataFrame({"goal_id": ["g1"], "position": [0]}))
    kept = defs.normalise({"plan_id": "p", "goals": [{"goal_id": "g1"}], "map_indicator": "b"}, default, links)
    assert kept["map_indicator"] == "b"
    dropped = defs.normalise({"plan_id": "p", "goals": [{"goal_id": "g1"}], "map_indicator": "zz"}, default, links)
    assert "map_indicator" not in dropped
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        chosen = {
            "plan_id": "kouvola-2023",
            "goals": [{"goal_id": "kou-elintavat", "indicators": ["ktk_humala"]}],
            "map_indicator": "ktk_nuuska",  # linked to the plan but not charted: its default school level
        }
        deck = build_deck(con, "KU286", "fi", definition=chosen)
    finally:
        con.close()
    assert deck.map is not None and deck.map.indicator_id == "ktk_nuuska"
    assert "8.–9. lk" in deck.map.title
    assert any(s.indicator_id == "ktk_nuuska" for s in deck.sources)  # cited on the sources slide


def test_map_slide_in_powerpoint(decks):
    deck = decks[("KU286", "fi")]
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    kinds = [k for k, _ in deck.slide_kinds()]
    slide = list(prs.slides)[kinds.index("map")]
    shapes = list(slide.shapes)
    freeforms = [sh for sh in shapes if sh.shape_type == 5]  # MSO_SHAPE_TYPE.FREEFORM: polygons, not a picture
    assert len(freeforms) >= len(deck.map.areas) + 1  # every municipality + the outline of Kouvola
    fills = {sh.fill.fore_color.rgb for sh in freeforms if sh.fill.type == 1}
    assert len(fills) >= 3  # value classes
    outline = [sh for sh in freeforms if sh.fill.type == 5]  # background = no fill: the highlighted municipality
    # the municipality's own colour (as in every chart and the app map) over a white casing
    assert outline and {str(sh.line.color.rgb) for sh in outline} == {"0072B2", "FFFFFF"}
    for sh in shapes:  # everything on the slide
        assert sh.left >= 0 and sh.top >= 0
        assert sh.left + sh.width <= prs.slide_width and sh.top + sh.height <= prs.slide_height
    attribution = next(sh for sh in shapes if sh.has_text_frame and "kuntarajat" in sh.text_frame.text)
    assert max(sh.top + sh.height for sh in freeforms) <= attribution.top  # the map does not run under its source
    text = "\n".join(sh.text_frame.text for sh in shapes if sh.has_text_frame)
    assert deck.map.title in text
    assert "Tilastokeskus, kuntarajat (CC BY 4.0)" in text
    assert "ESIMERKKIAINEISTO" in text
    for a in deck.map.areas:
        assert a.name in text
    assert re.search(r"Kouvola \d+,\d\u00a0/1\u00a0000 \(20\d\d\)", text)
    assert "Kouvola" in slide.notes_slide.notes_text_frame.text


def test_map_slide_in_the_app(fresh_db, use_app_database):
    from tests.test_present import _html, run_present

    use_app_database(fresh_db)
    at = run_present(kunta="KU286", dia="7")
    assert "Kartta" in _html(at) and "kuntarajat" not in _html(at)  # attribution is inside the figure
    fig = next(c for c in at.get("plotly_chart") if c.key == "tk_fig_map")
    spec = json.loads(fig.proto.spec)
    assert {tr["type"] for tr in spec["data"]} == {"scatter"}
    hover = next(tr for tr in spec["data"] if tr.get("mode") == "markers")["text"]
    assert any(h.startswith("<b>Kouvola</b>") for h in hover)
    assert any("Tilastokeskus" in a.get("text", "") for a in spec["layout"]["annotations"])


def test_map_png_works_offline(decks):
    from tutka.charts import titled
    from tutka.exports.png import figure_png, png_available

    if not png_available():
        pytest.skip("Debian chromium not installed")
    m = decks[("KU286", "fi")].map
    png = figure_png(titled(map_figure(m, "fi"), m.title, "Tilastokeskus"), width=700, height=500, scale=1, demo=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


# ------------------------------------------------------------------------------- series breaks and demo points
def test_deck_figure_breaks_the_line_and_draws_demo_points_apart():
    fig = chart_figure(_chart(), "fi")
    main = next(tr for tr in fig.data if tr.name == "Kouvola")
    assert main.connectgaps is False
    xs, ys = list(main.x), list(main.y)
    gap = xs.index(2014.5)  # broken_at: the cut half a year before the break
    assert ys[gap] is None and xs[gap - 1] == 2013 and xs[gap + 1] == 2017
    assert ys[-1] is None  # the demo year is not part of the real line
    demo = next(tr for tr in fig.data if tr.name == "Kouvola – esimerkkiaineisto")
    assert list(demo.x) == [2023] and list(demo.y) == [12.0]
    assert demo.marker.symbol.endswith("-open") and demo.line.dash == "dot"
    country = next(tr for tr in fig.data if tr.name == "Koko maa")
    assert None in list(country.y)  # every line is cut
    assert any(s.x0 == 2014.5 for s in fig.layout.shapes)  # the dotted "Sarjakatko" line
    assert any(a.text == "Sarjakatko" for a in fig.layout.annotations)
    # a line that is all demo is one series (the demo label marks the chart)
    all_demo = chart_figure(_chart(demo_years=(2011, 2013, 2017, 2019, 2023)), "fi")
    assert not any("esimerkkiaineisto" in (tr.name or "") for tr in all_demo.data)


def test_pptx_chart_is_cut_at_the_break_with_demo_points_apart():
    chart = _chart()
    assert pptx_categories(chart, "sv") == ["2011", "2013", "Seriebrott", "2017", "2019", "2023"]
    rows = pptx_series(chart, "fi")
    assert [r.name for r in rows] == ["Kouvola", "Kouvola – esimerkkiaineisto", "Koko maa"]
    assert rows[0].values == [9.0, 8.5, None, 11.0, 10.5, None]
    assert rows[1].values == [None, None, None, None, None, 12.0] and rows[1].demo
    assert rows[2].values[2] is None
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = add_chart(slide, chart, Inches(0.5), Inches(0.5), Inches(6), Inches(4), "fi")
    plot = frame.chart.plots[0]
    assert list(plot.categories)[2] == "Sarjakatko"
    demo = plot.series[1]
    assert demo.name == "Kouvola – esimerkkiaineisto" and demo.values[-1] == 12.0
    assert str(demo.marker.format.fill.fore_color.rgb) == "FFFFFF"  # hollow
    assert 'val="gap"' in frame.chart._chartSpace.xml  # blanks are gaps, not zeros


def test_pdf_mini_chart_is_cut_at_the_break_with_hollow_demo_points():
    from fpdf import FPDF

    from tutka.exports import pdf_profile

    class Recorder(FPDF):
        def __init__(self):
            super().__init__()
            self.segments: list[tuple[float, float, float, float]] = []
            self.circles: list[tuple[float, float]] = []
            regular, bold = pdf_profile.font_paths()
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            self.add_page()

        def line(self, x1, y1, x2, y2):
            self.segments.append((x1, y1, x2, y2))
            return super().line(x1, y1, x2, y2)

        def circle(self, x, y, radius, style=None):
            self.circles.append((x, y))
            return super().circle(x, y, radius, style)

    pdf = Recorder()
    x, w = 10.0, 100.0
    pdf_profile.mini_chart(pdf, _chart(), x, 10, w, 30, "fi")
    px, pw = x + 12.0, w - 12.0
    cut = px + pw * (2014.5 - 2011) / (2023 - 2011)
    data = [s for s in pdf.segments if s[1] != s[3] or s[0] != s[2]]
    crossing = [s for s in data if min(s[0], s[2]) < cut < max(s[0], s[2])]
    assert crossing == [s for s in crossing if s[1] == s[3]]  # only the horizontal axis passes the break
    assert any(s[0] == s[2] == pytest.approx(cut) for s in pdf.segments)  # the dotted break line
    assert len(pdf.circles) == 1  # the one demo value
    text = pdf_text(bytes(pdf.output()))
    assert "○ esimerkkiaineisto" in text


def test_exported_deck_chart_says_what_it_shows(decks):
    from tutka.exports.common import chart_caption

    deck = decks[("KU286", "sv")]
    chart = next(c for g in deck.goals for c in g.charts if c.unit == "%")
    caption = chart_caption(chart, deck)
    assert caption.startswith("Enhet: %") and "Källa: " in caption and "(CC BY 4.0)" in caption
    assert re.search(r"Uppdaterad \d{1,2}\.\d{1,2}\.20\d\d$", caption), caption


def test_exported_map_cites_its_sources(decks):
    from tutka.exports.common import map_caption

    caption = map_caption(decks[("KU286", "en")])
    assert caption.startswith("Source: THL") and "Updated " in caption
    assert caption.endswith("Map: Statistics Finland, municipal boundaries (CC BY 4.0)")


# --------------------------------------------------------------------------------- Swedish and English exports
FINNISH = [
    r"\blkm\b",
    r"Kunnan oma",
    r"[Ee]simerkkiaineisto",
    r"\bkeksitty",
    r"\bLähde\b",
    r"\bLähteet\b",
    r"\bYhteensä\b",
    r"\bTytöt\b",
    r"\bPojat\b",
    r"\bNaiset\b",
    r"\bMiehet\b",
    r"\bvuosi\b",
    r"\bKoottu\b",
    r"\bTilanne\b",
    r"\bhyvinvointialue\b",
    r"\bKoko maa\b",
    r"\bSarjakatko\b",
    r"\bei tietoa\b",
    r"\bKartta\b",
    r"\bkuntarajat\b",
    r"\bTilastokeskus\b",
    r"\blk\b",
    r"\bparantunut\b",
    r"\bheikentynyt\b",
    r"%-yks",
    r"\bsukupuolten\b",
]
RAW = [
    r"\bNone\b",
    r"\bnan\b",
    r"\bNaN\b",
    r"\b(KU|HV|MK)\d{2,3}\b",
    r"\bSSS\b",
    r"\b[a-z]+_[a-z0-9_]+\b",  # indicator ids such as ktk_kiusattu
    r"\b2[\s\u00a0]0\d\d\b",  # a year with a thousands separator
]
DECIMAL_POINT = r"(?<![\d.])\d+\.\d+(?![\d.])"  # 8.3 — dates such as 6.12.2026 and 31.12. are not matched


def _user_texts(deck: Deck) -> list[str]:
    """Texts from the municipality's own plan (its language, not the UI's): left out of the scan."""
    out = [deck.plan_title, deck.plan_source, *deck.cross_cutting]
    for g in deck.goals:
        out += [g.title, g.theme, *g.targets]
    return sorted((x for x in out if x), key=len, reverse=True)


def _strip_user(text: str, deck: Deck) -> str:
    for u in _user_texts(deck):
        text = text.replace(u, " ")
    return text


def pptx_texts(deck: Deck) -> str:
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    parts = [prs.core_properties.title or ""]
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_text_frame:
                parts.append(sh.text_frame.text)
            if sh.has_chart:
                plot = sh.chart.plots[0]
                parts += [str(c) for c in plot.categories] + [s.name for s in plot.series]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _leftovers(text: str, lang: str) -> list[str]:
    text = text.replace("CC BY 4.0", "CC BY")  # a licence's name, not a number
    found = [m.group(0) for p in FINNISH + RAW for m in re.finditer(p, text)]
    if lang != "en":  # English writes 8.3 (tutka.fmt), Swedish like Finnish 8,3; codes are English words
        found += [m.group(0) for m in re.finditer(DECIMAL_POINT, text)]
        found += [m.group(0) for m in re.finditer(r"\b(total|female|male|improved|worsened|insufficient)\b", text)]
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("code", ["KU286", "KU272"])
def test_pptx_and_pdf_have_no_finnish_leftovers(decks, code, lang):
    deck = decks[(code, lang)]
    text = _strip_user(pptx_texts(deck), deck)
    assert _leftovers(text, lang) == [], text[:3000]
    pdf = _strip_user(" ".join(pdf_text(profile_pdf(deck)).split()), deck)
    assert _leftovers(pdf, lang) == [], pdf[:3000]
    # the translated words are there instead
    expected = {"sv": ("Källa", "EXEMPELDATA"), "en": ("Source", "DEMO DATA")}[lang]
    assert all(w in text for w in expected)
    if code == "KU286":
        assert {"sv": "Statistikcentralen, kommungränser", "en": "Statistics Finland"}[lang] in text  # map slide
        assert re.search({"sv": r"\d\sst\b", "en": r"\d\scount\b"}[lang], text)  # 'lkm' in the reader's language


def _app_slide_texts(at, deck: Deck) -> str:
    parts = []
    for h in at.get("html"):
        body = getattr(h.proto, "body", "")
        if "<style" in body:
            continue
        parts.append(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)))
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        parts.append(str((layout.get("title") or {}).get("text", "")))
        parts += [str(a.get("text", "")) for a in layout.get("annotations", [])]
        for tr in spec["data"]:
            parts.append(str(tr.get("name", "")))
            for key in ("text", "y") if tr.get("type") == "bar" else ("text",):
                vals = tr.get(key)
                if isinstance(vals, list):
                    parts += [str(v) for v in vals if isinstance(v, str)]
    parts += [m.value for m in at.markdown]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))
    return _strip_user(text, deck)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_app_slides_have_no_finnish_leftovers(fresh_db, use_app_database, decks, lang):
    from tests.test_present import run_present

    use_app_database(fresh_db)
    deck = decks[("KU286", lang)]
    at = run_present(kunta="KU286", lang=lang, dia="1")
    total = len(deck.slide_kinds())
    seen = []
    for n in range(1, total + 1):
        if n > 1:
            at.number_input(key="dia").set_value(n).run()
            assert not at.exception, at.exception
        text = _app_slide_texts(at, deck)
        seen.append(text)
        assert _leftovers(text, lang) == [], (n, text[:2000])
    joined = "\n".join(seen)
    assert {"sv": "Karta", "en": "Map"}[lang] in joined
    assert {"sv": "EXEMPELDATA", "en": "DEMO DATA"}[lang] in joined


# ------------------------------------------------------------------------------------ user names in Plotly text
def test_plotly_escape():
    assert plotly(EVIL) == "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;"
    assert plotly("A & B\x1b[31m") == "A &amp; B[31m"
    assert plotly(None) == ""


def _no_markup(fig) -> None:
    """No user text reaches Plotly as markup: every string holding the evil name has it escaped."""
    blob = fig.to_json()  # \u-escapes: < and > are written as \u003c in plotly JSON
    blob = json.dumps(json.loads(blob), ensure_ascii=False)
    assert "<script>" not in blob and "<b>x</b>" not in blob
    assert "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;" in blob


def test_deck_charts_escape_user_names():
    chart = _chart(name=EVIL, title=EVIL)
    _no_markup(chart_figure(chart, "fi", title=True))
    bar = Chart("", EVIL, "%", 1, [EVIL, "Ahdistus"], [ChartSeries(EVIL, [1.0, 2.0], "sex")], kind="bar")
    _no_markup(chart_figure(bar, "fi", title=True))
    area = MapArea("286", EVIL, 1.0, 2025)
    _no_markup(map_figure(MapSlide("x", EVIL, "%", 1, [area], "286"), "fi", title=True))


def test_app_charts_escape_user_names():
    from tutka.charts import line_chart, titled
    from tutka.charts.verdicts import gap_chart, verdict_heatmap

    frame = pd.DataFrame(
        {
            "year": [2021, 2023, 2025],
            "value": [1.0, 2.0, 3.0],
            "region_type": "kunta",
            "ci_low": None,
            "ci_high": None,
            "is_demo": [False, False, True],
            "label": EVIL,
        }
    )
    _no_markup(titled(line_chart(frame, label_col="label", y_title="%", decimals=1), EVIL, EVIL))
    matrix = pd.DataFrame({EVIL: ["improved"]}, index=[EVIL])
    _no_markup(verdict_heatmap(matrix, matrix.map(lambda _: "x")))
    gaps = pd.DataFrame({"label": [EVIL], "gap_previous": [1.0], "gap_latest": [2.0], "gap_trend": ["widened"]})
    _no_markup(gap_chart(gaps))


def test_the_pptx_keeps_names_as_plain_text():
    """PowerPoint text is not markup: a name is written as is (control characters removed)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = add_chart(slide, _chart(name=EVIL, title=EVIL), Inches(0.5), Inches(0.5), Inches(6), Inches(4), "fi")
    assert frame.chart.plots[0].series[0].name == EVIL
