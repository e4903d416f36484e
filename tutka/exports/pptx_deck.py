"""PowerPoint deck (16:9) with native, editable charts and the verdict explanations as speaker notes.

python-pptx draws the charts as real PowerPoint charts (the numbers live in the embedded workbook, so the council
secretary can restyle or copy them) — no browser or image renderer is needed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from tutka import domain as D
from tutka import maps
from tutka.charts import broken_at
from tutka.citations import unique_sources
from tutka.domain import PALETTE, SLIDE_POINTS, series_styles, tone
from tutka.exports.common import counts_text, demo_label, generated_line, map_rows, source_line
from tutka.i18n import t
from tutka.present.model import Chart, Deck, GoalSlide
from tutka.textsafe import plain

W, H = Inches(13.333), Inches(7.5)
DASH = {
    "kunta": MSO_LINE_DASH_STYLE.SOLID,
    "hyvinvointialue": MSO_LINE_DASH_STYLE.DASH,
    "maakunta": MSO_LINE_DASH_STYLE.DASH_DOT,
    "maa": MSO_LINE_DASH_STYLE.ROUND_DOT,
}
MARKERS = {
    "circle": XL_MARKER_STYLE.CIRCLE,
    "square": XL_MARKER_STYLE.SQUARE,
    "diamond": XL_MARKER_STYLE.DIAMOND,
    "triangle-up": XL_MARKER_STYLE.TRIANGLE,
    "cross": XL_MARKER_STYLE.PLUS,
    "x": XL_MARKER_STYLE.X,
    "star": XL_MARKER_STYLE.STAR,
}


def _rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_.lstrip("#"))


DARK, GREY, GOOD, BAD = _rgb(D.INK), _rgb(D.MUTED), _rgb(D.GOOD), _rgb(D.BAD)
DEMO_BG, DEMO_FG, DEMO_LINE = _rgb(D.DEMO_BG), _rgb(D.DEMO_FG), _rgb(D.DEMO_LINE)
TONE_COLOUR = {"pos": GOOD, "neg": BAD, "mid": GREY}


def _text(
    slide,
    left,
    top,
    width,
    height,
    text: str = "",
    size: int = 18,
    bold: bool = False,
    colour: RGBColor = DARK,
    align=PP_ALIGN.LEFT,
    fit: bool = False,
):
    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    if fit:
        tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    p = tf.paragraphs[0]
    p.alignment = align
    run = p.add_run()
    run.text = plain(text, keep_newlines=True)  # names from uploads/plans: no control characters
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    return box


def _para(
    tf, text: str, size: int, colour: RGBColor = DARK, bold: bool = False, space_after: int = 6, first: bool = False
):
    p = tf.paragraphs[0] if first else tf.add_paragraph()
    p.space_after = Pt(space_after)
    run = p.add_run()
    run.text = plain(text, keep_newlines=True)  # names from uploads/plans: no control characters
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    return p


def _footer(slide, deck: Deck, text: str, demo: bool, number: int) -> None:
    _text(slide, Inches(0.5), Inches(6.95), Inches(10.6), Inches(0.45), text, size=10, colour=GREY, fit=True)
    _text(
        slide,
        Inches(12.2),
        Inches(6.95),
        Inches(0.7),
        Inches(0.4),
        str(number),
        size=11,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )
    if demo:
        _demo_box(slide, Inches(9.3), Inches(0.15), Inches(3.8), Inches(0.4), deck.lang)


def _demo_box(slide, left, top, width, height, lang: str):
    box = _text(
        slide, left, top, width, height, demo_label(lang), size=12, bold=True, colour=DEMO_FG, align=PP_ALIGN.CENTER
    )
    box.fill.solid()
    box.fill.fore_color.rgb = DEMO_BG
    box.line.color.rgb = DEMO_LINE
    return box


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = plain("\n".join(lines), keep_newlines=True)


def add_chart(slide, chart: Chart, left, top, width, height, lang: str):
    """A native line (or clustered bar) chart under its own title box; values exactly as in the deck model
    (None = gap). The title sits in a text box (not the chart title) so long indicator names do not squeeze the
    plot; the demo label goes into that title box, so a copied chart keeps it."""
    title = f"{chart.title} ({chart.unit})" if chart.unit and chart.kind == "line" else chart.title
    head = _text(slide, left, top, width, Inches(0.62), title, size=13, bold=True, fit=True)
    if chart.is_demo:
        _para(head.text_frame, demo_label(lang), 10, DEMO_FG, bold=True, space_after=0)
    data = CategoryChartData(number_format="0" if chart.decimals == 0 else "0." + "0" * chart.decimals)
    rows = pptx_series(chart, lang)
    data.categories = pptx_categories(chart, lang)
    for row in rows:
        data.add_series(plain(row.name), row.values)
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind == "line" else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, left, top + Inches(0.62), width, height - Inches(0.62), data)
    c = frame.chart
    c.has_title = False
    c.has_legend = True
    c.legend.position = XL_LEGEND_POSITION.BOTTOM
    c.legend.include_in_layout = False
    c.legend.font.size = Pt(11)
    c.font.size = Pt(11)
    for series, row in zip(c.plots[0].series, rows, strict=True):
        colour = _rgb(row.colour)
        if chart.kind == "line":
            series.smooth = False
            line = series.format.line
            line.color.rgb = colour
            line.width = Pt(1.5 if row.demo else 3.5 if row.region_type == "kunta" else 2.25)
            line.dash_style = (
                MSO_LINE_DASH_STYLE.ROUND_DOT if row.demo else DASH.get(row.region_type, MSO_LINE_DASH_STYLE.SOLID)
            )
            series.marker.style = MARKERS.get(row.marker, XL_MARKER_STYLE.CIRCLE)
            series.marker.size = 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(D.PAPER) if row.demo else colour  # demo: hollow
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if chart.kind == "bar":
        c.category_axis.reverse_order = True  # bars read top-down in the model's order
        c.plots[0].has_data_labels = True
        c.plots[0].data_labels.font.size = Pt(10)
        c.plots[0].data_labels.number_format = data.number_format
        c.plots[0].data_labels.number_format_is_linked = False
    return frame


@dataclass
class _Row:
    """One series of a native chart with its look."""

    name: str
    values: list[float | None]
    colour: str
    region_type: str = "kunta"
    marker: str = "circle"
    demo: bool = False


def pptx_categories(chart: Chart, lang: str) -> list[str]:
    """Category labels; a line chart gets an empty category labelled "Sarjakatko" at each series break (from
    tutka.charts.broken_at, the same cut as in the app), so PowerPoint leaves a gap instead of joining the parts."""
    if chart.kind != "line":
        return [plain(c) for c in chart.categories]
    years = [int(c) for c in chart.categories]
    x, _, _ = broken_at(years, [0] * len(years), chart.series_breaks)
    return [str(int(v)) if float(v).is_integer() else t("chart.series_break", lang) for v in x]


def pptx_series(chart: Chart, lang: str) -> list[_Row]:
    """The chart's series aligned with `pptx_categories`; in a line with real values its demo values are a series of
    their own ("Kouvola – esimerkkiaineisto": dotted, hollow markers), as in the app's charts."""
    if chart.kind != "line":
        return [_Row(s.name, list(s.values), PALETTE[i % len(PALETTE)]) for i, s in enumerate(chart.series)]
    years = [int(c) for c in chart.categories]
    rows: list[_Row] = []
    for s, (colour, _dash, marker) in zip(
        chart.series, series_styles([x.region_type for x in chart.series]), strict=True
    ):
        demo = s.demo or [False] * len(s.values)
        real = [None if d else v for v, d in zip(s.values, demo, strict=True)]
        fake = [v if d else None for v, d in zip(s.values, demo, strict=True)]
        mixed = any(v is not None for v in real) and any(v is not None for v in fake)
        for values, is_demo in ((real, False), (fake, True)) if mixed else ((list(s.values), False),):
            _, cut, _ = broken_at(years, values, chart.series_breaks)
            name = f"{s.name} – {t('chart.demo_points', lang)}" if is_demo else s.name
            rows.append(_Row(name, cut, colour, s.region_type, marker, is_demo))
    return rows


def _title_slide(prs, deck: Deck) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[6])
    lang = deck.lang
    _text(s, Inches(0.8), Inches(1.6), Inches(11.7), Inches(1.3), deck.region_name, size=54, bold=True)
    _text(
        s,
        Inches(0.8),
        Inches(2.9),
        Inches(11.7),
        Inches(0.9),
        f"{deck.plan_title} · {deck.plan_period}".strip(" ·"),
        size=28,
        colour=GREY,
    )
    box = _text(
        s, Inches(0.8), Inches(4.0), Inches(11.7), Inches(2.2), t("present.title_sub", lang, n=len(deck.goals)), size=20
    )
    if deck.cross_cutting:
        _para(box.text_frame, t("present.cross_cutting", lang, items="; ".join(deck.cross_cutting)), 18, GREY)
    _para(box.text_frame, generated_line(deck), 14, GREY)
    _footer(s, deck, deck.plan_source, deck.has_demo, 1)
    _notes(s, [t("present.notes_title", lang, region=deck.region_name, county=deck.county_name or "–")])


def _goal_slide(prs, deck: Deck, g: GoalSlide, number: int) -> None:
    lang = deck.lang
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _text(s, Inches(0.5), Inches(0.3), Inches(8.7), Inches(1.0), g.title, size=28, bold=True, fit=True)
    status = _text(
        s,
        Inches(0.5),
        Inches(1.3),
        Inches(12.3),
        Inches(0.5),
        t("present.status", lang, status=g.status_label),
        size=18,
        bold=True,
        colour=TONE_COLOUR[tone(g.status)],
    )
    p = status.text_frame.paragraphs[0]
    run = p.add_run()
    run.text = "   " + counts_text(g, lang)
    run.font.size, run.font.color.rgb = Pt(14), GREY
    text_w = Inches(6.2) if g.charts else Inches(12.3)
    box = _text(s, Inches(0.5), Inches(1.95), text_w, Inches(4.9), "", size=16, fit=True)
    tf = box.text_frame
    _para(tf, "▲ " + t("present.positive", lang), 18, GOOD, bold=True, first=True)
    for pt in g.positives[:SLIDE_POINTS]:
        _para(tf, pt.text, 16)
    if not g.positives:
        _para(tf, t("present.none_positive", lang), 14, GREY)
    _para(tf, "▼ " + t("present.negative", lang), 18, BAD, bold=True)
    for pt in g.negatives[:SLIDE_POINTS]:
        _para(tf, pt.text, 16)
    if not g.negatives:
        _para(tf, t("present.none_negative", lang), 14, GREY)
    charts = g.charts[:2]
    if charts:
        h = Inches(4.9) / len(charts)
        for i, ch in enumerate(charts):
            add_chart(s, ch, Inches(6.9), Inches(1.95) + h * i, Inches(6.0), h - Inches(0.08), lang)
    foot = source_line(deck, g.indicator_ids) or t("present.no_sources", lang)
    _footer(s, deck, foot, g.is_demo, number)
    _notes(
        s,
        [t("present.notes_goal", lang, goal=g.title, status=g.status_label, counts=counts_text(g, lang))]
        + (g.notes or [t("present.no_verdicts", lang)])
        + ([t("present.targets", lang) + ":", *g.targets] if g.targets else []),
    )


def _map_slide(prs, deck: Deck, number: int) -> None:
    """The county's municipalities as native freeform shapes (planar EPSG:3067 polygons of tutka.maps, no image and
    no browser needed), coloured by value class, the municipality outlined, legend and values beside the map."""
    m = deck.map
    assert m is not None
    lang = deck.lang
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _text(s, Inches(0.5), Inches(0.3), Inches(8.7), Inches(1.0), m.title, size=26, bold=True, fit=True)
    sub = t("present.map_sub", lang, county=deck.county_name, municipality=deck.region_name)
    _text(s, Inches(0.5), Inches(1.35), Inches(12.3), Inches(0.5), sub, size=16, colour=GREY)
    frame = pd.DataFrame(
        {
            "official_code": [a.official_code for a in m.areas],
            "value": pd.to_numeric(pd.Series([a.value for a in m.areas], dtype="object"), errors="coerce"),
        }
    )
    groups = maps.classify(frame, unit=m.unit, decimals=m.decimals, lang=lang)
    geo = maps.shapes()
    rings = {code: geo.get(code, []) for code in frame["official_code"]}
    points = [p for rs in rings.values() for r in rs for p in r]
    if points:
        x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
        y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
        box_l, box_t, box_w, box_h = Inches(0.5), Inches(1.95), Inches(7.6), Inches(4.55)  # above the attribution
        scale = min(box_w / max(x1 - x0, 1), box_h / max(y1 - y0, 1))  # EMU per metre, aspect kept
        left = box_l + (box_w - scale * (x1 - x0)) / 2
        top = box_t + (box_h - scale * (y1 - y0)) / 2

        def draw(ring: list[list[int]], fill: str | None, edge: str, width: float) -> None:
            local = [(p[0] - x0, y1 - p[1]) for p in ring]  # north up: the slide's y grows downwards
            builder = s.shapes.build_freeform(local[0][0], local[0][1], scale=scale)
            builder.add_line_segments(local[1:], close=True)
            shape = builder.convert_to_shape(int(left), int(top))
            if fill:
                shape.fill.solid()
                shape.fill.fore_color.rgb = _rgb(fill)
            else:
                shape.fill.background()
            shape.line.color.rgb = _rgb(edge)
            shape.line.width = Pt(width)
            shape.shadow.inherit = False

        colour_of = {code: colour for _, colour, idx in groups for code in frame.loc[idx, "official_code"]}
        # larger municipalities first, so that an enclave drawn later stays visible
        for code in sorted(rings, key=lambda c: -sum(len(r) for r in rings[c])):
            for ring in rings[code]:
                draw(ring, colour_of.get(code, maps.MISSING), maps.EDGE, 0.75)
        for ring in rings.get(m.highlight, []):  # the municipality's own colour on a white casing, as in the app
            draw(ring, None, D.MAP_HIGHLIGHT_CASING, 5)
        for ring in rings.get(m.highlight, []):
            draw(ring, None, D.MAP_HIGHLIGHT, 2.5)
    legend = _text(s, Inches(8.4), Inches(1.95), Inches(4.5), Inches(4.85), "", size=13, fit=True)
    tf = legend.text_frame
    _para(tf, m.unit or t("map.colour_value", lang), 13, GREY, bold=True, first=True)
    for label, colour, _ in groups:
        p = _para(tf, "■ ", 14, _rgb(colour), space_after=2)
        run = p.add_run()
        run.text = plain(label)
        run.font.size, run.font.color.rgb = Pt(13), DARK
    home = next((a.name for a in m.areas if a.official_code == m.highlight), deck.region_name)
    p = _para(tf, "□ ", 14, _rgb(D.MAP_HIGHLIGHT), bold=True, space_after=8)
    run = p.add_run()
    run.text = plain(home)
    run.font.size, run.font.color.rgb = Pt(13), DARK
    for line in map_rows(m, lang):
        _para(tf, line, 12, DARK, space_after=1)
    _text(s, Inches(0.5), Inches(6.6), Inches(7.6), Inches(0.3), t("map.attribution", lang), size=10, colour=GREY)
    foot = source_line(deck, [m.indicator_id]) or t("present.no_sources", lang)
    _footer(s, deck, foot, m.is_demo, number)
    _notes(s, [sub, *map_rows(m, lang), t("map.attribution", lang)])


def _equity_slide(prs, deck: Deck, number: int) -> None:
    lang = deck.lang
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _text(
        s,
        Inches(0.5),
        Inches(0.3),
        Inches(8.7),
        Inches(1.0),
        t("present.equity_title", lang),
        size=28,
        bold=True,
        fit=True,
    )
    _text(s, Inches(0.5), Inches(1.35), Inches(12.3), Inches(0.5), t("present.equity_sub", lang), size=16, colour=GREY)
    width = Inches(6.2) if deck.gap_chart else Inches(12.3)
    box = _text(s, Inches(0.5), Inches(1.9), width, Inches(4.9), "", fit=True)
    first = True
    for g in deck.gaps:
        _para(box.text_frame, g.text, 15, first=first)
        first = False
    if first:
        _para(box.text_frame, t("present.no_gaps", lang), 16, GREY, first=True)
    if deck.gap_chart:
        add_chart(s, deck.gap_chart, Inches(6.9), Inches(1.9), Inches(6.0), Inches(4.9), lang)
    _footer(s, deck, source_line(deck, [g.indicator_id for g in deck.gaps]), any(g.is_demo for g in deck.gaps), number)
    _notes(s, [g.text for g in deck.gaps] or [t("present.no_gaps", lang)])


def _sources_slide(prs, deck: Deck, number: int) -> None:
    lang = deck.lang
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _text(s, Inches(0.5), Inches(0.3), Inches(12), Inches(0.9), t("present.sources_title", lang), size=30, bold=True)
    box = _text(s, Inches(0.5), Inches(1.3), Inches(12.3), Inches(5.5), "", fit=True)
    tf = box.text_frame
    _para(tf, t("present.plan_source", lang, source=deck.plan_source), 14, first=True)
    grouped: dict[tuple[str, str], list[str]] = {}
    for src in deck.sources:
        grouped.setdefault((src.source, src.licence), []).append(src.title)
    for (source, licence), titles in grouped.items():
        _para(tf, f"{source} — {t('meta.licence', lang)}: {licence or '–'}: {', '.join(titles)}", 12, space_after=4)
    details = unique_sources(s.detail for s in deck.sources)
    if details:
        _para(tf, t("present.value_sources", lang, sources="; ".join(details)), 12, space_after=4)
    _para(tf, t("present.method", lang), 12, GREY)
    if deck.has_demo:
        _para(tf, t("demo.short", lang) + ". " + t("present.demo_note", lang), 13, DEMO_FG, bold=True)
    _para(tf, generated_line(deck), 12, GREY)
    _footer(s, deck, "Hyvinvointitutka", deck.has_demo, number)
    _notes(s, [t("present.notes_sources", lang)])


def deck_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    prs.core_properties.title = plain(f"{deck.region_name}: {deck.plan_title}")
    prs.core_properties.author = "Hyvinvointitutka"
    prs.core_properties.language = deck.lang
    _title_slide(prs, deck)
    for i, g in enumerate(deck.goals):
        _goal_slide(prs, deck, g, i + 2)
    number = len(deck.goals) + 2
    if deck.map:
        _map_slide(prs, deck, number)
        number += 1
    _equity_slide(prs, deck, number)
    _sources_slide(prs, deck, number + 1)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


__all__ = ["deck_pptx", "add_chart"]
