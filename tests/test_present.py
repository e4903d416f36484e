"""Presentation mode: deck definitions (default, normalise, save/load), the deck model built from the verdicts,
and the Esitystila page in AppTest (navigation, URL slide number, edit + save)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tutka import db
from tutka.present import definition as defs
from tutka.present.build import NoPlanError, build_deck

GOALS = pd.DataFrame({"goal_id": ["g1", "g2", "g3"], "position": [0, 1, 2]})
LINKS = pd.DataFrame(
    {"goal_id": ["g1", "g1", "g2", "g2"], "indicator_id": ["a", "b", "c", "d"], "n_values": [5, 0, 3, 2]}
)


def test_default_definition_keeps_plan_order_and_indicators_with_data():
    d = defs.default_definition("p", LINKS, GOALS)
    assert d == {
        "plan_id": "p",
        "goals": [
            {"goal_id": "g1", "indicators": ["a"]},
            {"goal_id": "g2", "indicators": ["c", "d"]},
            {"goal_id": "g3", "indicators": []},
        ],
    }


def test_normalise_drops_unknown_and_keeps_the_presenters_order():
    default = defs.default_definition("p", LINKS, GOALS)
    saved = {
        "plan_id": "p",
        "goals": [
            {"goal_id": "g2", "indicators": ["d", "zz", "a", "c", "d"]},
            {"goal_id": "gone", "indicators": ["a"]},
            {"goal_id": "g1"},
        ],
    }
    assert defs.normalise(saved, default, LINKS) == {
        "plan_id": "p",
        "goals": [{"goal_id": "g2", "indicators": ["d", "c"]}, {"goal_id": "g1", "indicators": []}],
    }
    assert defs.normalise({"plan_id": "other", "goals": []}, default, LINKS) is default  # another plan
    assert defs.normalise({"plan_id": "p", "goals": [{"goal_id": "x"}]}, default, LINKS) is default  # nothing left
    assert defs.normalise(None, default, LINKS) is default


def test_deck_model_for_kouvola(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        deck = build_deck(con, "KU286")
    finally:
        con.close()
    assert deck.region_name == "Kouvola" and deck.county_name == "Kymenlaakson hyvinvointialue"
    assert [g.goal_id for g in deck.goals] == [
        "kou-elintavat",
        "kou-osallisuus",
        "kou-tyollisyys",
        "kou-turvallisuus",
        "kou-maakunta",
    ]
    assert [k for k, _ in deck.slide_kinds()] == ["title"] + ["goal"] * 5 + ["map", "equity", "sources"]
    assert deck.map is not None and deck.map.highlight == "286"  # the first goal chart's indicator, county-wide
    assert deck.map.indicator_id == deck.goals[0].charts[0].indicator_id
    assert len(deck.map.areas) == 6 and all(a.value is not None for a in deck.map.areas)
    assert deck.has_demo
    for g in deck.goals:
        assert all(p.verdict == "improved" for p in g.positives)
        assert all(p.verdict == "worsened" for p in g.negatives)
        assert all(p.text and any(ch.isdigit() for ch in p.text) for p in g.positives + g.negatives)
        assert len(g.charts) <= 2
        for chart in g.charts:
            assert chart.series[0].name == "Kouvola"  # the municipality first, then county and country
            assert len(chart.series[0].values) == len(chart.categories)
    assert deck.goals[-1].status == "no_indicators" and not deck.goals[-1].charts
    assert deck.gaps and all(g.female is not None and g.male is not None for g in deck.gaps)
    assert any(s.licence == "CC BY 4.0" for s in deck.sources)


def test_no_plan_is_a_clear_error(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        with pytest.raises(NoPlanError, match="Helsinki"):
            build_deck(con, "KU091")
    finally:
        con.close()


def test_saved_definition_drives_the_deck(fresh_db):
    con = db.connect(fresh_db)
    try:
        assert defs.load(con, "KU286") is None
        chosen = {
            "plan_id": "kouvola-2023",
            "goals": [
                {"goal_id": "kou-turvallisuus", "indicators": ["liikenne_kuolleet", "ktk_kiusattu"]},
                {"goal_id": "kou-tyollisyys", "indicators": ["nuorisotyottomyys"]},
            ],
        }
        defs.save(con, "KU286", chosen)
        defs.save(con, "KU286", chosen)  # overwrite, no duplicate key
        assert defs.load(con, "KU286") == chosen
        deck = build_deck(con, "KU286")
        assert [g.goal_id for g in deck.goals] == ["kou-turvallisuus", "kou-tyollisyys"]
        assert deck.goals[0].indicator_ids == ["liikenne_kuolleet", "ktk_kiusattu"]
        assert {c.indicator_id for c in deck.goals[0].charts} <= {"liikenne_kuolleet", "ktk_kiusattu"}
        assert [c.indicator_id for c in deck.goals[1].charts] == ["nuorisotyottomyys"]
        assert len(deck.slide_kinds()) == 6  # title, two goals, map, equity, sources
        defs.delete(con, "KU286")
        assert defs.load(con, "KU286") is None
        assert len(build_deck(con, "KU286").goals) == 5
    finally:
        con.close()


# ------------------------------------------------------------------------------------------------------- AppTest
@pytest.fixture()
def app_db(fresh_db, use_app_database):
    return use_app_database(fresh_db)


def run_present(**query: str) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/esitys.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _html(at: AppTest) -> str:
    return "\n".join(str(getattr(h, "proto", h)) for h in at.get("html"))


def test_page_navigation_and_slide_in_url(app_db):
    at = run_present(kunta="KU286", dia="2")
    assert "Terveellisten elintapojen" in _html(at)
    assert at.number_input(key="dia").value == 2
    at.button(key="tk_next").click().run()
    assert not at.exception
    assert at.number_input(key="dia").value == 3
    assert at.query_params["dia"] == ["3"] or at.query_params["dia"] == "3"
    assert "Osallisuuden vahvistaminen" in _html(at)
    at.button(key="tk_left").click().run()  # the hidden arrow-key button
    assert at.number_input(key="dia").value == 2
    at.number_input(key="dia").set_value(9).run()
    assert "Lähteet ja menetelmä" in _html(at)
    assert at.button(key="tk_next").disabled


def test_out_of_range_slide_link_is_clamped(app_db):
    at = run_present(kunta="KU272", dia="99")
    assert at.number_input(key="dia").value == 7  # Kokkola: title + 4 goals + equity + sources


def test_edit_mode_saves_the_deck(app_db):
    at = run_present(kunta="KU272", tila="edit")
    assert not at.error
    at.button(key="tk_save").click().run()
    assert not at.exception
    assert any("tallennettu" in s.value for s in at.success)
    from tutka import queries
    from tutka.app import common as ui

    saved = queries.run(ui.connection(), "deck_get", region="KU272").iloc[0]  # the app's own connection
    assert saved["plan_id"] == "kokkola-2022" and "kok-lapsi" in saved["definition"]


def test_long_goal_titles_get_smaller_type():
    from tutka.app.esitys import title_size

    assert title_size("Elämyksellisyys") == ""
    assert title_size("Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen") == " tk-long"
    assert title_size("x" * 130) == " tk-xlong"
