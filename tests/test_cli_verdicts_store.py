"""`python -m tutka verdicts` reads the verdict store when it is current and computes only when it is stale; the CSV
is the same either way."""

from __future__ import annotations

import shutil

import pytest

from tutka import db
from tutka.cli import main


@pytest.fixture()
def stale_copy(built_db, tmp_path):
    """A copy of the built database whose store is marked as built for an older data version."""
    path = tmp_path / "stale.duckdb"
    shutil.copy(built_db, path)
    con = db.connect(path)
    try:
        con.execute("update meta set value = '-1' where key = 'store_data_version'")
    finally:
        con.close()
    return path


def run_cli(db_path, out, *extra: str) -> str:
    assert main(["verdicts", str(out), "--db", str(db_path), *extra]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("extra", [(), ("--region", "KU286"), ("--region", "KU272", "--lang", "sv")])
def test_store_and_computed_csv_are_the_same(built_db, stale_copy, tmp_path, monkeypatch, extra):
    import tutka.verdicts as verdicts_pkg
    from tutka.verdicts import store

    calls = {"compute": 0, "store": 0}
    compute, stored = verdicts_pkg.verdicts_for, store.stored_verdicts

    def counting_compute(*a, **k):
        calls["compute"] += 1
        return compute(*a, **k)

    def counting_store(*a, **k):
        calls["store"] += 1
        return stored(*a, **k)

    monkeypatch.setattr(verdicts_pkg, "verdicts_for", counting_compute)
    monkeypatch.setattr(store, "stored_verdicts", counting_store)

    from_store = run_cli(built_db, tmp_path / "store.csv", *extra)
    assert calls == {"compute": 0, "store": 1}  # current store: read, not computed
    computed = run_cli(stale_copy, tmp_path / "computed.csv", *extra)
    assert calls == {"compute": 1, "store": 1}  # stale store on a read-only file: computed
    assert from_store.count("\n") > 50
    assert from_store == computed
