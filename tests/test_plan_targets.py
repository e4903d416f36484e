"""Targets on plan metrics and distance to target (fi/sv/en), and the goal page showing it next to the verdicts."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from tests.conftest import page_text, run_page
from tutka.plans import store, targets

CURRENT = {"value": 9.125, "year": 2023, "decimals": 1, "short_unit": "%", "polarity": "lower_is_better"}


def metric(**target) -> dict:
    base = {"kind": "value", "op": None, "value": 8.0, "year": None, "unit": "%", "group": None}
    return {"target": base | target}


@pytest.mark.parametrize(
    "lang,expect",
    [
        ("fi", "tavoite 8 %, nyt 9,1 % (2023), ei saavutettu"),
        ("sv", "mål 8 %, nu 9,1 % (2023), inte uppnått"),
        ("en", "target 8 %, now 9.1 % (2023), not achieved"),
    ],
)
def test_distance_text_in_three_languages(lang, expect):
    d = targets.distance(metric(), CURRENT, lang)
    assert d.status == "not_achieved"
    assert d.text.replace("\u00a0", " ") == expect


def test_direction_year_and_rounding():
    # no direction: lower is better → at most; 8,04 is shown as 8,0 → achieved
    assert targets.distance(metric(), CURRENT | {"value": 8.04}).status == "achieved"
    assert targets.distance(metric(op="lt"), CURRENT | {"value": 8.0}).status == "not_achieved"
    assert (
        targets.distance(metric(op="ge", value=60), CURRENT | {"value": 61, "polarity": "neutral"}).status == "achieved"
    )
    not_yet = targets.distance(metric(op="lt", year=2025), CURRENT)
    assert not_yet.status == "not_yet" and "tavoitevuosi 2025" in not_yet.text
    assert "alle 8 % vuonna 2025" in not_yet.text.replace("\u00a0", " ")
    assert targets.distance(metric(), None).status == "no_data"


def test_yes_no_target_from_follow_up_and_count_from_figures():
    metrics = pd.DataFrame(
        [
            {
                "metric_id": "m1",
                "action_id": "a1",
                "text": "Malli käytössä/ei",
                "target_kind": "yesno",
                "target_op": "eq",
                "target_value": 1.0,
                "target_year": None,
                "target_unit": None,
                "target_group": None,
            },
            {
                "metric_id": "m2",
                "action_id": "a2",
                "text": "Kerhot",
                "target_kind": "count",
                "target_op": "ge",
                "target_value": 80.0,
                "target_year": 2022,
                "target_unit": None,
                "target_group": None,
            },
        ]
    )
    figures = pd.DataFrame([{"action_id": "a2", "label": "Kerhot", "value": 87.0, "unit": "lkm", "year": 2022}])
    follow = pd.DataFrame([{"action_id": "a1", "year": 2023, "status": "toteutunut", "progress": None}])
    out = targets.distances_from(metrics, pd.DataFrame(columns=["metric_id"]), figures, follow)
    assert out["m1"].status == "achieved" and "toimenpide toteutunut" in out["m1"].text
    assert out["m2"].status == "achieved" and "87 lkm (2022)" in out["m2"].text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def target_db(built_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("targets") / "tutka.duckdb"
    shutil.copy(built_db, path)
    con = duckdb.connect(str(path))
    plan = store.read_plan(con, "kouvola-2023")
    action = next(a for g in plan["goals"] for a in g["actions"] if a["action_id"] == "kou-elintavat-2023-ln-3")
    action["metrics"][1]["target"] = {
        "kind": "value",
        "op": "lt",
        "value": 8.0,
        "year": 2025,
        "unit": "%",
        "group": "8.–9. lk",
    }
    action["followup"] = [{"year": 2023, "status": "jatkuva", "progress": "Koulutukset <b>jatkuvat</b>"}]
    store.save_plan(con, plan, user="test")
    latest = con.execute(
        "select value, year from indicator_values where indicator_id = 'ktk_kiusattu' and region_code = 'KU286' "
        "and sex = 'total' and grp = '8.–9. lk' and value is not null order by year desc limit 1"
    ).fetchone()
    con.close()
    return path, latest


def test_plan_distances_use_the_latest_value_of_the_linked_indicator(target_db):
    path, (value, year) = target_db
    con = duckdb.connect(str(path), read_only=True)
    try:
        d = targets.plan_distances(con, "kouvola-2023", "KU286")["kou-elintavat-2023-ln-3-m2"]
    finally:
        con.close()
    assert d.current == pytest.approx(value) and d.year == year
    shown = f"{value:.1f}".replace(".", ",")
    assert f"nyt {shown}" in d.text.replace("\u00a0", " ")


def test_goal_page_shows_distance_to_target_and_follow_up(target_db, use_app_database):
    use_app_database(target_db[0])
    at = run_page("pages/tavoite.py", kunta="KU286", tavoite_id="kou-elintavat")
    assert not at.exception, at.exception
    text = page_text(at).replace("\u00a0", " ").replace("\\", "")
    assert "tavoite alle 8 % vuonna 2025, 8.–9. lk, nyt" in text
    assert "Seuranta 2023: **jatkuva**" in text
    assert "Koulutukset <b>jatkuvat</b>" in text  # escaped in Markdown, shown as typed


def test_deck_shows_distance_to_target_on_the_slide_and_in_the_notes(target_db, tmp_path):
    from pptx import Presentation

    from tutka.exports.pptx_deck import deck_pptx
    from tutka.present.build import build_deck

    con = duckdb.connect(str(target_db[0]), read_only=True)
    try:
        deck = build_deck(con, "KU286", "fi")
    finally:
        con.close()
    goal = next(g for g in deck.goals if g.goal_id == "kou-elintavat")
    assert len(goal.targets) == 1 and "tavoite alle 8 % vuonna 2025" in goal.targets[0].replace("\u00a0", " ")
    assert all(not g.targets for g in deck.goals if g.goal_id != "kou-elintavat")
    out = tmp_path / "deck.pptx"
    out.write_bytes(deck_pptx(deck))
    notes = "\n".join(
        s.notes_slide.notes_text_frame.text for s in Presentation(str(out)).slides if s.has_notes_slide
    ).replace("\u00a0", " ")
    assert "tavoite alle 8 % vuonna 2025" in notes


def test_plan_cli_strips_terminal_escapes_from_plan_texts(built_db, tmp_path, capsys):
    from tutka.cli import main

    path = tmp_path / "esc.duckdb"
    shutil.copy(built_db, path)
    con = duckdb.connect(str(path))
    plan = store.read_plan(con, "kouvola-2023")
    plan["title"] = "Suunnitelma \x1b[31mpunainen\x1b]0;otsikko\x07"
    store.save_plan(con, plan, user="testi\x1b[2J")
    con.close()
    capsys.readouterr()
    assert main(["plan", "list", "--db", str(path)]) == 0
    assert main(["plan", "history", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "punainen" in out and "testi" in out
    assert "\x1b" not in out and "\x07" not in out
