"""PDF one-pager "kuntaprofiili": the key verdicts per goal of one municipality, in the spirit of page 1 of the
Norwegian FHI folkehelseprofil (key sentences generated from the statistics, sources at the bottom).

fpdf2 with DejaVu Sans (Debian package fonts-dejavu-core, installed by `make run` / `make test`) for ä, ö, å, "–",
"▲" and "▼". The page is filled adaptively: if the text does not fit one A4 page, fewer developments per goal are
shown (the full lists are in the PowerPoint notes and in the app).
"""

from __future__ import annotations

from fpdf import FPDF

from tutka import domain as D
from tutka.charts import broken_at
from tutka.exports.common import counts_text, demo_label, font_paths, generated_line, source_line
from tutka.exports.pptx_deck import pptx_series
from tutka.fmt import fmt_number
from tutka.i18n import t
from tutka.present.model import Chart, Deck
from tutka.textsafe import plain

DARK, GREY, GOOD, BAD = D.rgb(D.INK), D.rgb(D.MUTED), D.rgb(D.GOOD), D.rgb(D.BAD)
DEMO_BG, DEMO_FG, DEMO_LINE = D.rgb(D.DEMO_BG), D.rgb(D.DEMO_FG), D.rgb(D.DEMO_LINE)
TONE = {"pos": GOOD, "neg": BAD, "mid": GREY}


class _Profile(FPDF):
    def __init__(self, deck: Deck):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.deck = deck
        regular, bold = font_paths()
        self.add_font("DejaVu", "", str(regular))
        self.add_font("DejaVu", "B", str(bold))
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=14)
        self.set_title(f"{t('present.profile_title', deck.lang)} – {deck.region_name}")
        self.set_author("Hyvinvointitutka")
        self.set_lang(deck.lang)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(*GREY)
        text = f"Hyvinvointitutka · {generated_line(self.deck)}"
        if self.deck.has_demo:
            text += " · " + demo_label(self.deck.lang)
        self.cell(0, 4, text, align="C")


def _line(
    pdf: FPDF, text: str, size: float, colour=DARK, bold: bool = False, h: float | None = None, indent: float = 0
) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    text = plain(text, keep_newlines=True)  # names from uploads/plans: no control characters
    pdf.multi_cell(pdf.epw - indent, h or size * 0.48, text, new_x="LMARGIN", new_y="NEXT", align="L")


def mini_chart(pdf: FPDF, chart: Chart, x: float, y: float, w: float, h: float, lang: str) -> None:
    """A small line chart: title, one line per region in its role colour (tutka.domain), lowest and highest value
    and the first and last year as labels. Drawn with fpdf lines, so it needs no browser."""
    pdf.set_font("DejaVu", "B", 6.5)
    pdf.set_text_color(*DARK)
    pdf.set_xy(x, y)
    pdf.cell(w, 3, chart.title[:90], new_x="LMARGIN", new_y="NEXT")
    top, plot_h = y + 3.4, h - 6.4
    values = [v for s in chart.series for v in s.values if v is not None]
    if not values or len(chart.categories) < 2:
        return
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    label_w = 12.0
    px, pw = x + label_w, w - label_w
    years = [int(c) for c in chart.categories]
    xs, _, _ = broken_at(years, [0] * len(years), chart.series_breaks)  # the x of every value of pptx_series
    first, last = years[0], years[-1]

    def at(year: float, v: float) -> tuple[float, float]:
        return px + pw * (year - first) / ((last - first) or 1), top + plot_h - plot_h * (v - lo) / span

    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.1)
    pdf.line(px, top + plot_h, px + pw, top + plot_h)
    for year in chart.series_breaks:  # a dotted line where the method changed; the lines are cut there
        if first < year <= last:
            with pdf.local_context():
                pdf.set_dash_pattern(dash=0.5, gap=0.5)
                bx = at(year - 0.5, lo)[0]
                pdf.line(bx, top, bx, top + plot_h)
    rows = pptx_series(chart, lang)
    for row in rows:
        pdf.set_draw_color(*D.rgb(row.colour))
        pdf.set_line_width(0.25 if row.demo else 0.5 if row.region_type == "kunta" else 0.3)
        with pdf.local_context():
            if row.demo:  # demo values next to real ones: dotted, hollow circles (legend below)
                pdf.set_dash_pattern(dash=0.4, gap=0.5)
            prev = None
            for year, v in zip(xs, row.values, strict=True):
                if v is None:
                    prev = None  # a gap (missing year or series break) is not bridged
                    continue
                pt = at(year, v)
                if prev is not None:
                    pdf.line(prev[0], prev[1], pt[0], pt[1])
                prev = pt
        if row.demo:
            pdf.set_fill_color(*D.rgb(D.PAPER))
            for year, v in zip(xs, row.values, strict=True):
                if v is not None:
                    cx, cy = at(year, v)
                    pdf.circle(x=cx - 0.7, y=cy - 0.7, radius=0.7, style="FD")  # x, y: the bounding box corner
    pdf.set_font("DejaVu", "", 5.5)
    pdf.set_text_color(*GREY)
    unit = f" {chart.unit}" if chart.unit else ""
    pdf.set_xy(x, top - 1)
    pdf.cell(label_w - 1, 2.5, fmt_number(hi, chart.decimals, lang=lang) + unit, align="R")
    pdf.set_xy(x, top + plot_h - 1.5)
    pdf.cell(label_w - 1, 2.5, fmt_number(lo, chart.decimals, lang=lang) + unit, align="R")
    pdf.set_xy(px - 3, top + plot_h + 0.3)
    pdf.cell(8, 2.5, str(chart.categories[0]))
    pdf.set_xy(px + pw - 6, top + plot_h + 0.3)
    pdf.cell(8, 2.5, str(chart.categories[-1]), align="R")
    names = " · ".join(r.name for r in rows if not r.demo)
    if any(r.demo for r in rows):
        names += " · ○ " + t("chart.demo_points", lang)
    pdf.set_xy(px, top + plot_h + 0.3)
    pdf.cell(pw, 2.5, names[:80], align="C")


def _render(deck: Deck, per_goal: int, size: float, charts: bool = True) -> FPDF:
    lang = deck.lang
    pdf = _Profile(deck)
    pdf.add_page()
    # header band
    pdf.set_fill_color(*DARK)
    pdf.rect(0, 0, 210, 30, style="F")
    pdf.set_xy(12, 6)
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_text_color(255, 255, 255)
    pdf.cell(0, 5, t("present.profile_title", lang).upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(0, 10, deck.region_name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    sub = " · ".join(x for x in (deck.plan_title, deck.plan_period, deck.county_name) if x)
    pdf.cell(0, 5, sub, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(34)
    if deck.has_demo:
        pdf.set_fill_color(*DEMO_BG)
        pdf.set_draw_color(*DEMO_LINE)
        pdf.set_text_color(*DEMO_FG)
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.multi_cell(
            0,
            4.4,
            f"{demo_label(lang)}. {t('present.demo_note', lang)}",
            border=1,
            fill=True,
            new_x="LMARGIN",
            new_y="NEXT",
            padding=(1.5, 1.5, 1.5, 1.5),  # type: ignore[arg-type]  # fpdf2 accepts floats
            align="L",
        )
        pdf.ln(2)
    _line(pdf, t("present.profile_intro", lang, n=len(deck.goals)), size, GREY)
    pdf.ln(1.5)
    for g in deck.goals:
        colour = TONE[D.tone(g.status)]
        y = pdf.get_y()
        pdf.set_fill_color(*colour)
        pdf.rect(pdf.l_margin, y + 0.6, 1.6, 5.2, style="F")
        _line(pdf, g.title, size + 2.5, DARK, bold=True, indent=3.5)
        status = t("present.status", lang, status=g.status_label)
        if g.status != "no_indicators":
            status += " · " + counts_text(g, lang)
        _line(pdf, status, size, colour, bold=True, indent=3.5)
        for pt in g.positives[:per_goal]:
            _line(pdf, "▲ " + pt.text, size, DARK, indent=3.5)
        for pt in g.negatives[:per_goal]:
            _line(pdf, "▼ " + pt.text, size, DARK, indent=3.5)
        if not g.positives and not g.negatives and g.status != "no_indicators":
            _line(pdf, t("present.no_developments", lang), size, GREY, indent=3.5)
        shown = [c for c in g.charts if c.kind == "line"][:2] if charts else []
        if shown:
            y0, w = pdf.get_y() + 0.8, (pdf.epw - 3.5 - 6) / 2
            for i, chart in enumerate(shown):
                mini_chart(pdf, chart, pdf.l_margin + 3.5 + i * (w + 6), y0, w, 17, lang)
            pdf.set_xy(pdf.l_margin, y0 + 17.5)
        pdf.ln(1.8)
    if deck.gaps:
        _line(pdf, t("present.equity_title", lang), size + 2.5, DARK, bold=True)
        for gap in deck.gaps[: max(2, per_goal + 1)]:
            _line(pdf, "• " + gap.text, size, DARK, indent=2)
        pdf.ln(1.8)
    _line(pdf, t("present.sources_title", lang), size, DARK, bold=True)
    _line(pdf, t("present.plan_source", lang, source=deck.plan_source), size - 1.5, GREY)
    _line(pdf, source_line(deck, max_len=700), size - 1.5, GREY)
    _line(pdf, t("present.method", lang), size - 1.5, GREY)
    return pdf


def profile_pdf(deck: Deck) -> bytes:
    """One A4 page when it fits: up to 3 developments per direction and goal, fewer and smaller when needed."""
    pdf = None
    for per_goal, size in ((3, 9), (2, 9), (2, 8.5), (2, 8), (1, 8.5), (1, 7.5), (1, 6.8)):
        pdf = _render(deck, per_goal, size)  # small charts stay; the text gives way first
        if pdf.page_no() == 1:
            break
    assert pdf is not None
    return bytes(pdf.output())
