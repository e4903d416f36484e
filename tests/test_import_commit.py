"""Commit and undo: one transaction, only the keys in the file change, undo restores exactly (also across later
imports), replace-the-whole-series, new indicators stored in the database, and the CLI commands."""

from __future__ import annotations

import duckdb
import pytest

from tests import samples as S
from tutka.cli import main
from tutka.importers import ImportOptions, analyse, commit, preview, undo

VALUES = ("indicator_values", "indicators")


def file_a(value=9.9, year=2023):
    return S.csv_bytes(
        [
            ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Lähde"],
            ["tyottomyys", "Kouvola", year, "Yhteensä", str(value).replace(".", ","), "Testi"],
            ["tyottomyys", "Kokkola", year, "Yhteensä", "7,1", "Testi"],
            ["tyottomyys", "Koko maa", 1999, "Yhteensä", "8,8", ""],
        ]
    )


@pytest.fixture()
def con(fresh_db):
    c = duckdb.connect(str(fresh_db))
    yield c
    c.close()


def value(con, region, year, ind="tyottomyys"):
    row = con.execute(
        "select value, source, is_demo, import_id from indicator_values where indicator_id = $i and "
        "region_code = $r and year = $y and sex = 'total' and grp = ''",
        {"i": ind, "r": region, "y": year},
    ).fetchone()
    return row


def test_commit_changes_only_the_keys_in_the_file_and_undo_restores(con, fresh_db):
    before_all = S.db_digest(con, VALUES)
    old = value(con, "KU286", 2023)
    others = con.execute("select count(*) from indicator_values").fetchone()[0]
    a = analyse(file_a(), "a.csv", con)
    p = preview(con, a).counts()
    assert p["total"] == 3 and p["new"] + p["changed"] == 3
    res = commit(con, a, fresh_db)
    assert value(con, "KU286", 2023)[:3] == (9.9, "Testi", False)
    assert value(con, "SSS", 1999)[1] == "a.csv"  # no source cell: the file name
    assert con.execute("select count(*) from indicator_values").fetchone()[0] == others + p["new"]
    assert (fresh_db.parent / "uploads" / f"{a.file_hash}.csv").read_bytes() == file_a()
    hist = con.execute("select count(*) from value_history where import_id = $i", {"i": res.import_id}).fetchone()
    assert hist[0] == 3
    imp = con.execute(
        "select kind, rows_total, file_hash, status from imports where import_id = $i", {"i": res.import_id}
    ).fetchone()
    assert imp == ("upload", 3, a.file_hash, "done")
    again = preview(con, analyse(file_a(), "a.csv", con)).counts()
    assert again["unchanged"] == 3
    undo(con, res.import_id)
    assert value(con, "KU286", 2023) == old
    assert S.db_digest(con, VALUES) == before_all


def test_undo_earlier_import_keeps_later_one_consistent(con):
    before = S.db_digest(con, VALUES)
    first = commit(con, analyse(file_a(9.1), "a.csv", con))
    second = commit(con, analyse(file_a(9.2), "b.csv", con))
    undo(con, first.import_id)  # the later value stays …
    assert value(con, "KU286", 2023)[0] == 9.2
    undo(con, second.import_id)  # … and undoing it brings back the state before both
    assert S.db_digest(con, VALUES) == before


def test_replace_whole_series(con):
    before = S.db_digest(con, VALUES)
    n_series = con.execute(
        "select count(*) from indicator_values where indicator_id = 'tyottomyys' and "
        "region_code in ('KU286', 'KU272', 'SSS')"
    ).fetchone()[0]
    present = sum(value(con, r, y) is not None for r, y in (("KU286", 2023), ("KU272", 2023), ("SSS", 1999)))
    a = analyse(file_a(), "a.csv", con, ImportOptions(replace_series=True))
    pv = preview(con, a)
    assert pv.counts()["removed"] == n_series - present > 0
    res = commit(con, a)
    assert (
        con.execute(
            "select count(*) from indicator_values where indicator_id = 'tyottomyys' and region_code = 'KU286'"
        ).fetchone()[0]
        == 1
    )
    assert res.counts["removed"] == pv.counts()["removed"]
    undo(con, res.import_id)
    assert S.db_digest(con, VALUES) == before


def test_failure_inside_the_transaction_rolls_back(con, monkeypatch):
    import importlib

    commit_mod = importlib.import_module("tutka.importers.commit")

    before = S.db_digest(con)
    real = commit_mod.sql
    monkeypatch.setattr(
        commit_mod, "sql", lambda name: "select * from no_such_table" if name == "import_log" else real(name)
    )
    with pytest.raises(duckdb.Error):
        commit(con, analyse(file_a(), "a.csv", con))
    assert S.db_digest(con) == before


def test_undo_refusals(con):
    from tutka.importers import UndoRefused

    with pytest.raises(UndoRefused):
        undo(con, 999)
    with pytest.raises(UndoRefused):
        undo(con, 1)  # a seed load of data/, not an upload
    res = commit(con, analyse(file_a(), "a.csv", con))
    undo(con, res.import_id)
    with pytest.raises(UndoRefused):
        undo(con, res.import_id)


def test_cli_import_history_undo(fresh_db, tmp_path, capsys):
    from conftest import export_digest

    before = export_digest(fresh_db)
    f = tmp_path / "a.csv"
    f.write_bytes(file_a())
    assert main(["import", str(f), "--db", str(fresh_db), "--dry-run"]) == 0
    assert export_digest(fresh_db) == before
    capsys.readouterr()
    assert main(["import", str(f), "--db", str(fresh_db), "--user", "testaaja"]) == 0
    out = capsys.readouterr().out
    import_id = int(out.split("Tuonti ")[1].split()[0])
    assert f"python -m tutka undo {import_id}" in out
    assert main(["history", "--db", str(fresh_db)]) == 0
    listing = capsys.readouterr().out
    assert "testaaja" in listing and "a.csv" in listing
    assert main(["undo", str(import_id), "--db", str(fresh_db)]) == 0
    assert export_digest(fresh_db) == before
    assert main(["undo", str(import_id), "--db", str(fresh_db)]) == 1


def test_cli_new_indicator_is_stored_in_the_database(fresh_db, tmp_path, capsys):
    f = tmp_path / "uusi.csv"
    f.write_bytes(
        S.csv_bytes([["Indikaattori", "Alue", "Vuosi", "Arvo"], ["Nuorisotalon kävijät", "Kouvola", 2024, "12 345"]])
    )
    assert main(["import", str(f), "--db", str(fresh_db)]) == 1
    assert "Tuntematon indikaattori" in capsys.readouterr().err
    args = [
        "import",
        str(f),
        "--db",
        str(fresh_db),
        "--new-indicator-title",
        "Nuorisotalon kävijät",
        "--new-indicator-unit",
        "lkm",
        "--new-indicator-polarity",
        "higher_is_better",
        "--new-indicator-topic",
        "nuorisotyo",
    ]
    assert main(args[:-2] + ["--new-indicator-topic", "ei_tallaista"]) == 1
    assert main(args) == 0
    out = capsys.readouterr().out
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:
        row = con.execute(
            "select indicator_id, short_unit, polarity, topic, value_min from indicators "
            "where title_fi = 'Nuorisotalon kävijät'"
        ).fetchone()
        assert row == ("nuorisotalon_kavijat", "lkm", "higher_is_better", "nuorisotyo", 0.0)
        assert value(con, "KU286", 2024, "nuorisotalon_kavijat")[0] == 12345
    finally:
        con.close()
    import_id = int(out.split("Tuonti ")[1].split()[0])
    assert main(["undo", str(import_id), "--db", str(fresh_db)]) == 0
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:
        assert (
            con.execute("select count(*) from indicators where indicator_id = 'nuorisotalon_kavijat'").fetchone()[0]
            == 0
        )
    finally:
        con.close()


def test_preview_counts_everything_but_returns_only_the_first_rows_changed_first(con, fresh_db):
    commit(con, analyse(file_a(), "a.csv", con), fresh_db)
    rows = [
        ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Lähde"],
        ["tyottomyys", "Kouvola", 2023, "Yhteensä", "9,9", "Testi"],  # unchanged
        ["tyottomyys", "Kokkola", 2023, "Yhteensä", "7,1", "Testi"],  # unchanged
        ["tyottomyys", "Koko maa", 1999, "Yhteensä", "8,7", ""],  # changed
        ["tyottomyys", "Kouvola", 2022, "Yhteensä", "5,5", "Testi"],  # new (or changed: the demo data may hold it)
    ]
    a = analyse(S.csv_bytes(rows), "b.csv", con)
    full = preview(con, a)
    assert full.counts()["total"] == 4 and full.counts()["unchanged"] == 2 and len(full.head) == 4
    assert list(full.head["status"])[2:] == ["unchanged", "unchanged"]
    assert full.head["status"].iloc[0] != "unchanged" and full.head["status"].iloc[1] != "unchanged"
    cut = preview(con, a, rows=2)
    assert cut.counts() == full.counts()  # counted over the whole upload
    assert len(cut.head) == 2 and "unchanged" not in set(cut.head["status"])
    assert list(cut.head["region_code"]) == list(full.head["region_code"][:2])
    changed = cut.head[cut.head["region_code"] == "SSS"].iloc[0]
    assert (changed["status"], changed["old_value"], changed["value"]) == ("changed", 8.8, 8.7)
