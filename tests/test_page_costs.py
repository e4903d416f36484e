"""What a page run costs: the data version is read once per run (not once per cached query), the Indikaattorit
figure is built once (the PNG's titled copy only when the button is clicked, in the page's language), Etusivu and
Vertailu read the stored goal roll-up without computing the drill-down series."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import run_page
from tutka import charts
from tutka.i18n import get_lang, t, using_lang


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


def counting(monkeypatch, module, name: str) -> list:
    calls: list = []
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_data_version_is_read_once_per_run(app_env, monkeypatch):
    from tutka.verdicts import store

    at = run_page(None, kunta="KU286")  # Etusivu: a dozen cached queries, verdicts and developments
    assert not at.exception
    calls = counting(monkeypatch, store, "state")
    at.selectbox(key="kunta").set_value("KU272").run()
    assert not at.exception
    assert 1 <= len(calls) <= 2, len(calls)  # once per run (was once per cached query)


def test_a_write_in_the_run_forgets_the_version(app_env):
    """Inside a run, leaving the write lock makes the next data_version() read the database again."""
    from tutka.app import common

    common._run_version.marker, common._run_version.version = "marker", 123
    with common.write_lock():
        pass
    assert getattr(common._run_version, "marker", None) is None


def test_indicator_figure_built_once_per_run(app_env, monkeypatch):
    from tutka.app import indikaattorit

    calls = counting(monkeypatch, indikaattorit, "figure")
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu")
    assert not at.exception
    assert len(calls) == 1, len(calls)  # the run on Indikaattorit draws it once (twice before: chart and PNG)


def test_goal_statuses_without_drill_down(app_env, monkeypatch):
    from tutka.app import verdicts as vu

    calls = counting(monkeypatch, vu, "goal_series")
    for page, heading in (("pages/etusivu.py", "Tavoitteet: "), ("pages/vertailu.py", t("v.compare.goals", "fi"))):
        at = run_page(page, kunta="KU286", osio="tavoitteet")  # Vertailu's goals tab (Etusivu has no tabs)
        assert not at.exception
        headings = [s.value for s in at.subheader] + [tab.label for tab in at.tabs]
        assert any(h.startswith(heading) for h in headings), (page, headings)
        assert "Työllisyyden parantaminen" in " ".join(m.value for m in at.markdown)  # a goal of Kouvola's plan
    assert calls == []


def test_using_lang_binds_texts_built_outside_the_session():
    """A text asked for without a language inside the block (as a deferred PNG build does) is in the bound one."""
    import plotly.graph_objects as go

    assert get_lang() == "fi"
    with using_lang("sv"):
        assert get_lang() == "sv"
        fig = go.Figure()
        charts.add_demo_annotation(fig)  # no language given: the bound one
    assert get_lang() == "fi"
    notes = [a.text for a in fig.layout.annotations]
    assert notes == [t("demo.chart", "sv")] and t("demo.chart", "sv") != t("demo.chart", "fi")


def test_gap_chart_one_line_trace_per_colour_in_frame_order():
    from tutka import domain as D
    from tutka.charts.verdicts import gap_chart

    frame = pd.DataFrame(
        {
            "label": ["c", "a", "b", "d"],
            "gap_previous": [1.0, -2.0, 0.5, 3.0],
            "gap_latest": [2.0, -1.0, 0.25, 1.0],
            "gap_trend": ["widened", "narrowed", "stable", "narrowed"],
        }
    )
    fig = gap_chart(frame)
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    assert len(lines) == 3  # widened, narrowed, stable: not one trace per row
    segments = {
        (tr.line.color, y, x0, x1) for tr in lines for x0, x1, y in zip(tr.x[0::3], tr.x[1::3], tr.y[0::3], strict=True)
    }
    assert segments == {
        (D.BAD, "c", 1.0, 2.0),
        (D.GOOD, "a", -2.0, -1.0),
        (D.MUTED, "b", 0.5, 0.25),
        (D.GOOD, "d", 3.0, 1.0),
    }
    assert all(tr.x[2::3] == (None,) * (len(tr.x) // 3) for tr in lines)  # gaps between the rows' segments
    assert list(fig.layout.yaxis.categoryarray) == ["c", "a", "b", "d"]  # the frame's order, not the traces'


def test_development_details_are_built_only_when_opened(app_env, monkeypatch):
    """Etusivu's expander of the sentences behind the developments is lazy: closed (the default), a run builds none
    of them; opened, they are shown."""
    from tutka.app import verdicts as vu

    calls = counting(monkeypatch, vu, "explanations_markdown")
    at = run_page(None, kunta="KU286")
    assert not at.exception
    details = [e for e in at.expander if e.label.startswith(t("v.overview.details", n=0).split("(")[0])]
    assert len(details) == 1 and not details[0].children, details
    closed = len(calls)
    assert closed <= 1, closed  # the verdict table's own explanations only, nothing for the closed expander
    at.session_state["kehitys_perustelut"] = True  # what a click on the expander does
    at.run()
    assert not at.exception
    assert len(calls) - closed > closed, "the opened expander builds one list of sentences per phrase"
    opened = next(e for e in at.expander if e.label == details[0].label)
    assert any(m.value.startswith("- ") for m in opened.markdown)  # one bullet per series behind a phrase


def test_developments_read_from_the_store(app_env, monkeypatch):
    """Etusivu words the stored developments (latest and the plan's year): it groups none itself; a year the store
    does not keep is grouped for that one municipality only."""
    import importlib

    dev = importlib.import_module("tutka.verdicts.developments")  # the module (the package exports the function)
    groups: list[set] = []
    original = dev.group
    monkeypatch.setattr(dev, "group", lambda v, *a, **k: groups.append(set(v["region_code"])) or original(v, *a, **k))
    at = run_page(None, kunta="KU286")  # the latest data and Kouvola's plan year (2023), both stored
    assert not at.exception
    assert any(m.value.startswith("- ") for m in at.markdown)  # theme phrases were shown
    assert groups == []
    at = run_page(None, kunta="KU286", vuosi="2020")
    assert not at.exception
    assert groups and all(g == {"KU286"} for g in groups), groups


def test_shared_query_frames_are_not_changed_by_a_page(app_env):
    """run_query's frames are shared by the sessions (st.cache_resource): what one page changes in its copy (a new
    column, a changed cell, a filled column) never reaches the cache — pandas' copy-on-write copies on change."""
    from tutka.app import common

    first = common.run_query("regions_all")
    before = first.copy(deep=True)
    first["extra"] = 1
    first.loc[first.index[0], "name_fi"] = "Muutettu"
    first["name_sv"] = first["name_sv"].fillna("–")
    again = common.run_query("regions_all")
    pd.testing.assert_frame_equal(again, before)
    assert "Muutettu" not in set(again["name_fi"])


def test_memo_builds_once_per_key_and_data_version(app_env, monkeypatch):
    """A view's figure or file is built once per (key, data version, rules) and rebuilt after the data or the verdict
    rules change."""
    from tutka.app import common

    built: list[str] = []

    def build(tag: str):
        built.append(tag)
        return object()

    a1 = common.memo("test_view", ("KU286", "fi"), lambda: build("a"))
    a2 = common.memo("test_view", ("KU286", "fi"), lambda: build("a"))
    b = common.memo("test_view", ("KU286", "sv"), lambda: build("b"))
    assert a1 is a2 and b is not a1 and built == ["a", "b"]
    monkeypatch.setattr(common, "data_version", lambda: 10**6)  # as after an import
    a3 = common.memo("test_view", ("KU286", "fi"), lambda: build("a"))
    assert a3 is not a1 and built == ["a", "b", "a"]
    monkeypatch.setattr(common.verdict_store, "rules_fingerprint", lambda: "edited")  # data/verdict_rules.yaml edited
    a4 = common.memo("test_view", ("KU286", "fi"), lambda: build("a"))
    assert a4 is not a3 and built == ["a", "b", "a", "a"]


def test_indicator_files_are_built_when_their_menu_opens(app_env, monkeypatch):
    """A visit of Indikaattorit draws the chart and one closed "Lataa" menu: the CSV is built in the run that opens
    the menu, once per view (not on every visit, and not on click)."""
    from tutka.app import indikaattorit

    calls = counting(monkeypatch, indikaattorit, "csv_download")
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu")
    assert not at.exception
    assert calls == [] and not at.get("download_button")
    at.session_state["lataukset"] = True
    at.run()
    assert not at.exception
    assert len(calls) == 1 and len(at.get("download_button")) == 3
    at.run()
    assert len(calls) == 1  # the same view again: the file is not built again


def test_vertailu_views_are_built_once_per_view(app_env, monkeypatch):
    """Vertailu's table rows and map are built once per view and data version: a rerun of the same view (a row
    picked, the page visited again) only draws them."""
    from tutka import maps
    from tutka.app import verdicts as vu

    rows = counting(monkeypatch, vu, "series_label")
    maps_built = counting(monkeypatch, maps, "map_figure")
    at = run_page("pages/vertailu.py", kunta="KU286", osio="kartta")
    assert not at.exception
    assert len(maps_built) == 1
    at.run()
    assert not at.exception
    assert len(maps_built) == 1  # the same view again: drawn, not built
    at = run_page("pages/vertailu.py", kunta="KU286")  # the table's tab; the closed map tab builds nothing
    assert not at.exception
    first_rows = len(rows)
    assert first_rows > 0 and len(maps_built) == 1
    at.run()
    assert not at.exception
    assert (len(rows), len(maps_built)) == (first_rows, 1)


def test_sparkline_values_equal_a_groupby_per_series():
    """Etusivu's sparklines in one pass over lists: the same values and demo flags, in the same order, as a groupby
    of the series (rows with a missing key left out, a missing demo flag read as not demo)."""
    from tutka.app.verdicts import sparkline_values

    vals = pd.DataFrame(
        {
            "indicator_id": ["a", "a", "b", "a", "b", None, "a"],
            "sex": ["total", "total", "female", "male", "female", "total", "total"],
            "grp": ["", "", "8-9", "", "8-9", "", None],
            "year": [2020, 2021, 2020, 2020, 2022, 2020, 2020],
            "value": [1.234, 2.0, 3.456, 4.0, 5.0, 6.0, 7.0],
            "is_demo": [True, None, False, False, True, True, True],
        }
    ).sort_values("year", kind="stable")
    expected = {
        k: (g["value"].round(2).tolist(), g["is_demo"].fillna(False).astype(bool).tolist())
        for k, g in vals.groupby(["indicator_id", "sex", "grp"])
    }
    assert sparkline_values(vals) == expected
    assert expected[("a", "total", "")] == ([1.23, 2.0], [True, False])
