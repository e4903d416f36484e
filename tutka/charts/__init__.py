"""Plotly figures with Finnish number formats and a colour-blind-safe palette (Okabe–Ito).

Lines are told apart by colour *and* dash/marker symbol; demo values get an annotation inside the chart, so a
screenshot or PNG export never loses the label.
"""

from __future__ import annotations

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
from tutka.fmt import period_text
from tutka.i18n import t
from tutka.textsafe import plotly

SEP = {"fi": ", ", "sv": ", ", "en": ".,"}

# The figures' template: plotly_white's layout and its bar and scatter defaults only. Setting a template by name
# deep-copies and validates it on every figure; the whole plotly_white (defaults for ~25 trace types) took 14 ms per
# figure and ~4 kB of every chart sent to the browser (issue 13), this one 3–4 ms.
TEMPLATE = "tutka"
_white = pio.templates["plotly_white"]
pio.templates[TEMPLATE] = go.layout.Template(
    layout=_white.layout, data={"bar": _white.data.bar, "scatter": _white.data.scatter}
)


# d3 format: thousands grouped ("1 500" with separators ", "), insignificant zeros trimmed, never an SI suffix
# ("700k"); negative numbers get a true minus sign from plotly.js.
NUMBER_TICKS = ",~f"


def finnish_numbers(fig: go.Figure, lang: str, axes: str = "y") -> go.Figure:
    """Decimal comma and space-grouped thousands on the value axis (or axes, e.g. "xy")."""
    fig.update_layout(separators=SEP.get(lang, ", "))
    for axis in axes:
        getattr(fig, f"update_{axis}axes")(tickformat=NUMBER_TICKS, exponentformat="none")
    return fig


def _layout(fig: go.Figure, lang: str, y_title: str, height: int = 420) -> go.Figure:
    """One layout update (each update_layout/update_*axes call validates again): the same settings as
    finnish_numbers on the value axis, whole years on the time axis."""
    fig.update_layout(
        separators=SEP.get(lang, ", "),
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        hovermode="x unified",
        template=TEMPLATE,
        font=dict(size=14),
        xaxis=dict(dtick=1, tickformat="d"),
        yaxis=dict(title=dict(text=y_title), tickformat=NUMBER_TICKS, exponentformat="none"),
    )
    return fig


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


def _pieces(part: pd.DataFrame, breaks: list[int] | None) -> list[pd.DataFrame]:
    """The rows of one line split at the series breaks."""
    edges = sorted(int(b) for b in breaks or [])
    bounds = [-(10**9), *edges, 10**9]
    out = [part[(part["year"] >= lo) & (part["year"] < hi)] for lo, hi in zip(bounds, bounds[1:], strict=False)]
    return [p for p in out if not p.empty]


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
    fig = go.Figure()
    fmt = f",.{decimals}f"
    n_lines = frame[label_col].nunique()  # confidence bands only when they stay readable
    groups = list(frame.groupby(label_col, sort=False))
    rtypes = [str(p["region_type"].iloc[0]) if "region_type" in p else "kunta" for _, p in groups]
    styles = series_styles(rtypes)
    if "region_code" in frame:  # a region keeps its colour whatever the drawing order and however many sexes
        codes = [str(p["region_code"].iloc[0]) for _, p in groups]
        kinds = dict(zip(codes, rtypes, strict=True))
        order = [c for c in dict.fromkeys([*(region_order or []), *codes]) if c in kinds]
        by_region = region_styles([(c, kinds[c]) for c in order])
        several = "sex" in frame and frame["sex"].nunique() > 1
        sexes = [str(p["sex"].iloc[0]) if "sex" in p else "" for _, p in groups]
        styles = [
            (by_region[c][0], sex_dash(by_region[c][1], sx, several), by_region[c][2])
            for c, sx in zip(codes, sexes, strict=True)
        ]
    for (label, part), rtype, (colour, dash, marker) in zip(groups, rtypes, styles, strict=True):
        part = part.assign(_x=period_x(part)).sort_values("_x")
        demo = part["is_demo"].fillna(False).astype(bool) if "is_demo" in part else pd.Series(False, index=part.index)
        if demo.any() and (~demo).any():
            fig.add_trace(
                demo_points_trace(
                    part.loc[demo, "_x"],
                    part.loc[demo, "value"],
                    label,
                    colour,
                    marker,
                    fmt,
                    period_text(part.loc[demo]),
                    lang,
                )
            )
            part = part[~demo]
        if show_ci and n_lines <= 3 and part[["ci_low", "ci_high"]].notna().any().any():
            for piece in _pieces(part, series_breaks):
                fig.add_trace(
                    go.Scatter(
                        x=list(piece["_x"]) + list(piece["_x"])[::-1],
                        y=list(piece["ci_high"]) + list(piece["ci_low"])[::-1],
                        fill="toself",
                        fillcolor=colour,
                        opacity=0.12,
                        line=dict(width=0),
                        hoverinfo="skip",
                        showlegend=False,
                    )
                )
        x, y, periods = broken_at(list(part["_x"]), list(part["value"]), series_breaks, period_text(part))
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                name=plotly(label),
                legendgroup=plotly(label),
                mode="lines+markers",
                line=dict(color=colour, dash=dash, width=3 if rtype == "kunta" else 2),
                marker=dict(symbol=marker, size=9),
                connectgaps=False,
                customdata=periods,
                hovertemplate=f"%{{customdata}}: %{{y:{fmt}}}<extra>%{{fullData.name}}</extra>",
            )
        )
    mark_series_breaks(fig, series_breaks, lang)
    if has_demo:
        add_demo_annotation(fig, lang)
    return _layout(fig, lang, y_title)


def demo_points_trace(
    x: object,
    y: object,
    label: object,
    colour: str,
    marker: str,
    fmt: str,
    periods: object = None,
    lang: str | None = None,
) -> go.Scatter:
    """The demo values of a line that also has real ones: hollow markers on a dotted line with their own legend entry
    ("Kouvola – esimerkkiaineisto"), so the two are never read as one series (explorer, deck and PNG charts)."""
    name = f"{plotly(label)} – {t('chart.demo_points', lang)}"
    when = "%{customdata}" if periods is not None else "%{x}"
    return go.Scatter(
        x=x,
        y=y,
        name=name,
        legendgroup=plotly(label),
        mode="lines+markers",
        line=dict(color=colour, dash=DEMO_POINTS_DASH, width=1.5),
        marker=dict(symbol=demo_marker(marker or "circle"), size=9, line=dict(width=2)),
        customdata=periods,
        hovertemplate=f"{when}: %{{y:{fmt}}}<extra>%{{fullData.name}}</extra>",
    )


def mark_series_breaks(fig: go.Figure, series_breaks: list[int] | None, lang: str | None = None) -> None:
    """A dotted vertical line and the label "sarjakatko" half a year before each series break."""
    for year in series_breaks or []:
        fig.add_vline(x=year - 0.5, line=dict(color="#666", dash="dot", width=1))
        fig.add_annotation(
            x=year - 0.5,
            y=1,
            yref="paper",
            text=t("chart.series_break", lang),
            showarrow=False,
            xanchor="left",
            font=dict(size=11, color="#444"),
        )


def period_x(frame: pd.DataFrame) -> pd.Series:
    """x position: the year for an annual value, year + (month − 1) / 12 for a monthly one (2026M06 → 2026,42)."""
    year = frame["year"].astype("float64")
    if "month" not in frame:
        return year
    month = pd.to_numeric(frame["month"], errors="coerce")
    return year + ((month - 1) / 12).fillna(0)


def add_demo_annotation(fig: go.Figure, lang: str | None = None) -> None:
    fig.add_annotation(
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
