"""A region keeps its colour everywhere: Kouvola (the chosen municipality) is the municipality blue, its wellbeing
services county the county colour and the whole country the country colour in Indikaattorit — whatever the order of
the lines, however many sexes and compared municipalities — and the chosen municipality is outlined in the same blue
on the map (Vertailu). Tasa-arvo draws no region lines: its chart is coloured by the gap trend of one municipality."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.conftest import run_page
from tutka import charts
from tutka import domain as D

KUNTA, COUNTY, COUNTRY = D.ROLE_COLOURS["kunta"], D.ROLE_COLOURS["hyvinvointialue"], D.ROLE_COLOURS["maa"]


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


def _lines(fig_spec: str) -> dict[str, str]:
    """{trace name: line colour} of the drawn lines (confidence bands and hover dots left out)."""
    data = json.loads(fig_spec)["data"]
    return {
        t["name"]: t["line"]["color"]
        for t in data
        if t.get("name") and "lines" in (t.get("mode") or "") and t.get("line", {}).get("color")
    }


def _chart(at, key: str | None = None):
    charts_ = at.get("plotly_chart")
    return next(c for c in charts_ if key is None or c.key == key)


@pytest.mark.parametrize("sexes", [["total"], ["female", "male"]])
@pytest.mark.parametrize("others", [["KU075"], ["KU075", "KU272"]])  # Hamina sorts before Kouvola by code and name
def test_indicator_lines_keep_region_colours(app_env, sexes, others):
    query = {"kunta": "KU286", "ind": "ktk_kiusattu", "vrt": others, "sp": sexes}
    at = run_page(None, **{k: v for k, v in query.items() if isinstance(v, str)})
    at.switch_page("pages/indikaattorit.py")
    for key, values in query.items():
        if isinstance(values, list):
            at.query_params[key] = values
    at.run()
    assert not at.exception, at.exception
    lines = _lines(_chart(at).proto.spec)
    by_region: dict[str, set[str]] = {}
    for name, colour in lines.items():
        region = name.split(",")[0].split(" – ")[0]
        by_region.setdefault(region, set()).add(colour.upper())
    assert by_region["Kouvola"] == {KUNTA}, lines
    assert by_region["Kymenlaakson hyvinvointialue"] == {COUNTY}, lines
    assert by_region["Koko maa"] == {COUNTRY}, lines
    assert by_region["Hamina"] == {D.EXTRA_COLOURS[0]}, lines  # the first compared municipality, not Kouvola's blue
    if "KU272" in others:
        assert by_region["Kokkola"] == {D.EXTRA_COLOURS[1]}, lines
    if len(sexes) == 2:  # the two sexes of a region: same colour, told apart by the dash
        data = json.loads(_chart(at).proto.spec)["data"]
        dashes = {t["name"]: t["line"].get("dash") for t in data if str(t.get("name", "")).startswith("Kouvola,")}
        assert len(set(dashes.values())) == 2, dashes


def test_line_chart_colours_do_not_follow_drawing_order():
    rows = []
    for code, rtype, name in [("KU075", "kunta", "Hamina"), ("SSS", "maa", "Koko maa"), ("KU286", "kunta", "Kouvola")]:
        rows += [
            {"label": name, "region_code": code, "region_type": rtype, "sex": "total", "year": y, "value": 1.0}
            for y in (2020, 2021)
        ]
    frame = pd.DataFrame(rows).assign(ci_low=None, ci_high=None, is_demo=False)
    fig = charts.line_chart(
        frame, label_col="label", y_title="%", decimals=1, region_order=["KU286", "HV10", "SSS", "KU075"]
    )
    colours = {t.name: t.line.color for t in fig.data}
    assert colours == {"Hamina": D.EXTRA_COLOURS[0], "Koko maa": COUNTRY, "Kouvola": KUNTA}


def test_map_outlines_the_chosen_municipality_in_its_colour(app_env):
    at = run_page("pages/vertailu.py", kunta="KU286", osio="kartta")
    assert not at.exception, at.exception
    lines = _lines(_chart(at, "kartta_fig").proto.spec)
    assert lines.get("Kouvola", "").upper() == KUNTA, lines


def test_tasa_arvo_draws_no_region_lines(app_env):
    at = run_page("pages/tasa_arvo.py", kunta="KU286")
    assert not at.exception, at.exception
    names = {t.get("name") for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]}
    assert not names & {"Kouvola", "Kymenlaakson hyvinvointialue", "Koko maa"}, names
