"""Plotly figures of deck charts (the browser slides and PNG export), drawn from the same model as PowerPoint."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tutka import maps
from tutka.charts import (
    NUMBER_AXIS,
    SEP,
    broken_at,
    demo_points_trace,
    figure,
    series_break_marks,
)
from tutka.charts import demo_annotation as demo_label
from tutka.domain import PALETTE, series_styles
from tutka.present.model import Chart, MapSlide
from tutka.textsafe import plotly


def chart_figure(
    chart: Chart,
    lang: str = "fi",
    height: int | None = None,
    font_size: int = 18,
    title: bool = False,
    demo_annotation: bool = True,
    legend_top: bool = False,
) -> go.Figure:
    """`demo_annotation=False` when the caller shows the demo label next to the chart (slides); a PNG export
    always carries it. `legend_top` keeps the legend off the axis labels in short chart boxes."""
    traces: list[dict] = []
    fmt = f",.{chart.decimals}f"
    styles = series_styles([s.region_type for s in chart.series])
    for i, s in enumerate(chart.series):
        colour, dash, marker = styles[i] if chart.kind == "line" else (PALETTE[i % len(PALETTE)], "solid", "")
        if chart.kind == "line":
            years = [int(c) for c in chart.categories]
            demo = s.demo or [False] * len(s.values)
            real = [None if d else v for v, d in zip(s.values, demo, strict=True)]
            if any(d and v is not None for v, d in zip(s.values, demo, strict=True)) and any(
                v is not None for v in real
            ):  # demo points next to real ones: drawn apart, with their own legend entry
                pts = [(y, v) for y, v, d in zip(years, s.values, demo, strict=True) if d and v is not None]
                traces.append(
                    demo_points_trace([p[0] for p in pts], [p[1] for p in pts], s.name, colour, marker, fmt, lang=lang)
                )
            else:
                real = list(s.values)
            x, y, _ = broken_at(years, real, chart.series_breaks)
            traces.append(
                dict(
                    type="scatter",
                    x=x,
                    y=y,
                    name=plotly(s.name),
                    legendgroup=plotly(s.name),
                    mode="lines+markers",
                    line=dict(color=colour, dash=dash, width=4 if s.region_type == "kunta" else 2.5),
                    marker=dict(symbol=marker, size=10),
                    connectgaps=False,
                    hovertemplate=f"%{{y:{fmt}}}<extra>%{{fullData.name}}</extra>",
                )
            )
        else:
            traces.append(
                dict(
                    type="bar",
                    y=[_wrap(plotly(c)) for c in chart.categories],
                    x=list(s.values),
                    name=plotly(s.name),
                    orientation="h",
                    marker=dict(color=colour),
                    texttemplate=f"%{{x:{fmt}}}",
                    textposition="outside",
                    hovertemplate=f"%{{x:{fmt}}}<extra>%{{fullData.name}}</extra>",
                )
            )
    margin = dict(l=10, r=20, t=60 if title else 30, b=10)
    legend: dict = dict(orientation="h", yanchor="top", y=-0.12, x=0)
    if legend_top:
        legend = dict(orientation="h", yanchor="bottom", y=1.0, x=0, font=dict(size=font_size - 2))
        margin["t"] = 10
    layout: dict = dict(
        separators=SEP.get(lang, ", "),
        font=dict(size=font_size),
        margin=margin,
        legend=legend,
        hovermode="x unified" if chart.kind == "line" else "closest",
    )
    if title:
        layout["title"] = dict(
            text=plotly(f"{chart.title} ({chart.unit})" if chart.unit else chart.title), font=dict(size=font_size + 2)
        )
    if height:
        layout["height"] = height
    annotations: list[dict] = []
    if chart.kind == "line":
        span = int(chart.categories[-1]) - int(chart.categories[0]) if chart.categories else 0
        layout["xaxis"] = dict(dtick=1 if span <= 8 else 2, tickformat="d")  # years, not points: survey years skip
        layout["yaxis"] = dict(title=dict(text=chart.unit), rangemode="tozero", **NUMBER_AXIS)
        layout["shapes"], annotations = series_break_marks(chart.series_breaks, lang)
    else:
        layout["yaxis"] = dict(autorange="reversed", automargin=True)
        layout["xaxis"] = dict(title=dict(text=chart.unit), rangemode="tozero", **NUMBER_AXIS)
        top = max((v for s in chart.series for v in s.values if v is not None), default=0.0)
        if top > 0:  # room for the value labels outside the longest bar
            layout["xaxis"]["range"] = [0, top * 1.15]
        layout["barmode"] = "group"
        legend["traceorder"] = "normal"
    if chart.is_demo and demo_annotation:
        label = demo_label(lang)
        if chart.kind == "bar":  # above the plot: the first bar sits where the shared corner label would go
            label.update(y=1.0, yanchor="bottom")
            margin["t"] = 40
        annotations.append(label)
    layout["annotations"] = annotations
    return figure(traces, layout)


def map_figure(
    m: MapSlide, lang: str = "fi", height: int | None = None, title: bool = False, demo_annotation: bool = True
) -> go.Figure:
    """The map slide's figure: planar municipality polygons of tutka.maps (value classes, the municipality outlined,
    values on hover, the geometry's source in the corner); `title` for the PNG export; `demo_annotation=False` on a
    slide that shows the demo label in its header."""
    frame = pd.DataFrame(
        {
            "official_code": [a.official_code for a in m.areas],
            "name": [a.name for a in m.areas],
            "value": [a.value for a in m.areas],
            "year": [a.year for a in m.areas],
        },
    )
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    fig = maps.map_figure(
        frame,
        lang=lang,
        highlight=m.highlight or None,
        unit=m.unit,
        decimals=m.decimals,
        title=m.title if title else "",
        has_demo=m.is_demo and demo_annotation,
        height=height or 520,
    )
    return fig


def _wrap(text: str, width: int = 24) -> str:
    """Break a long category label into lines (Plotly does not wrap axis labels)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])
