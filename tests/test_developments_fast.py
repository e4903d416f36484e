"""The generated developments (tutka.verdicts.developments, plain Python over one municipality's rows) give exactly
what the earlier pandas formulation gave, kept here as the oracle, on every region, language and plan year of the
built database. Ties in strength are ordered by indicator id in both (the pandas sorts made stable)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tutka.i18n import t
from tutka.verdicts import developments, load_rules
from tutka.verdicts import store as verdict_store
from tutka.verdicts.developments import NEGATIVE, POSITIVE, audience_of, audience_order, headline
from tutka.verdicts.text import short_name

RULES = load_rules()


# --- the oracle: the pandas formulation this module replaced (sorts made stable) ---------------------------------
def _sex_note(v: pd.DataFrame, direction: str) -> pd.DataFrame:
    cols = ["indicator_id", "grp"]
    f = v[v["sex"] == "female"].set_index(cols)
    m = v[v["sex"] == "male"].set_index(cols)
    both = pd.concat(
        [f["verdict"].rename("f"), m["verdict"].rename("m"), f["gap_trend"].rename("gap")]
        + [f["gap_worse_sex"].rename("worse")],
        axis=1,
        join="inner",
    )
    note = pd.Series("", index=both.index, dtype="object")
    note[(both["f"] == direction) & (both["m"] != direction)] = "female"
    note[(both["m"] == direction) & (both["f"] != direction)] = "male"
    together = (both["f"] == direction) & (both["m"] == direction)
    gap_move = "widened" if direction == NEGATIVE else "narrowed"
    pick = together & (both["gap"] == gap_move) & both["worse"].isin(["female", "male"])
    note[pick] = both.loc[pick, "worse"]
    return note.rename("note").reset_index()


def _phrases(part: pd.DataFrame, v: pd.DataFrame, notes: pd.DataFrame, lang: str) -> list[str]:
    part = part.assign(_s=part["strength"].fillna(0))
    order = part.groupby("indicator_id")["_s"].max().sort_values(ascending=False, kind="stable").index
    by_ind = dict(list(part.groupby("indicator_id", sort=False)))
    n_groups = v[v["grp"] != ""].groupby("indicator_id")["grp"].nunique()
    live = notes[notes["note"] != ""]
    notes_by_ind = dict(list(live.groupby("indicator_id", sort=False)))
    phrases = []
    for ind in order:
        rows = by_ind[ind]
        name = short_name(ind, str(rows["title"].iloc[0] or ""), lang)
        details = [g for g in rows["grp"] if g]
        if details and len(details) == int(n_groups.get(ind, 0)) and len(details) > 1:
            details = [t("v.dev.all_groups", lang)]
        nt = notes_by_ind.get(ind)
        if nt is not None:
            nt = nt[nt["grp"].isin(rows["grp"])]
            if not nt.empty:
                young = "young" if (nt["grp"] != "").any() else "adult"
                details.append(t(f"v.dev.especially.{nt['note'].mode().iloc[0]}.{young}", lang))
        phrases.append(f"{name} ({'; '.join(details)})" if details else name)
    return phrases


def oracle(verdicts: pd.DataFrame, region: str, lang: str) -> dict:
    v = verdicts[verdicts["region_code"] == region]
    result: dict[str, list] = {"positive": [], "negative": [], "neutral": []}
    if v.empty:
        return result
    h = headline(v, RULES["developments"].get("headline_sex", "total")).copy()
    h["audience"] = audience_of(h["indicator_id"], RULES).to_numpy()
    assessed = h[h["verdict"].isin(["improved", "worsened", "no_change"]) & (h["polarity"] != "neutral")]
    n_assessed = assessed.groupby("audience")["indicator_id"].nunique()
    for key, code in (("positive", POSITIVE), ("negative", NEGATIVE)):
        sel = h[h["verdict"] == code]
        notes = _sex_note(v, code)
        for aud in audience_order(RULES):
            part = sel[sel["audience"] == aud]
            if part.empty:
                continue
            ids = list(dict.fromkeys(part.sort_values("strength", ascending=False, kind="stable")["indicator_id"]))
            label = t(f"v.aud.{aud}", lang)
            total = int(n_assessed.get(aud, len(ids)))
            items = ", ".join(_phrases(part, v, notes, lang))
            text = t(f"v.dev.{key}", lang, audience=label, items=items, n=len(ids), total=total)
            result[key].append(dict(audience=aud, audience_label=label, text=text, indicators=ids, n=len(ids)))
            result[key][-1].update(n_assessed=total, series=part)
    neutral = h[h["verdict"].isin(["increased", "decreased"])]
    for idx, row in neutral.sort_values("strength", ascending=False, kind="stable").iterrows():
        name = short_name(row["indicator_id"], str(row.get("title") or ""), lang)
        text = t(f"v.dev.{row['verdict']}", lang, name=name[:1].upper() + name[1:])
        result["neutral"].append(
            dict(audience="", audience_label="", indicators=[row["indicator_id"]], text=text, n=1, n_assessed=1)
        )
        result["neutral"][-1]["series"] = neutral.loc[[idx]]
    return result


def assert_same(got: dict, want: dict) -> None:
    assert list(got) == list(want)
    for key in want:
        assert len(got[key]) == len(want[key]), key
        for a, b in zip(got[key], want[key], strict=True):
            pd.testing.assert_frame_equal(a["series"], b["series"])
            assert {k: x for k, x in a.items() if k != "series"} == {k: x for k, x in b.items() if k != "series"}


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_developments_equal_the_pandas_oracle_on_every_region(con, lang):
    regions = con.execute("select distinct region_code from store_verdicts order by 1").fetchall()
    assert len(regions) > 3
    checked = 0
    for (region,) in regions:
        frame = verdict_store.stored_verdicts(con, [region], lang, explained=False)
        got = developments(frame, region, lang)
        assert_same(got, oracle(frame, region, lang))
        checked += bool(got["positive"] or got["negative"])
    assert checked > 3  # not vacuous: regions with generated sentences were compared


def test_developments_equal_the_oracle_as_of_plan_years(con):
    pairs = verdict_store.stored_plan_years(con)
    assert pairs
    for region, year in sorted(pairs):
        frame = verdict_store.stored_verdicts(con, [region], "fi", explained=False, as_of=year)
        assert_same(developments(frame, region, "fi"), oracle(frame, region, "fi"))


def test_sex_note_ties_and_missing_values():
    """Both sexes moved and the gap widened: the worse-off sex; missing texts (None/NaN) are no verdicts."""
    base = dict(region_code="KU1", polarity="higher_is_better", title="x", is_demo=False)
    rows = [
        dict(base, indicator_id="a", sex="total", grp="", verdict="worsened", strength=1.0, gap_trend=None),
        dict(base, indicator_id="a", sex="female", grp="", verdict="worsened", strength=1.0, gap_trend="widened")
        | {"gap_worse_sex": "male"},
        dict(base, indicator_id="a", sex="male", grp="", verdict="worsened", strength=1.0, gap_trend="widened")
        | {"gap_worse_sex": "male"},
        dict(base, indicator_id="b", sex="total", grp="", verdict="worsened", strength=1.0, gap_trend=float("nan")),
        dict(base, indicator_id="b", sex="female", grp="", verdict=None, strength=None, gap_trend=None),
        dict(base, indicator_id="b", sex="male", grp="", verdict="worsened", strength=2.0, gap_trend=None),
    ]
    frame = pd.DataFrame(rows)
    frame["gap_worse_sex"] = frame["gap_worse_sex"].fillna("")
    got = developments(frame, "KU1", "fi")
    assert_same(got, oracle(frame, "KU1", "fi"))
    text = got["negative"][0]["text"]
    assert text.count("erityisesti miehillä") == 2, text  # a: gap widened, men worse off; b: only men moved
    assert got["negative"][0]["indicators"] == ["a", "b"]  # equal strength: id order
