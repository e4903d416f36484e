"""The verdict store: verdicts read from the store equal a fresh computation, and the store follows the data
(init, import commit, undo) and the rules (a stale store is recomputed once)."""

from __future__ import annotations

import csv
import io

import duckdb
import pandas as pd
import pytest

from tutka import db, queries
from tutka.importers import analyse, commit, undo
from tutka.verdicts import load_rules, store, verdicts_for
from tutka.verdicts.rollup import rollup_for


@pytest.fixture()
def con(fresh_db):
    c = duckdb.connect(str(fresh_db))
    yield c
    c.close()


def csv_file(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def assert_store_equals_fresh(con, regions: list[str], lang: str = "fi") -> pd.DataFrame:
    stored = store.stored_verdicts(con, regions, lang).reset_index(drop=True)
    fresh = verdicts_for(con, regions, lang=lang).reset_index(drop=True)
    assert len(stored) > 0
    pd.testing.assert_frame_equal(stored, fresh, check_dtype=False)
    return stored


def latest(con, region: str, indicator: str = "tyottomyys") -> pd.Series:
    v = store.stored_verdicts(con, [region])
    return v[(v["indicator_id"] == indicator) & (v["sex"] == "total") & (v["grp"] == "")].iloc[0]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_store_equals_fresh_computation(con, lang):
    assert store.is_fresh(con)  # init_db built it in the loading transaction
    assert_store_equals_fresh(con, ["KU286"], lang)
    both = assert_store_equals_fresh(con, ["KU272", "KU286"], lang)
    assert set(both["region_code"]) == {"KU272", "KU286"}
    assert both["explanation"].str.len().gt(20).all()  # the sentences were built for the shown rows
    fresh_goals, _ = rollup_for(con, "KU286")
    pd.testing.assert_frame_equal(
        store.stored_rollups(con, ["KU286"]).reset_index(drop=True),
        fresh_goals.reset_index(drop=True),
        check_dtype=False,
    )


def test_regions_read_one_at_a_time_combine_to_one_read(con):
    """The app caches each region's verdicts and combines them for Vertailu: the same frame as one read of all."""
    regions = ["KU286", "KU272", "KU075"]
    one_read = store.stored_verdicts(con, regions, "sv", explained=False)
    combined = store.combined([store.stored_verdicts(con, [r], "sv", explained=False) for r in regions])
    assert set(one_read["region_code"]) == set(regions)
    pd.testing.assert_frame_equal(combined, one_read.reset_index(drop=True))


def test_store_has_every_series_of_the_country(con):
    n_series = con.execute(
        "select count(*) from (select distinct indicator_id, region_code, sex, grp from indicator_values)"
    ).fetchone()[0]
    assert con.execute("select count(*) from store_verdicts").fetchone()[0] == n_series


def test_store_follows_import_commit_and_undo(con, fresh_db):
    before = latest(con, "KU286")
    year = int(before["latest_year"])
    assert before["latest_value"] != 55.5
    a = analyse(
        csv_file(
            [
                ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Lähde"],
                ["tyottomyys", "Kouvola", year, "Yhteensä", "55,5", "Testi"],
            ]
        ),
        "a.csv",
        con,
    )
    res = commit(con, a, fresh_db)
    assert store.is_fresh(con)
    after = latest(con, "KU286")
    assert after["latest_value"] == 55.5 and "55,5" in after["explanation"]
    assert_store_equals_fresh(con, ["KU286"])
    stats = queries.run(con, "indicators_all").set_index("indicator_id")
    assert (
        stats.loc["tyottomyys", "n_values"]
        == con.execute("select count(*) from indicator_values where indicator_id = 'tyottomyys'").fetchone()[0]
    )
    undo(con, res.import_id)
    assert store.is_fresh(con)
    restored = latest(con, "KU286")
    assert restored["latest_value"] == before["latest_value"] and restored["verdict"] == before["verdict"]
    assert_store_equals_fresh(con, ["KU286", "KU272"])


def test_stale_store_is_recomputed_once(con):
    assert store.ensure_fresh(con) is False
    db.bump_data_version(con)  # data changed by a writer that did not refresh
    assert not store.is_fresh(con)
    assert store.ensure_fresh(con) is True
    assert store.ensure_fresh(con) is False
    rules = load_rules()
    edited = {**rules, "register": {**rules["register"], "relative_change": 0.5}}
    assert store.rules_fingerprint(edited) != store.rules_fingerprint()
    assert not store.is_fresh(con, edited)
    assert store.ensure_fresh(con, edited) is True
    assert store.is_fresh(con, edited) and not store.is_fresh(con)
    got = store.stored_verdicts(con, ["KU286"]).reset_index(drop=True)
    fresh = verdicts_for(con, ["KU286"], rules=edited).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, fresh, check_dtype=False)


def test_failed_commit_leaves_the_store_as_it_was(con, fresh_db, monkeypatch):
    before = store.state(con)
    a = analyse(
        csv_file(
            [
                ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Lähde"],
                ["tyottomyys", "Kouvola", 2024, "Yhteensä", "55,5", "Testi"],
            ]
        ),
        "a.csv",
        con,
    )

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "compute_verdicts", boom)  # fails the full and the incremental refresh alike
    with pytest.raises(RuntimeError, match="disk full"):
        commit(con, a, fresh_db)
    assert store.state(con) == before and store.is_fresh(con)


def test_explanations_only_for_the_shown_rows(con):
    bare = store.stored_verdicts(con, ["KU286"], "sv", explained=False)
    assert (bare["explanation"] == "").all()
    shown = bare.head(7)
    filled = store.with_explanations(shown, "sv")
    full = store.stored_verdicts(con, ["KU286"], "sv").head(7)
    assert filled["explanation"].tolist() == full["explanation"].tolist()
    assert filled["explanation"].str.len().gt(20).all()


def test_plan_year_verdicts_are_stored(con):
    pairs = store.stored_plan_years(con)
    assert ("KU286", 2023) in pairs or any(r == "KU286" for r, _ in pairs)
    for region, year in sorted(pairs):
        stored = store.stored_verdicts(con, [region], "fi", as_of=year).reset_index(drop=True)
        fresh = verdicts_for(con, region, lang="fi", as_of=year).reset_index(drop=True)
        assert len(stored) > 0 and stored["latest_year"].max() <= year
        pd.testing.assert_frame_equal(stored, fresh, check_dtype=False)


def test_store_without_plans_or_values(con):
    con.execute("delete from plans")
    con.execute("delete from indicator_values where region_code <> 'KU286'")
    assert store.refresh(con, in_transaction=False) > 0
    assert store.stored_plan_years(con) == set()
    assert store.stored_rollups(con, ["KU286"]).empty
    assert_store_equals_fresh(con, ["KU286"])
    con.execute("delete from indicator_values")
    assert store.refresh(con, in_transaction=False) == 0
    assert store.stored_verdicts(con, ["KU286"]).empty


def test_series_verdicts_are_the_stored_verdicts_of_that_series(con):
    """The map's narrow read (one series, some regions) gives what the full read of those regions gives."""
    regions = [r for (r,) in con.execute("select distinct region_code from store_verdicts order by 1").fetchall()]
    full = store.stored_verdicts(con, regions, explained=False)
    checked = 0
    for (indicator, sex, grp), part in full.groupby(["indicator_id", "sex", "grp"]):
        expected = dict(zip(part["region_code"], part["verdict"], strict=True))
        assert store.series_verdicts(con, indicator, sex, grp, regions) == expected
        assert store.series_verdicts(con, indicator, sex, grp, regions[:1]) == {
            k: v for k, v in expected.items() if k == regions[0]
        }
        checked += 1
    assert checked > 20
    assert store.series_verdicts(con, "ei_ole", "total", "", regions) == {}


def test_a_full_refresh_judged_a_few_indicators_at_a_time_equals_one_pass(con, monkeypatch):
    """compute() reads and judges the values in runs of indicators (memory at national scale); the store it gives
    is the one a single pass over every value gives."""
    one = store.compute(con)
    monkeypatch.setattr(store, "CHUNK_VALUES", 300)
    chunks = store._indicator_chunks(con)
    assert len(chunks) > 5 and sorted(sum(chunks, [])) == sum(chunks, [])  # in order, each indicator once
    many = store.compute(con)
    for a, b in zip(one, many, strict=True):
        assert len(a) > 0
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)
