"""The app's figures are assembled from plain dicts without plotly's property validation (tutka.charts.figure, issue
13): each builder's figure must be exactly what plotly's validation makes of it, so a misspelt property, a wrong value
or a template given by name (which only validation resolves) fails here."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tutka import charts, maps
from tutka.charts.verdicts import gap_chart
from tutka.present.figures import chart_figure
from tutka.present.model import Chart, ChartSeries


def _json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


def assert_as_validated(fig: go.Figure) -> None:
    validated = go.Figure(fig.to_dict())  # raises on an unknown property or a bad value
    assert _json(fig) == _json(validated)
    assert _json(fig)["layout"]["template"]["layout"], "the template's contents, not its name"


def _series(months: bool = False, two_sexes: bool = False, demo: str = "none") -> pd.DataFrame:
    rows = []
    regions = [("KU286", "kunta", "Kouvola"), ("HV10", "hyvinvointialue", "Kymenlaakso"), ("SSS", "maa", "Koko maa")]
    for code, rtype, name in regions:
        for sex in ("female", "male") if two_sexes else ("total",):
            for i, year in enumerate(range(2012, 2024)):
                rows.append(
                    {
                        "label": f"{name}, {sex}" if two_sexes else name,
                        "region_code": code,
                        "region_type": rtype,
                        "sex": sex,
                        "year": year,
                        "month": (i % 12) + 1 if months else None,
                        "value": None if i == 4 else 10.0 + i * 1.25,
                        "ci_low": 9.0 + i if code == "KU286" else None,
                        "ci_high": 12.5 + i if code == "KU286" else None,
                        "is_demo": demo == "all" or (demo == "some" and year < 2016),
                    }
                )
    frame = pd.DataFrame(rows)
    return frame if months else frame.drop(columns="month")


@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("plain", {}),
        ("breaks", {"series_breaks": [2016, 2020]}),
        ("demo", {"has_demo": True}),
        ("mixed demo", {"has_demo": True}),
        ("months", {"lang": "sv"}),
        ("sexes", {"lang": "en", "series_breaks": [2018]}),
    ],
)
def test_line_chart_is_what_plotly_validates(kind, kwargs):
    frame = _series(
        months=kind == "months",
        two_sexes=kind == "sexes",
        demo={"demo": "all", "mixed demo": "some"}.get(kind, "none"),
    )
    fig = charts.line_chart(frame, label_col="label", y_title="%", decimals=1, region_order=["KU286"], **kwargs)
    assert_as_validated(fig)
    if kind == "breaks":  # bands split at both breaks, and each break marked
        assert len(fig.layout.shapes) == 2 and len(fig.layout.annotations) == 2
        bands = [tr for tr in fig.data if tr.fill == "toself"]
        assert [sorted({round(x) for x in tr.x}) for tr in bands] == [
            list(range(2012, 2016)),
            list(range(2016, 2020)),
            list(range(2020, 2024)),
        ]
    if kind == "mixed demo":
        names = [tr.name for tr in fig.data if tr.name]
        assert any(n.startswith("Kouvola – ") for n in names), names


def _map_frame() -> pd.DataFrame:
    codes = sorted(maps.shapes())[:40]
    return pd.DataFrame(
        {
            "official_code": codes,
            "name": [f"Kunta <b>{c}</b>" for c in codes],
            "value": [None if i % 7 == 0 else 1000.0 + 37.5 * i for i in range(len(codes))],
            "year": [2024] * len(codes),
            "verdict": [["improved", "worsened", "no_change", "", None][i % 5] for i in range(len(codes))],
        }
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"mode": "value", "unit": "%", "highlight": "020"},
        {"mode": "verdict", "has_demo": True, "lang": "sv"},
        {"mode": "value", "title": "Otsikko", "has_demo": True, "lang": "en"},
    ],
)
def test_map_is_what_plotly_validates(kwargs):
    fig = maps.map_figure(_map_frame(), **{"lang": "fi", **kwargs})
    assert_as_validated(fig)


def test_gap_chart_is_what_plotly_validates():
    frame = pd.DataFrame(
        {
            "label": ["Tupakointi", "Kiusattu", "Yksinäisyys"],
            "gap_previous": [-2.5, 4.0, None],
            "gap_latest": [-1.0, 6.5, 3.0],
            "gap_trend": ["narrowed", "widened", ""],
        }
    )
    for has_demo in (False, True):
        assert_as_validated(gap_chart(frame, "fi", has_demo))


def _deck_chart(kind: str) -> Chart:
    if kind == "bar":
        return Chart(
            "kiusattu",
            "Kiusattu <i>koulussa</i>",
            "%",
            1,
            ["Pojat, 8. ja 9. lk", "Tytöt, 8. ja 9. lk"],
            [ChartSeries("Kouvola", [6.5, 9.25]), ChartSeries("Koko maa", [5.0, None])],
            kind="bar",
        )
    years = [str(y) for y in range(2013, 2026, 2)]
    return Chart(
        "tyottomyys",
        "Työttömät",
        "%",
        1,
        years,
        [
            ChartSeries("Kouvola", [10.0, 11.5, None, 9.0, 8.5, 8.0, 7.5], "kunta", [True] * 3 + [False] * 4),
            ChartSeries("Kymenlaakso", [9.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0], "hyvinvointialue"),
            ChartSeries("Koko maa", [8.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0], "maa"),
        ],
        series_breaks=[2019],
    )


@pytest.mark.parametrize("kind", ["line", "bar"])
@pytest.mark.parametrize(
    "kwargs",
    [{}, {"title": True, "height": 450, "font_size": 14}, {"legend_top": True, "demo_annotation": False, "lang": "en"}],
)
def test_deck_chart_is_what_plotly_validates(kind, kwargs):
    chart = _deck_chart(kind)
    for is_demo in (False, True):
        chart.is_demo = is_demo
        fig = chart_figure(chart, **kwargs)
        assert_as_validated(fig)
        if kind == "line":  # the demo points of Kouvola drawn apart, the break marked
            assert any(" – " in (tr.name or "") for tr in fig.data)
            assert [s.x0 for s in fig.layout.shapes] == [2018.5]
