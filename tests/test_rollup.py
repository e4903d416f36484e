"""Given / expect tables for the goal roll-up, the generated developments, and the DB glue on the built database."""

from __future__ import annotations

import copy

import duckdb
import pandas as pd
import pytest

from tests.samples import verdict_row
from tutka.verdicts import developments, load_rules, verdicts_for
from tutka.verdicts.developments import topics_of
from tutka.verdicts.rollup import goal_rollup, goal_series, goal_status, rollup_for

RULES = load_rules()


v = verdict_row


@pytest.mark.parametrize(
    "improved, worsened, no_change, insufficient, n_ind, expect",
    [
        (3, 0, 1, 0, 4, "positive"),
        (2, 1, 0, 0, 3, "positive"),  # net 1 >= max(1, 0.75)
        (2, 1, 1, 0, 4, "positive"),  # net 1 >= max(1, 1.0)
        (2, 1, 2, 0, 5, "mixed"),  # net 1 < 1.25
        (1, 1, 0, 0, 2, "mixed"),
        (0, 2, 2, 0, 4, "negative"),
        (1, 3, 4, 0, 8, "negative"),  # −2 <= −2
        (0, 0, 3, 0, 3, "mixed"),  # stable
        (0, 0, 0, 4, 4, "insufficient"),
        (0, 0, 0, 0, 0, "no_indicators"),
    ],
)
def test_goal_status_rule(improved, worsened, no_change, insufficient, n_ind, expect):
    counts = pd.DataFrame(
        [
            {
                "improved": improved,
                "worsened": worsened,
                "no_change": no_change,
                "insufficient": insufficient,
                "n_indicators": n_ind,
            }
        ]
    )
    assert goal_status(counts, RULES).iloc[0] == expect


def test_goal_status_thresholds_from_rules():
    rules = copy.deepcopy(RULES)
    rules["rollup"]["net_share"] = 0.5
    counts = pd.DataFrame([{"improved": 3, "worsened": 1, "no_change": 2, "insufficient": 0, "n_indicators": 6}])
    assert goal_status(counts, RULES).iloc[0] == "positive"
    assert goal_status(counts, rules).iloc[0] == "mixed"


def test_goal_rollup_counts_headline_series():
    verdicts = pd.DataFrame(
        [
            v("a", "improved", grp="8.–9. lk"),
            v("a", "worsened", grp="lukio 1.–2. v"),
            v("a", "worsened", sex="female", grp="8.–9. lk"),  # sex series do not count (total exists)
            v("b", "worsened", sex="female"),
            v("b", "no_change", sex="male"),  # no total: the sex series count
            v("c", "decreased", polarity="neutral"),  # neutral: listed, not assessed
            v("d", "improved", region="KU272"),  # another municipality
        ]
    )
    goals = pd.DataFrame(
        [
            {"goal_id": "g1", "plan_id": "p", "region_code": "KU286", "position": 1, "title": "G1"},
            {"goal_id": "g2", "plan_id": "p", "region_code": "KU286", "position": 2, "title": "G2"},
            {"goal_id": "g3", "plan_id": "p", "region_code": "KU286", "position": 3, "title": "G3"},
        ]
    )
    links = pd.DataFrame(
        {"goal_id": ["g1", "g1", "g1", "g1", "g1", "g2"], "indicator_id": ["a", "a", "b", "c", "e", "d"]}
    )  # e: no data; d: only in KU272
    out = goal_rollup(pd.DataFrame(verdicts), goals, links).set_index("goal_id")
    g1 = out.loc["g1"]
    assert (g1.improved, g1.worsened, g1.no_change, g1.insufficient, g1.neutral) == (1, 2, 1, 1, 1)
    assert (g1.n_indicators, g1.assessed, g1.status) == (4, 4, "negative")  # net −1 <= −max(1, 0.25 × 4)
    assert (out.loc["g2"].insufficient, out.loc["g2"].status) == (1, "insufficient")
    assert out.loc["g3"].status == "no_indicators"
    drill = goal_series(pd.DataFrame(verdicts), goals, links)
    assert set(drill[drill.goal_id == "g1"]["indicator_id"]) == {"a", "b", "c", "e"}
    assert drill[(drill.goal_id == "g1") & (drill.indicator_id == "e")]["rule"].iloc[0] == "no_data"


def test_developments_group_by_audience_and_sex():
    verdicts = pd.DataFrame(
        [
            v("ktk_humala", "improved", grp="8.–9. lk", strength=3.0),
            v("ktk_kiusattu", "worsened", grp="8.–9. lk", strength=2.0),
            v("ktk_kiusattu", "worsened", grp="lukio 1.–2. v", strength=1.5),
            v("ktk_kiusattu", "no_change", grp="4.–5. lk"),
            v("ktk_ylipaino", "worsened", grp="8.–9. lk"),
            v("ktk_ylipaino", "worsened", grp="lukio 1.–2. v"),
            v("aik_psyk_kuormittuneisuus", "worsened"),
            v("aik_psyk_kuormittuneisuus", "worsened", sex="female", gap_trend="widened", gap_worse_sex="female"),
            v("aik_psyk_kuormittuneisuus", "no_change", sex="male", gap_trend="widened", gap_worse_sex="female"),
            v("tyottomyys", "improved"),
            v("vaesto", "decreased", polarity="neutral"),
            v("liikenne_kuolleet", "no_change"),
        ]
    )
    topics = {
        "ktk_humala": "paihteet",
        "ktk_kiusattu": "kiusaaminen_ja_vakivalta",
        "ktk_ylipaino": "elintavat",
        "aik_psyk_kuormittuneisuus": "mielenterveys",
        "tyottomyys": "tyollisyys",
    }
    d = developments(verdicts, "KU286", "fi", topics=topics)
    pos = [i["text"] for i in d["positive"]]
    neg = [i["text"] for i in d["negative"]]
    assert pos == [
        "Lasten ja nuorten päihteiden käyttö on vähentynyt (humalajuominen)",
        "Aikuisten työllisyystilanne on parantunut (työttömyys)",
    ]
    assert neg == [
        "Lasten ja nuorten kokema kiusaaminen ja väkivalta on lisääntynyt (koulukiusaaminen)",
        "Lasten ja nuorten elintavat ja terveys ovat heikentyneet (ylipaino)",
        "Aikuisten mielenterveyden ongelmat ovat lisääntyneet (psyykkinen kuormittuneisuus – erityisesti naisilla)",
    ]
    assert [i["text"] for i in d["neutral"]] == ["Väestö: laskenut"]
    assert developments(verdicts, "KU999", "fi") == {"positive": [], "negative": [], "neutral": []}
    assert developments(verdicts, "KU286", "en")["positive"][0]["audience_label"] == "Children and young people"
    # without topics: one phrase per audience and direction (the school groups named: both sides have the theme)
    plain = developments(verdicts, "KU286", "fi")
    assert plain["positive"][0]["text"] == "Lapset ja nuoret: myönteinen kehitys (8.–9. lk: humalajuominen)"


# ------------------------------------------------------------------------------------ on the built database
@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def test_verdicts_for_region_and_all(con):
    kou = verdicts_for(con, "KU286")
    assert set(kou["region_code"]) == {"KU286"}
    assert kou[["indicator_id", "sex", "grp"]].duplicated().sum() == 0
    assert kou["explanation"].str.endswith(".").all()
    assert set(kou["verdict"]) <= {"improved", "worsened", "no_change", "insufficient", "increased", "decreased"}
    full = verdicts_for(con)
    assert len(full) > len(kou)
    # the region filter gives exactly the rows of the national run (county and country loaded as benchmarks)
    same = full[full["region_code"] == "KU286"].reset_index(drop=True)
    pd.testing.assert_frame_equal(same.drop(columns=["explanation"]), kou.drop(columns=["explanation"]))


def test_kouvola_plan_year_matches_slide_2(con):
    """With the data up to 2023 (the plan's year) the generated lists carry the seed's slide-2 story."""
    kou = verdicts_for(con, "KU286", as_of=2023)
    d = developments(kou, "KU286", "fi", topics=topics_of(con))
    pos = " ".join(i["text"] for i in d["positive"])
    neg = " ".join(i["text"] for i in d["negative"])
    for word in ("humalajuominen", "tupakointi", "kannabiksen kokeilu"):  # youth substance use down
        assert word in pos, word
    for word in ("harrastaminen", "ylipaino", "koulukiusaaminen", "ahdistuneisuus", "yksinäisyys"):
        assert word in neg, word
    assert "Lasten ja nuorten päihteiden käyttö on vähentynyt (" in pos  # the seed's own first positive theme
    assert (
        "Aikuisten mielenterveyden ongelmat ovat lisääntyneet "
        "(mielenterveysperusteiset sairauspäivärahat – erityisesti naisilla)" in neg
    )


def test_kouvola_latest_employment_up_and_adult_mental_health_down(con):
    d = developments(verdicts_for(con, "KU286"), "KU286", "fi", topics=topics_of(con))
    pos = " ".join(i["text"] for i in d["positive"])
    neg = " ".join(i["text"] for i in d["negative"])
    assert "nuorisotyöttömyys" in pos and "työttömyys" in pos
    assert "humalajuominen" in pos
    assert "mielenterveysperusteiset sairauspäivärahat" in neg


def test_rollup_for_kouvola(con):
    goals, series = rollup_for(con, "KU286")
    assert list(goals["title"])[:4] == [
        "Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen",
        "Osallisuuden vahvistaminen",
        "Työllisyyden parantaminen",
        "Arjen turvallisuus",
    ]
    assert set(goals["status"]) <= {"positive", "negative", "mixed", "insufficient", "no_indicators"}
    tyo = goals.set_index("goal_id").loc["kou-tyollisyys"]
    assert tyo.status == "positive"
    assert set(series["goal_id"]) <= set(goals["goal_id"])


def test_cli_verdicts(built_db, tmp_path):
    from tutka.cli import main

    out = tmp_path / "v.csv"
    assert main(["verdicts", str(out), "--db", str(built_db), "--region", "KU286"]) == 0
    frame = pd.read_csv(out, dtype={"group": str}, keep_default_na=False)
    for col in (
        "indicator_id",
        "region_code",
        "sex",
        "group",
        "latest_year",
        "latest_value",
        "previous_year",
        "previous_value",
        "change",
        "verdict",
        "rule",
        "county_verdict",
        "country_verdict",
        "explanation",
    ):
        assert col in frame.columns
    assert set(frame["region_code"]) == {"KU286"}
    assert main(["verdicts", str(out), "--db", str(built_db), "--region", "XX1"]) == 2
    assert main(["verdicts", str(out), "--db", str(tmp_path / "missing.duckdb")]) == 2
