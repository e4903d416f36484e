"""The stored developments (store_developments, grouped once per data version by tutka/verdicts/store.py) worded on
read equal `developments()` computed from the same verdicts, for every region × language × as-of year of the store."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tutka import queries
from tutka.i18n import LANGS
from tutka.verdicts import developments, store, topics_of


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def assert_same(stored: dict, computed: dict, where: str) -> None:
    assert list(stored) == list(computed), where
    for side, items in computed.items():
        assert len(stored[side]) == len(items), f"{where} {side}"
        for a, b in zip(stored[side], items, strict=True):
            assert set(a) == set(b), f"{where} {side}"
            for key, value in b.items():
                if key == "series":
                    pd.testing.assert_frame_equal(a[key], value, obj=f"{where} {side} series")
                else:
                    assert a[key] == value and type(a[key]) is type(value), f"{where} {side} {key}"


def test_stored_developments_equal_computed_for_every_region_language_and_year(con):
    assert store.is_fresh(con)
    topics = topics_of(con)
    regions = queries.run(con, "regions_all")["region_code"].tolist()
    years = sorted(store.stored_plan_years(con))
    assert {"KU286", "KU272"} <= {r for r, _ in years}
    phrases: dict[str, int] = {}
    for lang in LANGS:
        latest = store.stored_verdicts(con, regions, lang, explained=False)
        cases = [(r, None, latest[latest["region_code"] == r]) for r in regions]
        cases += [(r, y, store.stored_verdicts(con, [r], lang, explained=False, as_of=y)) for r, y in years]
        for region, as_of, frame in cases:
            where = f"{region} {lang} {as_of}"
            stored = store.stored_developments(con, region, frame, lang, as_of)
            assert_same(stored, developments(frame, region, lang, topics=topics), where)
            phrases[where] = len(stored["positive"]) + len(stored["negative"])
    with_plan = {r for r, _ in years}
    without = {w for w, n in phrases.items() if n and w.split()[0].startswith("KU") and w.split()[0] not in with_plan}
    assert len({w.split()[0] for w in without}) >= 3  # several municipalities without a plan have phrases too
    assert all(phrases[f"{r} {lang} {y}"] for r, y in years for lang in LANGS)  # and every plan year


def test_a_region_without_verdicts_has_no_developments(con):
    frame = store.stored_verdicts(con, ["KU286"], "fi", explained=False).head(0)
    assert store.stored_developments(con, "XX000", frame, "fi") == {"positive": [], "negative": [], "neutral": []}


def test_groups_of_other_data_are_refused(con):
    """A grouped series missing from the verdicts (the store moved on since they were read) is a KeyError, which
    Etusivu answers by grouping the verdicts it has."""
    from tutka.verdicts.developments import phrase

    grouped = con.execute(
        "select * from store_developments where region_code = 'KU286' and as_of is null"  # test-only read
    ).df()
    frame = store.stored_verdicts(con, ["KU286"], "fi", explained=False)
    gone = frame[frame["indicator_id"] != grouped["indicator_id"].iloc[0]]
    with pytest.raises(KeyError):
        phrase(grouped, gone, "KU286", "fi")
