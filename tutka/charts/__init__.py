"""Plotly figures with Finnish number formats and a colour-blind-safe palette (Okabe–Ito).

Lines are told apart by colour *and* dash/marker symbol; demo values get an annotation inside the chart, so a
screenshot or PNG export never loses the label.
"""

from __future__ import annotations

import bisect

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tutka.domain import (
    DEMO_FG,
    DEMO_LINE,
    DEMO_POINTS_DASH,
    MUTED,
    demo_marker,
    region_styles,
    series_styles,
    sex_dash,
)
from tutka.fmt import period_label
from tutka.i18n import t
from tutka.textsafe import plotly

SEP = {"fi": ", ", "sv": ", ", "en": ".,"}

# The figures' template: plotly_white's layout and its bar and scatter defaults only (the whole plotly_white, with
# defaults for ~25 trace types, added ~4 kB to every chart sent to the browser; issue 13).
TEMPLATE = "tutka"
_white = pio.templates["plotly_white"]
pio.templates[TEMPLATE] = go.layout.Template(
    layout=_white.layout, data={"bar": _white.data.bar, "scatter": _white.data.scatter}
)
_TEMPLATE_SPEC = pio.templates[TEMPLATE].to_plotly_json()


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """A figure from plain trace and layout dicts, made in one step without plotly's property validation.

    Built call by call (add_trace, update_layout, add_annotation …), each step validates the whole path again: the
    explorer's line chart took ~40 ms and the county map ~85 ms of every rerun that drew a new view, most of a page
    change's server time (issue 13); from dicts it takes a few ms. The template is given as its contents, as validation
    would resolve it, and empty lists (no shapes, no annotations) are left out, as validation leaves them.
    tests/test_figure_specs.py checks every builder's figure against plotly's validated copy, so a wrong property name
    or value still fails there."""
    spec = {"data": traces, "layout": {"template": _TEMPLATE_SPEC, **{k: v for k, v in layout.items() if v != []}}}
    return go.Figure(spec, _validate=False)


# d3 format: thousands grouped ("1 500" with separators ", "), insignificant zeros trimmed, never an SI suffix
# ("700k"); negative numbers get a true minus sign from plotly.js.
NUMBER_TICKS = ",~f"
NUMBER_AXIS = {"tickformat": NUMBER_TICKS, "exponentformat": "none"}  # a value axis in Finnish numbers


def _layout(lang: str, y_title: str, height: int = 420) -> dict:
    """The line chart's layout: Finnish numbers on the value axis, whole years on the time axis."""
    return dict(
        separators=SEP.get(lang, ", "),
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        hovermode="x unified",
        font=dict(size=14),
        xaxis=dict(dtick=1, tickformat="d"),
        yaxis=dict(title=dict(text=y_title), **NUMBER_AXIS),
    )


def broken_at(
    years: list, values: list, breaks: list[int] | None, labels: list | None = None
) -> tuple[list, list, list]:
    """x, y (and the hover labels) with a gap (None) between the last point before a series break and the first one
    after it, so that the line is not drawn across a change of method (points are comparable within each part)."""
    xs: list = []
    ys: list = []
    ls: list = []
    cuts = sorted(int(b) for b in breaks or [])
    for i, (x, y) in enumerate(zip(years, values, strict=True)):
        cut = next((c for c in cuts if xs and xs[-1] < c <= x), None)
        if cut is not None:
            xs.append(cut - 0.5)
            ys.append(None)
            ls.append("")
        xs.append(x)
        ys.append(y)
        ls.append(labels[i] if labels is not None else "")
    return xs, ys, ls


def _bands(years: list, xs: list, highs: list, lows: list, breaks: list[int] | None) -> list[tuple[list, list, list]]:
    """(x, upper, lower) of one line's confidence band, split at the series breaks (a year belongs to the part that
    starts at the last break not after it)."""
    cuts = sorted(int(b) for b in breaks or [])
    pieces: dict[int, tuple[list, list, list]] = {}
    for year, x, high, low in zip(years, xs, highs, lows, strict=True):
        px, ph, pl = pieces.setdefault(bisect.bisect_right(cuts, int(year)), ([], [], []))
        px.append(x)
        ph.append(high)
        pl.append(low)
    return [pieces[k] for k in sorted(pieces)]


def line_chart(
    frame: pd.DataFrame,
    *,
    label_col: str,
    y_title: str,
    decimals: int,
    lang: str = "fi",
    series_breaks: list[int] | None = None,
    has_demo: bool = False,
    show_ci: bool = True,
    region_order: list[str] | None = None,
) -> go.Figure:
    """One line per label (region × sex). Expects columns year, value, region_type, ci_low, ci_high, is_demo and
    optionally month (monthly values are placed inside their year). In a line that has real values, demo values are
    drawn apart — hollow markers, dotted, their own legend entry — so the two are never read as one series."""
    traces: list[dict] = []
    fmt = f",.{decimals}f"
    # one pass over plain lists (a line's rows by index), not a DataFrame per line: ~4× faster for the explorer's
    # three to eight lines, and the same figure (issue 13: the chart is built on every new view)
    rows: dict[object, list[int]] = {}
    for i, key in enumerate(frame[label_col].tolist()):
        if not pd.isna(key):  # as groupby: lines in the order they first appear, no line for an empty label
            rows.setdefault(key, []).append(i)
    n_lines = len(rows)  # confidence bands only when they stay readable
    col = {c: frame[c].tolist() for c in ("region_type", "region_code", "sex", "year", "value") if c in frame}
    col["_x"] = period_x(frame).tolist()
    months = frame["month"].tolist() if "month" in frame else None
    demo_flags = frame["is_demo"].tolist() if "is_demo" in frame else None
    rtypes = [str(col["region_type"][idx[0]]) if "region_type" in col else "kunta" for idx in rows.values()]
    styles = series_styles(rtypes)
    if "region_code" in col:  # a region keeps its colour whatever the drawing order and however many sexes
        codes = [str(col["region_code"][idx[0]]) for idx in rows.values()]
        kinds = dict(zip(codes, rtypes, strict=True))
        order = [c for c in dict.fromkeys([*(region_order or []), *codes]) if c in kinds]
        by_region = region_styles([(c, kinds[c]) for c in order])
        several = "sex" in frame and frame["sex"].nunique() > 1
        sexes = [str(col["sex"][idx[0]]) if "sex" in col else "" for idx in rows.values()]
        styles = [
            (by_region[c][0], sex_dash(by_region[c][1], sx, several), by_region[c][2])
            for c, sx in zip(codes, sexes, strict=True)
        ]

    ci = (frame["ci_high"].tolist(), frame["ci_low"].tolist()) if show_ci and n_lines <= 3 else None

    def periods(idx: list[int]) -> list[str]:
        return [period_label(col["year"][i], months[i] if months is not None else None) for i in idx]

    for (label, idx), rtype, (colour, dash, marker) in zip(rows.items(), rtypes, styles, strict=True):
        idx = sorted(idx, key=col["_x"].__getitem__)
        if demo_flags is not None:
            demo = [i for i in idx if _flag(demo_flags[i])]
            if demo and len(demo) < len(idx):
                traces.append(
                    demo_points_trace(
                        [col["_x"][i] for i in demo],
                        _values([col["value"][i] for i in demo]),
                        label,
                        colour,
                        marker,
                        fmt,
                        periods(demo),
                        lang,
                    )
                )
                idx = [i for i in idx if not _flag(demo_flags[i])]
        if ci is not None:
            highs, lows = _values([ci[0][i] for i in idx]), _values([ci[1][i] for i in idx])
            if any(v is not None for v in highs + lows):
                bands = _bands([col["year"][i] for i in idx], [col["_x"][i] for i in idx], highs, lows, series_breaks)
                for xs, band_highs, band_lows in bands:
                    traces.append(
                        dict(
                            type="scatter",
                            x=xs + xs[::-1],
                            y=band_highs + band_lows[::-1],
                            fill="toself",
                            fillcolor=colour,
                            opacity=0.12,
                            line=dict(width=0),
                            hoverinfo="skip",
                            showlegend=False,
                        )
                    )
        x, y, texts = broken_at(
            [col["_x"][i] for i in idx], _values([col["value"][i] for i in idx]), series_breaks, periods(idx)
        )
        traces.append(
            dict(
                type="scatter",
                x=x,
                y=y,
                name=plotly(label),
                legendgroup=plotly(label),
                mode="lines+markers",
                line=dict(color=colour, dash=dash, width=3 if rtype == "kunta" else 2),
                marker=dict(symbol=marker, size=9),
                connectgaps=False,
                customdata=texts,
                hovertemplate=f"%{{customdata}}: %{{y:{fmt}}}<extra>%{{fullData.name}}</extra>",
            )
        )
    shapes, annotations = series_break_marks(series_breaks, lang)
    if has_demo:
        annotations.append(demo_annotation(lang))
    return figure(traces, {**_layout(lang, y_title), "shapes": shapes, "annotations": annotations})


def _values(column: pd.Series | list) -> list:
    """Plain floats, an empty value as None (a gap in the line), as plotly's validation would pass them on."""
    return [None if pd.isna(v) else float(v) for v in column]


def _flag(value: object) -> bool:
    """A demo flag as the chart reads it: an empty one is not demo."""
    return False if pd.isna(value) else bool(value)


def demo_points_trace(
    x: list,
    y: list,
    label: object,
    colour: str,
    marker: str,
    fmt: str,
    periods: list[str] | None = None,
    lang: str | None = None,
) -> dict:
    """The demo values of a line that also has real ones: hollow markers on a dotted line with their own legend entry
    ("Kouvola – esimerkkiaineisto"), so the two are never read as one series (explorer, deck and PNG charts)."""
    name = f"{plotly(label)} – {t('chart.demo_points', lang)}"
    when = "%{customdata}" if periods is not None else "%{x}"
    trace: dict = dict(
        type="scatter",
        x=list(x),
        y=list(y),
        name=name,
        legendgroup=plotly(label),
        mode="lines+markers",
        line=dict(color=colour, dash=DEMO_POINTS_DASH, width=1.5),
        marker=dict(symbol=demo_marker(marker or "circle"), size=9, line=dict(width=2)),
        hovertemplate=f"{when}: %{{y:{fmt}}}<extra>%{{fullData.name}}</extra>",
    )
    if periods is not None:
        trace["customdata"] = periods
    return trace


def series_break_marks(series_breaks: list[int] | None, lang: str | None = None) -> tuple[list[dict], list[dict]]:
    """(shapes, annotations): a dotted vertical line and the label "sarjakatko" half a year before each series
    break."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    for year in series_breaks or []:
        x = year - 0.5
        shapes.append(
            dict(
                type="line",
                x0=x,
                x1=x,
                xref="x",
                y0=0,
                y1=1,
                yref="y domain",
                line=dict(color="#666", dash="dot", width=1),
            )
        )
        annotations.append(
            dict(
                x=x,
                y=1,
                yref="paper",
                text=t("chart.series_break", lang),
                showarrow=False,
                xanchor="left",
                font=dict(size=11, color="#444"),
            )
        )
    return shapes, annotations


def period_x(frame: pd.DataFrame) -> pd.Series:
    """x position: the year for an annual value, year + (month − 1) / 12 for a monthly one (2026M06 → 2026,42)."""
    year = frame["year"].astype("float64")
    if "month" not in frame:
        return year
    month = pd.to_numeric(frame["month"], errors="coerce")
    return year + ((month - 1) / 12).fillna(0)


def demo_annotation(lang: str | None = None) -> dict:
    """The "esimerkkiaineisto" label inside the top right corner of a chart."""
    return dict(
        text=t("demo.chart", lang),
        xref="paper",
        yref="paper",
        x=1,
        y=1.01,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=12, color=DEMO_FG),
        bgcolor="rgba(255,243,205,0.9)",
        bordercolor=DEMO_LINE,
        borderwidth=1,
    )


def add_demo_annotation(fig: go.Figure, lang: str | None = None) -> None:
    fig.add_annotation(demo_annotation(lang))


def titled(fig: go.Figure, title: str, caption: str = "") -> go.Figure:
    """A copy of the figure for export: the title (indicator, group, sex) above and a caption (unit, source, update
    date) below, so that a PNG pasted into a report still says what it shows."""
    out = go.Figure(fig)
    out.update_layout(
        title=dict(text=plotly(title), x=0, xanchor="left", font=dict(size=18)),
        margin=dict(t=80, b=110),
    )
    if caption:
        out.add_annotation(
            text=plotly(caption),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-95,
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font=dict(size=11, color=MUTED),
        )
    out.update_layout(legend=dict(y=-0.1))
    return out
