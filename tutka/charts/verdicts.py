"""Charts of the verdict pages: the sex-gap dumbbell chart and the verdict-coloured sparklines (Vertailu's regions ×
indicators is a table now, tutka.app.verdicts.compare_table).

Colour-blind-safe (Okabe–Ito blue / vermillion / greys) and never colour alone: the Tasa-arvo table next to the
chart names each trend with its symbol (▲ narrowed, ▼ widened, ● stable).
"""

from __future__ import annotations

import base64

import pandas as pd
import plotly.graph_objects as go

from tutka import domain as D
from tutka.charts import add_demo_annotation, finnish_numbers
from tutka.i18n import t


def gap_chart(frame: pd.DataFrame, lang: str = "fi", has_demo: bool = False) -> go.Figure:
    """Dumbbell: the sex gap (female − male) at the previous and the latest year per series label.

    frame columns: label, gap_previous, gap_latest, gap_trend."""
    fig = go.Figure()
    colours = {"narrowed": D.GOOD, "widened": D.BAD}
    for _, r in frame.iterrows():
        colour = colours.get(r["gap_trend"], D.MUTED)
        fig.add_trace(
            go.Scatter(
                x=[r["gap_previous"], r["gap_latest"]],
                y=[r["label"], r["label"]],
                mode="lines",
                line=dict(color=colour, width=3),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=frame["gap_previous"],
            y=frame["label"],
            mode="markers",
            name=t("v.gap.previous", lang),
            marker=dict(symbol="circle-open", size=11, color=D.MUTED, line=dict(width=2)),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame["gap_latest"],
            y=frame["label"],
            mode="markers",
            name=t("v.gap.latest", lang),
            marker=dict(symbol="diamond", size=12, color=[colours.get(g, D.MUTED) for g in frame["gap_trend"]]),
        )
    )
    fig.add_vline(x=0, line=dict(color=D.NEUTRAL, width=1))
    fig.update_layout(
        height=max(300, 30 * len(frame) + 120),
        template="plotly_white",
        font=dict(size=13),
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis_title=t("v.gap.axis", lang),
        legend=dict(orientation="h", y=-0.15),
        separators=", " if lang != "en" else ".,",
    )
    fig.update_yaxes(autorange="reversed")
    finnish_numbers(fig, lang, "x")
    if has_demo:
        add_demo_annotation(fig)
    return fig


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
