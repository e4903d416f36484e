"""Texts every export repeats: footer line with sources and licence, the demo label, the file name, the goal counts
and the map's value list; and the font the PDFs need. Light on purpose: the app imports this at start, while the
PowerPoint and PDF writers (python-pptx, fpdf2) are imported on first use (tutka.app.startup)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from tutka.fmt import fmt_date, fmt_value
from tutka.i18n import t
from tutka.present.model import Chart, Deck, GoalSlide, MapSlide

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
    Path.home() / ".fonts",
]


class FontMissingError(RuntimeError):
    """DejaVu Sans is not installed; the message says in Finnish how to install it."""


def font_paths() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold (the PDFs need ä, ö, å, "–", "▲" and "▼")."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    raise FontMissingError(t("present.font_missing"))


def source_line(deck: Deck, indicator_ids: list[str] | None = None, max_len: int = 220) -> str:
    """'Lähde: THL, Kouluterveyskysely (CC BY 4.0); … · Sisältää esimerkkiaineistoa (…)' for the given indicators (all if None)."""
    rows = [s for s in deck.sources if indicator_ids is None or s.indicator_id in indicator_ids]
    parts = list(dict.fromkeys(f"{s.source} ({s.licence})" if s.licence else s.source for s in rows if s.source))
    text = t("caption.source", deck.lang, source="; ".join(parts)) if parts else ""
    # invented values never stand under a real publication's name alone: the footer says so too (never cut off)
    demo = f" · {t('demo.short', deck.lang)}" if any(s.is_demo for s in rows) else ""
    if len(text) + len(demo) > max_len:
        text = text[: max(0, max_len - len(demo) - 1)].rstrip() + "…"
    return text + demo


def demo_label(lang: str) -> str:
    return t("demo.chart", lang)


def generated_line(deck: Deck) -> str:
    return t("present.generated", deck.lang, date=fmt_date(deck.generated_at, with_time=True, lang=deck.lang))


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_") or "kunta"


def file_name(deck: Deck, kind: str, ext: str) -> str:
    return f"{slug(deck.region_name)}_{kind}.{ext}"


def chart_table(chart: Chart, lang: str) -> pd.DataFrame:
    """The numbers behind a deck chart: one row per year (or category), one column per series."""
    first = t("col.year", lang) if chart.kind == "line" else t("meta.indicator", lang)
    frame = pd.DataFrame({first: chart.categories})
    for s in chart.series:
        frame[s.name] = s.values
    return frame


def chart_caption(chart: Chart, deck: Deck) -> str:
    """Under an exported deck chart: unit, source with licence and the update date (the PNG adds the demo label)."""
    lang = deck.lang
    parts = [t("caption.unit", lang, unit=chart.unit)] if chart.unit else []
    rows = [s for s in deck.sources if s.indicator_id == chart.indicator_id]
    names = list(dict.fromkeys(f"{s.source} ({s.licence})" if s.licence else s.source for s in rows if s.source))
    if names or chart.source:
        parts.append(t("caption.source", lang, source="; ".join(names) or chart.source))
    when = chart.updated or deck.generated_at
    parts.append(t("caption.updated", lang, date=fmt_date(when, lang=lang)))
    return " · ".join(parts)


def map_caption(deck: Deck) -> str:
    """Under the exported map: the indicator's source and licence, the compile date and the geometry's source."""
    m, lang = deck.map, deck.lang
    if m is None:
        return ""
    parts = (
        [t("caption.source", lang, source=f"{m.source} ({m.licence})" if m.licence else m.source)] if m.source else []
    )
    parts.append(t("caption.updated", lang, date=fmt_date(deck.generated_at, lang=lang)))
    parts.append(t("map.attribution", lang))
    return " · ".join(parts)


def chart_meta(chart: Chart, deck: Deck) -> list[tuple[str, str]]:
    lang = deck.lang
    rows = [s for s in deck.sources if s.indicator_id == chart.indicator_id]
    return [
        (t("meta.indicator", lang), chart.title),
        (t("meta.indicator_id", lang), chart.indicator_id or "–"),
        (t("meta.unit", lang), chart.unit or "–"),
        (t("meta.source", lang), "; ".join(r.source for r in rows) or chart.source or "–"),
        (t("meta.licence", lang), "; ".join(dict.fromkeys(r.licence for r in rows if r.licence)) or "–"),
    ]


def counts_text(g: GoalSlide, lang: str) -> str:
    c = g.counts
    return t(
        "present.counts",
        lang,
        improved=c.get("improved", 0),
        worsened=c.get("worsened", 0),
        no_change=c.get("no_change", 0),
        insufficient=c.get("insufficient", 0),
    )


def map_rows(m: MapSlide, lang: str) -> list[str]:
    """'Kouvola 31,7 /1 000 (2025)' per municipality, highest value first: what the app shows on hover."""
    ranked = sorted(m.areas, key=lambda a: (a.value is None, -(a.value or 0.0), a.name))
    return [
        f"{a.name} {fmt_value(a.value, m.decimals, m.unit, lang)}" + (f" ({a.year})" if a.year else "")
        if a.value is not None
        else f"{a.name} {t('map.no_value', lang)}"
        for a in ranked
    ]
