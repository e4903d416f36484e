"""The incremental verdict-store refresh (tutka/verdicts/store.py `refresh(..., import_id=...)`): after an import
commit and after its undo, every store table equals a full recomputation, while only the series the change touched
(and those whose county or country benchmark it touched) were recomputed."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.samples import csv_bytes
from tutka.importers import ImportOptions, analyse, commit, undo
from tutka.verdicts import store

TABLES = {
    "store_verdicts": ["indicator_id", "region_code", "sex", "grp"],
    "store_plan_verdicts": ["as_of", "indicator_id", "region_code", "sex", "grp"],
    "store_goal_rollups": ["region_code", "plan_id", "goal_id"],
    "store_indicator_stats": ["indicator_id"],
    "store_source_stats": ["source", "is_demo"],
    "store_developments": ["region_code", "as_of", "side", "item", "position"],
}


@pytest.fixture()
def con(fresh_db):
    c = duckdb.connect(str(fresh_db))
    yield c
    c.close()


def snapshot(con) -> dict[str, pd.DataFrame]:
    out = {}
    for table, keys in TABLES.items():
        frame = con.execute(f"select * from {table}").df()  # test-only read of whole tables
        out[table] = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    return out


def assert_equals_full_refresh(con) -> dict[str, pd.DataFrame]:
    """The store as the incremental refresh left it equals the store recomputed from scratch."""
    assert store.is_fresh(con)
    incremental = snapshot(con)
    store.refresh(con, in_transaction=False)  # import_id=None: everything
    full = snapshot(con)
    for table in TABLES:
        assert len(full[table]) > 0, table
        pd.testing.assert_frame_equal(incremental[table], full[table], check_dtype=False, obj=table)
    return full


HEAD = ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Lähde"]


def test_incremental_equals_full_after_import_and_undo(con, monkeypatch):
    calls: list[int] = []
    real = store.refresh_touched
    monkeypatch.setattr(store, "refresh_touched", lambda c, t, r=None: calls.append(len(t)) or real(c, t, r))
    full: list[int] = []
    real_all = store._refresh_all
    monkeypatch.setattr(store, "_refresh_all", lambda c, r: full.append(1) or real_all(c, r))
    total = con.execute("select count(*) from store_verdicts").fetchone()[0]
    a = analyse(
        csv_bytes(
            [
                HEAD,
                # a plan municipality (Kouvola): its verdict, as-of-plan verdicts and goal roll-ups change
                ["tyottomyys", "Kouvola", 2026, "Yhteensä", "55,5", "Testi"],
                ["aik_liikunta_vahan", "Kouvola", 2026, "Tytöt", "40", "Testi"],  # the sex gap (female vs male)
                # its wellbeing services county: every municipality of the county gets a new county benchmark
                ["tyottomyys", "HV10", 2026, "Yhteensä", "9,9", "Testi"],
                # the country: every region's country benchmark of this indicator changes
                ["aik_psyk_kuormittuneisuus", "SSS", 2024, "Yhteensä", "33", "Testi"],
                ["tyottomyys", "Kotka", 2026, "Yhteensä", "12", "Testi"],
            ]
        ),
        "a.csv",
        con,
    )
    assert a.ok, [p.message("fi") for p in a.errors]
    first = commit(con, a)
    assert calls and not full, "the commit did not take the incremental path"
    after_import = assert_equals_full_refresh(con)
    changed = after_import["store_verdicts"]
    kouvola = changed[(changed["region_code"] == "KU286") & (changed["indicator_id"] == "tyottomyys")]
    assert (kouvola["latest_value"] == 55.5).any()
    assert (changed[changed["indicator_id"] == "aik_psyk_kuormittuneisuus"]["country_value"] == 33).any()

    # a second import replacing whole series (values deleted) on top, then undoing the first one
    b = analyse(
        csv_bytes([HEAD, ["tyottomyys", "Kouvola", 2025, "Yhteensä", "7,7", "Testi"]]),
        "b.csv",
        con,
        ImportOptions(replace_series=True),
    )
    assert b.ok, [p.message("fi") for p in b.errors]
    commit(con, b)
    assert_equals_full_refresh(con)
    calls.clear()
    full.clear()
    undo(con, first.import_id)
    assert calls and not full, "the undo did not take the incremental path"
    assert_equals_full_refresh(con)
    # only a part of the country was recomputed (not every series)
    scope = store.affected_pairs(
        con,
        con.execute(
            "select distinct indicator_id, region_code from value_history where import_id = ?", [first.import_id]
        ).df(),
        con.execute("select region_code, parent_code, parent_type from region_membership").df(),
    )
    pairs = con.execute(
        "select count(*) from (select distinct indicator_id, region_code from store_verdicts)"
    ).fetchone()[0]
    assert 0 < len(scope) < pairs and total > 0


def test_a_change_to_most_of_the_country_recomputes_everything(con, monkeypatch):
    full: list[int] = []
    real_all = store._refresh_all
    monkeypatch.setattr(store, "_refresh_all", lambda c, r: full.append(1) or real_all(c, r))
    monkeypatch.setattr(store, "FULL_SHARE", 0.0)  # any scope is "most of the country"
    a = analyse(csv_bytes([HEAD, ["tyottomyys", "Kouvola", 2026, "Yhteensä", "5", "Testi"]]), "d.csv", con)
    commit(con, a)
    assert full and store.is_fresh(con)
    assert_equals_full_refresh(con)


def test_stale_store_or_changed_rules_recompute_everything(con, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(store, "refresh_touched", lambda *a, **k: calls.append(1) or 0)
    rules = store.load_rules()
    changed = {**rules, "survey": {**rules["survey"], "min_respondents": rules["survey"]["min_respondents"] + 1}}
    a = analyse(csv_bytes([HEAD, ["tyottomyys", "Kouvola", 2026, "Yhteensä", "5", "Testi"]]), "c.csv", con)
    with con.cursor() as cur:
        cur.begin()
        cur.execute("update meta set value = (value::integer + 1)::varchar where key = 'data_version'")
        store.refresh(cur, changed, import_id=1)  # other rules than the store's: a full recompute
        cur.commit()
    assert not calls and store.state(con)[2] == store.rules_fingerprint(changed)
    commit(con, a)  # the store is not fresh for the file's rules: the commit recomputes everything
    assert not calls
    assert store.is_fresh(con)
