"""Maps of municipalities drawn as planar polygons (EPSG:3067 metres) with filled go.Scatter traces.

Plotly's geo traces (go.Choropleth) download a world topojson from a CDN when drawn, which fails offline, on locked
municipal networks and in the PNG export; the municipality polygons are already planar, so plain x/y traces with an
equal axis scale draw the same map everywhere. Colours: five value classes of a colour-blind-safe sequential scale
(light → dark, darker = more), or the verdict colours and symbols of tutka.domain; the chosen municipality is
outlined in black."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from tutka import domain as D
from tutka.charts import demo_annotation, figure
from tutka.fmt import fmt_number, fmt_year
from tutka.i18n import t
from tutka.textsafe import plotly

GEO = Path(__file__).resolve().parents[1] / "data" / "geo" / "kunnat_2025_epsg3067_2km.geojson"
CLASS_COLOURS = D.MAP_CLASS_COLOURS
MISSING = D.MAP_MISSING
EDGE = D.MAP_EDGE


@lru_cache(maxsize=1)
def shapes() -> dict[str, list[list[list[int]]]]:
    """natcode ('286') → list of rings (outer rings and holes, each a list of [x, y])."""
    data = json.loads(GEO.read_text(encoding="utf-8"))
    out: dict[str, list[list[list[int]]]] = {}
    for f in data["features"]:
        rings = [ring for poly in f["geometry"]["coordinates"] for ring in poly]
        out[str(f["properties"]["natcode"])] = rings
    return out


def _xy(codes: list[str]) -> tuple[list[float | None], list[float | None]]:
    """All rings of these municipalities in one trace, separated by gaps (fill='toself' fills each ring)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    geo = shapes()
    for code in codes:
        for ring in geo.get(code, []):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys


def centre(code: str) -> tuple[float, float]:
    rings = shapes().get(code) or [[[0, 0]]]
    ring = max(rings, key=len)
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def value_classes(values: pd.Series, n: int = 5) -> tuple[pd.Series, list[tuple[float, float]]]:
    """Class index 0..k-1 of each value (quantile classes, fewer when there are few distinct values) and bounds."""
    vals = values.dropna()
    if vals.empty:
        return pd.Series([None] * len(values), index=values.index, dtype="object"), []
    k = max(1, min(n, vals.nunique()))
    if k == 1:
        lo = float(vals.min())
        return values.map(lambda v: None if pd.isna(v) else 0), [(lo, lo)]
    edges = sorted(set(float(x) for x in vals.quantile([i / k for i in range(k + 1)])))
    bins = [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]

    def which(v: object) -> int | None:
        if pd.isna(v):
            return None
        for i, (_, hi) in enumerate(bins):
            if float(v) <= hi:  # type: ignore[arg-type]
                return i
        return len(bins) - 1

    return values.map(which), bins


def classify(
    frame: pd.DataFrame, *, mode: str = "value", unit: str = "", decimals: int = 1, lang: str = "fi"
) -> list[tuple[str, str, pd.Index]]:
    """The map's legend: (label, colour, row index of the municipalities) per value class or verdict, and "ei tietoa"
    last — one classification for the app, the PNG and the PowerPoint map."""
    if mode == "verdict":
        frame = frame.assign(verdict=frame["verdict"].astype("object").where(frame["verdict"].notna(), ""))
        groups = []
        for code in sorted(frame["verdict"].dropna().unique(), key=D.order):
            if not code:
                continue
            label = f"{D.symbol(code)} {t(f'v.code.{code}', lang)}"
            groups.append((label, D.colour(code), frame.index[frame["verdict"] == code]))
        missing = frame.index[frame["verdict"].isna() | (frame["verdict"] == "")]
    else:
        classes, bins = value_classes(frame["value"])
        colours = CLASS_COLOURS if len(bins) == len(CLASS_COLOURS) else CLASS_COLOURS[-len(bins) :] if bins else ()
        groups = []
        for i, (lo, hi) in enumerate(bins):
            text = fmt_number(lo, decimals, lang=lang)
            if hi != lo:
                text += "–" + fmt_number(hi, decimals, lang=lang)
            groups.append((f"{text} {unit}".strip(), colours[i], frame.index[classes == i]))
        missing = frame.index[frame["value"].isna()]
    if len(missing):
        groups.append((t("map.no_value", lang), MISSING, missing))
    return groups


def map_figure(
    frame: pd.DataFrame,
    *,
    lang: str,
    highlight: str | None = None,
    mode: str = "value",
    unit: str = "",
    decimals: int = 1,
    title: str = "",
    has_demo: bool = False,
    height: int = 560,
) -> go.Figure:
    """frame: official_code, name, value, year (mode 'value') or verdict (mode 'verdict'), one row per municipality.
    `highlight` is the official code of the chosen municipality."""
    known = shapes()
    frame = frame[frame["official_code"].astype(str).isin(known)].reset_index(drop=True)  # no polygon, no place
    if mode == "verdict":
        frame["verdict"] = frame["verdict"].astype("object").where(frame["verdict"].notna(), "")
    traces: list[dict] = []
    for label, colour, idx in classify(frame, mode=mode, unit=unit, decimals=decimals, lang=lang):
        xs, ys = _xy(frame.loc[idx, "official_code"].tolist())
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=colour,
                mode="lines",
                line=dict(color=EDGE, width=0.6),
                name=plotly(label),
                hoverinfo="skip",
            )
        )
    if highlight and highlight in set(frame["official_code"]):
        xs, ys = _xy([highlight])
        name = frame.loc[frame["official_code"] == highlight, "name"].iloc[0]
        # a white casing under the outline: visible over light and dark classes alike; the outline is the
        # legend entry (the municipality's name)
        for colour, width, entry in (
            (D.MAP_HIGHLIGHT_CASING, 6, {"showlegend": False}),
            (D.MAP_HIGHLIGHT, 3, {"name": plotly(name)}),
        ):
            traces.append(
                dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=colour, width=width), hoverinfo="skip")
                | entry
            )
    # hover: one point per municipality at the centre of its largest polygon
    centres = [centre(c) for c in frame["official_code"]]
    shown = frame["verdict"].astype(bool) if mode == "verdict" else frame["value"].notna()
    traces.append(
        dict(
            type="scatter",
            x=[c[0] for c in centres],
            y=[c[1] for c in centres],
            mode="markers",
            # invisible dots still give the hover
            marker=dict(
                size=5 if len(frame) > 40 else 7, color=["rgba(0,0,0,0.2)" if s else "rgba(0,0,0,0)" for s in shown]
            ),
            text=[_hover(r, mode, unit, decimals, lang) for r in frame.to_dict("records")],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    annotations = [
        dict(
            text=plotly(t("map.attribution", lang)),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-4,  # inside the bottom margin (30 px), never cut at the figure's edge
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font=dict(size=10, color=D.MUTED),
        )
    ]
    if has_demo:
        annotations.append(demo_annotation(lang))
    layout = dict(
        height=height,
        margin=dict(l=10, r=10, t=50 if title else 34 if has_demo else 10, b=30),  # room for the demo label
        legend=dict(title=dict(text=plotly(unit) if mode == "value" else ""), x=1.0, xanchor="left"),
        separators=", " if lang != "en" else ".,",
        font=dict(size=13),
        xaxis=dict(visible=False),
        yaxis=dict(visible=False, scaleanchor="x", scaleratio=1),
        annotations=annotations,
    )
    if title:
        layout["title"] = dict(text=plotly(title), x=0, xanchor="left")
    return figure(traces, layout)


def _hover(r: dict, mode: str, unit: str, decimals: int, lang: str) -> str:
    name = plotly(str(r.get("name") or r.get("official_code")))
    if mode == "verdict":
        code = r.get("verdict") or ""
        text = f"{D.symbol(code)} {t(f'v.code.{code}', lang)}" if code else t("map.no_value", lang)
        return f"<b>{name}</b><br>{plotly(text)}"
    if pd.isna(r.get("value")):
        return f"<b>{name}</b><br>{plotly(t('map.no_value', lang))}"
    value = fmt_number(r["value"], decimals, lang=lang)
    return f"<b>{name}</b><br>{plotly(value)} {plotly(unit)} ({fmt_year(r.get('year'))})"
