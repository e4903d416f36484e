"""Exports (the council deck, the yearly report) read the verdicts from the store when it is current: the same deck
and report as from verdicts computed from the values."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from tutka.plans.report import build_report
from tutka.present.build import build_deck
from tutka.verdicts import store, verdicts_for


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def plain(obj) -> dict:
    data = dataclasses.asdict(obj)
    data.pop("generated_at", None)
    return data


@pytest.mark.parametrize("region, lang", [("KU286", "fi"), ("KU272", "sv")])
def test_deck_from_store_equals_computed(con, region, lang, monkeypatch):
    assert store.is_fresh(con)
    computed = build_deck(con, region, lang, use_saved=False, verdicts=verdicts_for(con, region, lang))
    import tutka.verdicts.compute as compute

    def no_compute(*args, **kwargs):
        raise AssertionError("computed although the store is current")

    monkeypatch.setattr(compute, "verdicts_for", no_compute)
    from_store = build_deck(con, region, lang, use_saved=False)
    assert plain(from_store) == plain(computed)
    assert from_store.slide_kinds()


def test_report_from_store_equals_computed(con, monkeypatch):
    region, year = "KU272", 2022
    assert (region, year) in store.stored_plan_years(con)
    from_store = build_report(con, region, year, "fi")
    calls = []
    monkeypatch.setattr(store, "is_fresh", lambda *a, **k: calls.append(1) or False)  # as if stale: computed
    computed = build_report(con, region, year, "fi")
    assert calls
    assert plain(from_store) == plain(computed)
    assert from_store.goals


def test_region_verdicts_computes_a_year_the_store_does_not_hold(con):
    got = store.region_verdicts(con, "KU286", "fi", as_of=2019)
    want = verdicts_for(con, "KU286", lang="fi", as_of=2019)
    assert ("KU286", 2019) not in store.stored_plan_years(con)
    assert got.equals(want) and len(got) > 10
