"""Charts of the verdict pages: the sex-gap dumbbell chart (Vertailu's regions × indicators is a table now,
tutka.app.verdicts.compare_table).

Colour-blind-safe (Okabe–Ito blue / vermillion / greys) and never colour alone: the Tasa-arvo table next to the
chart names each trend with its symbol (▲ narrowed, ▼ widened, ● stable).
"""

from __future__ import annotations

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
