"""Charts of the verdict pages: the verdict heat map (regions × indicators) and the sex-gap dumbbell chart.

Colour-blind-safe (Okabe–Ito blue / vermillion / greys) and never colour alone: every cell carries its symbol
(▲ improved, ▼ worsened, ● no change, ? too little data, ↑ ↓ neutral direction).
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tutka import domain as D
from tutka.charts import NUMBER_AXIS, SEP, TEMPLATE, add_demo_annotation, demo_annotation, figure
from tutka.i18n import t
from tutka.textsafe import plotly
from tutka.verdicts.text import SYMBOLS, label

# verdict -> position on the discrete colour scale (colours from the domain vocabulary)
_SCALE_CODES = ("worsened", "no_change", "increased", "insufficient", "improved")
SCALE = {code: (i, D.colour(code)) for i, code in enumerate(_SCALE_CODES)}
SCALE["decreased"] = SCALE["increased"]


def _colourscale() -> list:
    colours = [D.colour(c) for c in _SCALE_CODES]
    scale = []
    for i, c in enumerate(colours):
        scale += [[i / len(colours), c], [(i + 1) / len(colours), c]]
    return scale


def verdict_heatmap(
    matrix: pd.DataFrame,
    hover: pd.DataFrame,
    lang: str = "fi",
    has_demo: bool = False,
    values: pd.DataFrame | None = None,
) -> go.Figure:
    """matrix: rows = series labels, columns = region names, cells = verdict codes ('' = no data); `values` (same
    shape, formatted text such as '8,3 %') puts the latest value next to the symbol in each cell."""
    z = matrix.apply(lambda col: col.map(lambda v: SCALE.get(v, (np.nan,))[0])).to_numpy(dtype=float)
    text = matrix.apply(lambda col: col.map(lambda v: SYMBOLS.get(v, "") if v else "–")).to_numpy()
    if values is not None:
        vals = values.reindex(index=matrix.index, columns=matrix.columns).fillna("").to_numpy()
        text = np.array(
            [
                [f"{s} {v}".strip() if v else s for s, v in zip(row_s, row_v, strict=True)]
                for row_s, row_v in zip(text, vals, strict=True)
            ]
        )
    custom = hover.reindex(index=matrix.index, columns=matrix.columns).fillna("").to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[plotly(c) for c in matrix.columns],  # municipality and indicator names are text, not markup
            y=[plotly(i) for i in matrix.index],
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=16 if values is None else 14, color=D.INK),
            colorscale=_colourscale(),
            zmin=-0.5,
            zmax=4.5,
            showscale=False,
            customdata=custom,
            hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    height = max(320, 26 * len(matrix.index) + 120)
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        template=TEMPLATE,
        font=dict(size=13),
        separators=", " if lang != "en" else ".,",
    )
    fig.update_xaxes(side="top")
    fig.update_yaxes(autorange="reversed")
    legend = "   ".join(f"{SYMBOLS[c]} {label(c, lang)}" for c in ("improved", "worsened", "no_change", "insufficient"))
    fig.add_annotation(
        text=legend,
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        yshift=40,
        showarrow=False,
        xanchor="left",
        font=dict(size=12),
    )
    if has_demo:
        add_demo_annotation(fig, lang)
    return fig


def gap_chart(frame: pd.DataFrame, lang: str = "fi", has_demo: bool = False) -> go.Figure:
    """Dumbbell: the sex gap (female − male) at the previous and the latest year per series label.

    frame columns: label, gap_previous, gap_latest, gap_trend."""
    colours = {"narrowed": D.GOOD, "widened": D.BAD}
    # one line trace per colour, the rows' segments separated by gaps (a trace per row cost ~5 ms each to build and
    # as much to draw); the y categories keep the frame's order explicitly
    segments: dict[str, tuple[list, list]] = {}
    for prev, latest, lab, trend in zip(
        frame["gap_previous"], frame["gap_latest"], frame["label"], frame["gap_trend"], strict=True
    ):
        xs, ys = segments.setdefault(colours.get(trend, D.MUTED), ([], []))
        xs += [prev, latest, None]
        ys += [plotly(lab)] * 2 + [None]
    traces: list[dict] = [
        dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=colour, width=3),
            connectgaps=False,
            showlegend=False,
            hoverinfo="skip",
        )
        for colour, (xs, ys) in segments.items()
    ]
    labels = [plotly(x) for x in frame["label"]]
    traces.append(
        dict(
            type="scatter",
            x=frame["gap_previous"].tolist(),
            y=labels,
            mode="markers",
            name=t("v.gap.previous", lang),
            marker=dict(symbol="circle-open", size=11, color=D.MUTED, line=dict(width=2)),
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=frame["gap_latest"].tolist(),
            y=labels,
            mode="markers",
            name=t("v.gap.latest", lang),
            marker=dict(symbol="diamond", size=12, color=[colours.get(g, D.MUTED) for g in frame["gap_trend"]]),
        )
    )
    layout = dict(
        height=max(300, 30 * len(frame) + 120),
        font=dict(size=13),
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", y=-0.15),
        separators=SEP.get(lang, ", "),
        xaxis=dict(title=dict(text=t("v.gap.axis", lang)), **NUMBER_AXIS),
        yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=list(dict.fromkeys(labels))),
        shapes=[
            dict(type="line", x0=0, x1=0, xref="x", y0=0, y1=1, yref="y domain", line=dict(color=D.NEUTRAL, width=1))
        ],
        annotations=[demo_annotation(lang)] if has_demo else [],
    )
    return figure(traces, layout)


# --- sparklines ------------------------------------------------------------------------------------------------------
SPARK_W, SPARK_H, SPARK_PAD = 84, 28, 4  # drawn about 26 px high in a grid row: fits a 110 px column


def sparkline_svg(values: list[float], demo: list[bool], verdict: str) -> str:
    """A small line of one series drawn in its verdict's colour (domain.line_colour); demo points dotted and thin with
    a hollow end marker, real ones solid with a filled end marker. '' when there is nothing to draw."""
    points = [(float(v), bool(d)) for v, d in zip(values, demo, strict=True) if v is not None and v == v]
    if not points:
        return ""
    colour = D.line_colour(verdict)
    lo, hi = min(v for v, _ in points), max(v for v, _ in points)
    span = (hi - lo) or 1.0
    step = (SPARK_W - 2 * SPARK_PAD) / max(len(points) - 1, 1)
    xy = [
        (
            SPARK_PAD + i * step,
            SPARK_H - SPARK_PAD - (v - lo) / span * (SPARK_H - 2 * SPARK_PAD) if hi > lo else SPARK_H / 2,
        )
        for i, (v, _) in enumerate(points)
    ]
    parts = []
    for i in range(1, len(points)):
        (x0, y0), (x1, y1) = xy[i - 1], xy[i]
        dotted = points[i - 1][1] or points[i][1]
        style = 'stroke-width="1.5" stroke-dasharray="2 2"' if dotted else 'stroke-width="2"'
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{colour}" {style} '
            'stroke-linecap="round"/>'
        )
    x, y = xy[-1]
    fill = D.PAPER if points[-1][1] else colour
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.8" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_W}" height="{SPARK_H}" '
        f'viewBox="0 0 {SPARK_W} {SPARK_H}">{"".join(parts)}</svg>'
    )


def sparkline_uri(values: list[float], demo: list[bool], verdict: str) -> str | None:
    """The sparkline as a data URI for an image cell (None: empty cell)."""
    svg = sparkline_svg(values, demo, verdict)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii") if svg else None
