"""Given / expect tables for every verdict rule (pure engine, synthetic frames; see docs/verdicts.md)."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest

from tutka.verdicts import compute_verdicts, load_rules, rules_markdown
from tutka.verdicts.engine import t_two_sided_p

NAN = float("nan")
MEMBERS = pd.DataFrame(
    [
        {"region_code": "KU286", "parent_code": "HV10", "parent_type": "hyvinvointialue", "valid_to": None},
        {"region_code": "KU286", "parent_code": "MK08", "parent_type": "maakunta", "valid_to": None},
        {"region_code": "KU286", "parent_code": "SSS", "parent_type": "maa", "valid_to": None},
        {"region_code": "HV10", "parent_code": "SSS", "parent_type": "maa", "valid_to": None},
    ]
)


def indicator(iid="x", kind="survey", polarity="lower_is_better", decimals=1, unit="%", breaks=()):
    return {
        "indicator_id": iid,
        "kind": kind,
        "polarity": polarity,
        "decimals": decimals,
        "short_unit": unit,
        "series_breaks": list(breaks),
        "title_fi": f"Indikaattori {iid}",
        "title_sv": None,
        "title_en": None,
    }


def series(points, iid="x", region="KU286", sex="total", grp="", **cols):
    """points: [(year, value)] or [(year, value, respondents)] or [(year, value, resp, ci_low, ci_high)]."""
    rows = []
    for p in points:
        row = {
            "indicator_id": iid,
            "region_code": region,
            "year": p[0],
            "sex": sex,
            "grp": grp,
            "value": p[1],
            "respondents": p[2] if len(p) > 2 else NAN,
            "ci_low": p[3] if len(p) > 3 else NAN,
            "ci_high": p[4] if len(p) > 4 else NAN,
            "is_demo": False,
        }
        row.update(cols)
        rows.append(row)
    return rows


def verdict(points, rules=None, **ind):
    inds = pd.DataFrame([indicator(**ind)])
    out = compute_verdicts(pd.DataFrame(series(points, iid=inds.indicator_id[0])), inds, MEMBERS, rules)
    assert len(out) == 1
    return out.iloc[0]


# ---------------------------------------------------------------------------------------------- survey threshold
@pytest.mark.parametrize(
    "points, polarity, expect, rule",
    [
        # 2 pp threshold around its edge (large / unknown respondents)
        ([(2021, 7.1), (2023, 9.1)], "lower_is_better", "worsened", "survey_change"),  # +2.0 exactly (float 1.99..)
        ([(2021, 7.2), (2023, 9.1)], "lower_is_better", "no_change", "survey_change"),  # +1.9
        ([(2021, 9.1), (2023, 7.1)], "lower_is_better", "improved", "survey_change"),  # −2.0
        ([(2021, 9.1), (2023, 7.2)], "lower_is_better", "no_change", "survey_change"),  # −1.9
        # polarity flip: the same numbers, higher is better
        ([(2021, 7.1), (2023, 9.1)], "higher_is_better", "improved", "survey_change"),
        ([(2021, 9.1), (2023, 7.1)], "higher_is_better", "worsened", "survey_change"),
        # values rounded to the indicator's decimals before comparing (what the user sees is what is judged)
        ([(2021, 7.149), (2023, 9.15)], "lower_is_better", "worsened", "survey_change"),  # shown 7,1 → 9,2
        ([(2021, 7.151), (2023, 9.149)], "lower_is_better", "no_change", "survey_change"),  # shown 7,2 → 9,1
        # 5 pp threshold when respondents < 100 in either round
        ([(2021, 10.0, 99), (2023, 14.9, 99)], "lower_is_better", "no_change", "survey_change_small"),
        ([(2021, 10.0, 99), (2023, 15.0, 99)], "lower_is_better", "worsened", "survey_change_small"),
        ([(2021, 10.0, 500), (2023, 14.9, 99)], "lower_is_better", "no_change", "survey_change_small"),
        ([(2021, 10.0, 99), (2023, 12.0, 500)], "lower_is_better", "no_change", "survey_change_small"),
        ([(2021, 10.0, 100), (2023, 12.0, 100)], "lower_is_better", "worsened", "survey_change"),
        ([(2021, 15.0, 60), (2023, 10.0, 60)], "lower_is_better", "improved", "survey_change_small"),
    ],
)
def test_survey_thresholds(points, polarity, expect, rule):
    r = verdict(points, polarity=polarity)
    assert (r.verdict, r.rule) == (expect, rule)


def test_survey_change_and_years_reported():
    r = verdict([(2019, 6.0), (2021, 6.7), (2023, 9.1)])
    assert (r.latest_year, r.latest_value, r.previous_year, r.previous_value) == (2023, 9.1, 2021, 6.7)
    assert r.change == pytest.approx(2.4)
    assert r.threshold == 2.0


@pytest.mark.parametrize(
    "points, expect, rule",
    [
        # change below 2 pp but intervals apart -> counts
        ([(2021, 10.0, 900, 9.5, 10.5), (2023, 11.5, 900, 11.0, 12.0)], "worsened", "survey_ci"),
        # touching / overlapping intervals do not count
        ([(2021, 10.0, 900, 9.0, 11.0), (2023, 11.5, 900, 10.5, 12.5)], "no_change", "survey_change"),
        ([(2021, 10.0, 900, 9.5, 11.0), (2023, 11.5, 900, 11.0, 12.0)], "no_change", "survey_change"),
        # a change above the threshold counts even when the intervals overlap
        ([(2021, 10.0, 900, 8.0, 12.0), (2023, 12.5, 900, 10.5, 14.5)], "worsened", "survey_change"),
        # interval missing in one round: only the pp rule
        ([(2021, 10.0, 900, NAN, NAN), (2023, 11.5, 900, 11.0, 12.0)], "no_change", "survey_change"),
    ],
)
def test_confidence_intervals(points, expect, rule):
    r = verdict(points)
    assert (r.verdict, r.rule) == (expect, rule)


def test_confidence_intervals_can_be_switched_off():
    rules = copy.deepcopy(load_rules())
    rules["survey"]["use_confidence_intervals"] = False
    r = verdict([(2021, 10.0, 900, 9.5, 10.5), (2023, 11.5, 900, 11.0, 12.0)], rules=rules)
    assert r.verdict == "no_change"


@pytest.mark.parametrize(
    "points, breaks, expect, rule, prev",
    [
        # 2013 and 2017 are on different sides of the 2015 break: not comparable
        ([(2013, 5.0), (2017, 9.0)], [2015], "insufficient", "insufficient_single", None),
        # the previous comparable round is 2017, not 2013
        ([(2013, 20.0), (2017, 9.0), (2019, 9.5)], [2015], "no_change", "survey_change", 2017),
        # a break exactly in the latest year starts a new series
        ([(2019, 5.0), (2021, 9.0)], [2021], "insufficient", "insufficient_single", None),
        # without the break the same data gives a verdict
        ([(2013, 5.0), (2017, 9.0)], [], "worsened", "survey_change", 2013),
    ],
)
def test_series_break(points, breaks, expect, rule, prev):
    r = verdict(points, breaks=breaks)
    assert (r.verdict, r.rule) == (expect, rule)
    assert (None if pd.isna(r.previous_year) else int(r.previous_year)) == prev


@pytest.mark.parametrize(
    "points, expect, rule, prev",
    [
        ([(2021, 7.0), (2023, NAN)], "insufficient", "insufficient_missing", None),  # suppressed latest
        ([(2021, 7.0, 300), (2023, 12.0, 10)], "insufficient", "insufficient_respondents", None),  # < 15 answered
        ([(2021, 7.0, 300), (2023, 12.0, 15)], "worsened", "survey_change_small", 2021),  # 15 is enough (5 pp)
        ([(2023, 7.0)], "insufficient", "insufficient_single", None),  # one round only
        # previous round suppressed: the latest is compared with the round before it (years are stated)
        ([(2019, 5.0), (2021, NAN), (2023, 9.0)], "worsened", "survey_change", 2019),
        ([(2019, 5.0, 300), (2021, 12.0, 8), (2023, 9.0, 300)], "worsened", "survey_change", 2019),
    ],
)
def test_suppressed_and_low_respondents(points, expect, rule, prev):
    r = verdict(points)
    assert (r.verdict, r.rule) == (expect, rule)
    assert (None if pd.isna(r.previous_year) else int(r.previous_year)) == prev


@pytest.mark.parametrize(
    "points, kind, expect",
    [
        ([(2021, 10.0), (2023, 13.0)], "survey", "increased"),
        ([(2021, 13.0), (2023, 10.0)], "survey", "decreased"),
        ([(2021, 10.0), (2023, 11.0)], "survey", "no_change"),
        ([(2019, 100.0), (2020, 99.0), (2021, 98.0), (2022, 97.0), (2023, 96.0)], "register", "decreased"),
        ([(2022, 100.0), (2023, 101.0)], "register", "no_change"),
        ([(2023, 100.0)], "register", "insufficient"),
    ],
)
def test_neutral_polarity_reports_direction_only(points, kind, expect):
    r = verdict(points, kind=kind, polarity="neutral")
    assert r.verdict == expect
    assert r.county_verdict == "" and r.country_verdict == ""


# -------------------------------------------------------------------------------------------------- register rules
@pytest.mark.parametrize(
    "points, expect, rule",
    [
        ([(2023, 10.0)], "insufficient", "insufficient_single"),
        # 2..4 points: relative change of the last two, 5 % threshold, edges
        ([(2022, 100.0), (2023, 105.0)], "worsened", "register_relative"),
        ([(2022, 100.0), (2023, 104.9)], "no_change", "register_relative"),
        ([(2022, 100.0), (2023, 95.0)], "improved", "register_relative"),
        ([(2022, 100.0), (2023, 95.1)], "no_change", "register_relative"),
        ([(2020, 50.0), (2021, 100.0), (2022, 100.0), (2023, 104.0)], "no_change", "register_relative"),  # last two
        ([(2022, 0.0), (2023, 1.0)], "worsened", "register_relative"),  # from zero
        ([(2022, 0.0), (2023, 0.0)], "no_change", "register_relative"),
        # >= 5 points: slope t-test over the latest 5
        ([(2019, 10.0), (2020, 10.5), (2021, 11.1), (2022, 11.4), (2023, 12.0)], "worsened", "register_trend"),
        ([(2019, 12.0), (2020, 11.6), (2021, 11.1), (2022, 10.4), (2023, 10.0)], "improved", "register_trend"),
        # noisy: ends 20 % higher but the slope is not significant (p > 0.05)
        ([(2019, 10.0), (2020, 14.0), (2021, 9.0), (2022, 13.0), (2023, 12.0)], "no_change", "register_trend"),
        # flat
        ([(2019, 10.0), (2020, 10.0), (2021, 10.0), (2022, 10.0), (2023, 10.0)], "no_change", "register_trend"),
        # only the latest 5 count: an old outlier (2017) does not matter
        (
            [(2017, 40.0), (2018, 10.0), (2019, 10.1), (2020, 9.9), (2021, 10.0), (2022, 10.1), (2023, 10.0)],
            "no_change",
            "register_trend",
        ),
    ],
)
def test_register_rules(points, expect, rule):
    r = verdict(points, kind="register")
    assert (r.verdict, r.rule) == (expect, rule)


def test_register_trend_reports_window_and_p():
    r = verdict([(2015, 1.0), (2019, 10.0), (2020, 10.5), (2021, 11.1), (2022, 11.4), (2023, 12.0)], kind="register")
    assert (r.previous_year, r.previous_value, r.n_points) == (2019, 10.0, 6)
    assert r.slope == pytest.approx(0.49)
    assert 0 < r.p_value < 0.05


def test_register_never_across_a_break():
    pts = [(2016, 5.0), (2017, 6.0), (2018, 7.0), (2019, 8.0), (2020, 20.0), (2021, 20.5)]
    assert verdict(pts, kind="register", breaks=[2020]).rule == "register_relative"
    assert verdict(pts, kind="register").rule == "register_trend"


def test_activity_behaves_like_register():
    r = verdict(
        [(2021, 600000.0), (2022, 676462.0)], kind="activity", polarity="higher_is_better", decimals=0, unit="lkm"
    )
    assert (r.verdict, r.rule) == ("improved", "register_relative")
    assert r.country_verdict == ""


def test_thresholds_come_from_the_rules():
    rules = copy.deepcopy(load_rules())
    rules["survey"]["change_pp"] = 3.0
    assert verdict([(2021, 7.0), (2023, 9.5)]).verdict == "worsened"
    assert verdict([(2021, 7.0), (2023, 9.5)], rules=rules).verdict == "no_change"
    rules["register"]["relative_change"] = 0.10
    assert verdict([(2022, 100.0), (2023, 106.0)], rules=rules, kind="register").verdict == "no_change"


# ------------------------------------------------------------------------------------------ benchmarks and gaps
def _frame(rows, **ind):
    inds = pd.DataFrame([indicator(**ind)])
    return compute_verdicts(pd.DataFrame(rows), inds, MEMBERS).set_index(["region_code", "sex"])


@pytest.mark.parametrize(
    "own, county, country, kind, exp_county, exp_country",
    [
        (9.1, 8.0, 7.0, "survey", "same", "worse"),  # 1,1 pp vs 2,1 pp
        (5.0, 8.0, 7.0, "survey", "better", "better"),
        (9.1, 9.1, NAN, "survey", "same", ""),  # no country value that year
        (10.9, 10.0, 12.0, "register", "same", "same"),  # 9 % and 9.2 %: below the 10 % rule
        (11.0, 10.0, 12.5, "register", "worse", "better"),  # exactly 10 % counts; 12 % too
    ],
)
def test_benchmarks(own, county, country, kind, exp_county, exp_country):
    rows = series([(2023, own, 900)]) + series([(2023, county, 9000)], region="HV10")
    rows += series([(2023, country, 90000)], region="SSS")
    out = _frame(rows, kind=kind)
    r = out.loc[("KU286", "total")]
    assert (r.county_verdict, r.country_verdict) == (exp_county, exp_country)
    assert out.loc[("HV10", "total")].county_verdict == ""  # a county has no county


def test_benchmark_small_municipality_uses_5pp():
    rows = series([(2023, 11.0, 60)]) + series([(2023, 7.0, 90000)], region="SSS")
    assert _frame(rows).loc[("KU286", "total")].country_verdict == "same"


@pytest.mark.parametrize(
    "female, male, kind, expect, worse_sex",
    [
        ([(2021, 20.0), (2023, 26.0)], [(2021, 15.0), (2023, 16.0)], "survey", "widened", "female"),  # 5 -> 10 pp
        ([(2021, 20.0), (2023, 18.0)], [(2021, 10.0), (2023, 12.0)], "survey", "narrowed", "female"),  # 10 -> 6 pp
        ([(2021, 20.0), (2023, 21.0)], [(2021, 10.0), (2023, 10.0)], "survey", "stable", "female"),  # 10 -> 11 pp
        ([(2021, 10.0), (2023, 11.0)], [(2021, 20.0), (2023, 15.0)], "survey", "narrowed", "male"),  # −10 -> −4
        ([(2022, 10.0), (2023, 12.0)], [(2022, 8.0), (2023, 8.0)], "register", "widened", "female"),  # 2 -> 4
        ([(2023, 10.0)], [(2023, 8.0)], "survey", "insufficient", "female"),
    ],
)
def test_sex_gap(female, male, kind, expect, worse_sex):
    rows = series(female, sex="female") + series(male, sex="male")
    out = _frame(rows, kind=kind)
    f = out.loc[("KU286", "female")]
    assert (f.gap_trend, f.gap_worse_sex) == (expect, worse_sex)
    assert f.gap_latest == pytest.approx(female[-1][1] - male[-1][1])
    assert out.loc[("KU286", "male")].gap_trend == expect


# ------------------------------------------------------------------------------------------------- explanations
def test_explanation_sentence_with_numbers():
    rows = series([(2021, 6.7, 900), (2023, 9.1, 900)], grp="8.–9. lk") + series(
        [(2023, 7.0, 90000)], region="SSS", grp="8.–9. lk"
    )
    r = _frame(rows).loc[("KU286", "total")]
    assert r.explanation == (
        "Indikaattori x (8.–9. lk): 9,1\u00a0% (2023), +2,4\u00a0%-yks. vuodesta 2021 "
        "(raja 2\u00a0%-yks.); koko maa 7,0\u00a0%."
    )


def test_explanation_says_demo_and_missing():
    rows = series([(2021, 6.7), (2023, NAN)], sex="female", grp="8.–9. lk", is_demo=True)
    r = _frame(rows).loc[("KU286", "female")]
    assert "tytöt" in r.explanation and "puuttuu" in r.explanation and "esimerkkiaineisto" in r.explanation


def test_real_series_with_demo_benchmark_says_which_number_is_demo():
    rows = series([(2021, 6.7, 900), (2023, 9.1, 900)]) + series([(2023, 7.0, 90000)], region="SSS", is_demo=True)
    r = _frame(rows).loc[("KU286", "total")]
    assert r.explanation.endswith("koko maa 7,0\u00a0% (esimerkkiaineisto).")
    assert not r.is_demo and r.country_is_demo


def test_explanation_trend_and_relative():
    r = verdict([(2019, 10.0), (2020, 10.5), (2021, 11.1), (2022, 11.4), (2023, 12.0)], kind="register")
    assert "merkitsevä trendi 2019–2023" in r.explanation and "+0,49" in r.explanation
    r = verdict([(2022, 100.0), (2023, 106.0)], kind="register", decimals=0, unit="/1000")
    assert "+6,0\u00a0% vuodesta 2022 (raja ±5\u00a0%)" in r.explanation


# ----------------------------------------------------------------------------------------------------- misc
@pytest.mark.parametrize("df, t_crit", [(1, 12.7062), (2, 4.3027), (3, 3.1824), (4, 2.7764), (5, 2.5706), (10, 2.2281)])
def test_t_p_value_matches_tables(df, t_crit):
    assert t_two_sided_p(np.array([t_crit]), df)[0] == pytest.approx(0.05, abs=2e-4)
    assert t_two_sided_p(np.array([0.0]), df)[0] == pytest.approx(1.0)
    assert t_two_sided_p(np.array([math.inf]), df)[0] == 0.0


def test_one_row_per_series_and_demo_flag():
    rows = (
        series([(2021, 1.0), (2023, 2.0)], sex="female")
        + series([(2021, 1.0), (2023, 2.0)], sex="male")
        + series([(2021, 1.0), (2023, 2.0)], grp="8.–9. lk", is_demo=True)
    )
    out = compute_verdicts(pd.DataFrame(rows), pd.DataFrame([indicator()]), MEMBERS)
    assert len(out) == 3
    assert out["is_demo"].tolist().count(True) == 1


def test_values_of_unknown_indicators_are_ignored_and_empty_input():
    rows = series([(2021, 1.0), (2023, 2.0)], iid="not_in_catalogue")
    assert compute_verdicts(pd.DataFrame(rows), pd.DataFrame([indicator()]), MEMBERS).empty
    assert compute_verdicts(pd.DataFrame(columns=["indicator_id"]), pd.DataFrame([indicator()]), MEMBERS).empty


@pytest.mark.parametrize(
    "lang, needle", [("fi", "2 prosenttiyksikköä"), ("sv", "2 procentenheter"), ("en", "2 percentage points")]
)
def test_rules_markdown_fills_thresholds(lang, needle):
    text = rules_markdown(lang)
    assert needle in text.replace("\u00a0", " ")
    assert "{" not in text
