"""Backups: `python -m tutka backup OUT` / `restore IN` round trip, refusals that change nothing, and the automatic
snapshot before each import commit kept for $TUTKA_SNAPSHOTS imports."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import duckdb
import pytest

from tests import samples as S
from tests.conftest import export_digest
from tutka import backup
from tutka.cli import main


def value_file(tmp_path, name: str, value: str):
    path = tmp_path / name
    path.write_bytes(
        S.csv_bytes(
            [["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo"], ["tyottomyys", "Kouvola", 2024, "Yhteensä", value]]
        )
    )
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_and_restore_round_trip(fresh_db, tmp_path, capsys):
    assert main(["import", str(value_file(tmp_path, "a.csv", "11,5")), "--db", str(fresh_db)]) == 0
    before = export_digest(fresh_db)
    out = tmp_path / "kopiot" / "tutka-backup.duckdb"
    assert main(["backup", str(out), "--db", str(fresh_db)]) == 0
    assert "Varmuuskopio kirjoitettu" in capsys.readouterr().out
    assert export_digest(out) == before
    # later changes, then restore: the values are those of the backup again, and the old file is kept
    assert main(["import", str(value_file(tmp_path, "b.csv", "13,0")), "--db", str(fresh_db)]) == 0
    changed = export_digest(fresh_db)
    assert changed != before
    assert main(["restore", str(out), "--db", str(fresh_db)]) == 0
    printed = capsys.readouterr().out
    assert "palautettu varmuuskopiosta" in printed and "before-restore" in printed
    assert export_digest(fresh_db) == before
    kept = fresh_db.with_name("tutka.before-restore.duckdb")
    assert export_digest(kept) == changed
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:  # the whole database came back, not only the values: the import log too
        assert [r[0] for r in con.execute("select file_name from imports where kind = 'upload'").fetchall()] == [
            "a.csv"
        ]
    finally:
        con.close()


def test_backup_never_overwrites(fresh_db, tmp_path, capsys):
    out = tmp_path / "olemassa.duckdb"
    out.write_bytes(b"tarkea")
    assert main(["backup", str(out), "--db", str(fresh_db)]) == 1
    assert "on jo olemassa" in capsys.readouterr().err
    assert out.read_bytes() == b"tarkea"


@pytest.mark.parametrize("kind", ["text", "other_duckdb", "missing"])
def test_restore_refuses_what_is_not_a_tutka_database(fresh_db, tmp_path, capsys, kind):
    source = tmp_path / "vaara.duckdb"
    if kind == "text":
        source.write_text("ei tietokanta", encoding="utf-8")
    elif kind == "other_duckdb":
        con = duckdb.connect(str(source))
        con.execute("create table t (x integer)")
        con.close()
    before = digest(fresh_db)
    assert main(["restore", str(source), "--db", str(fresh_db)]) == 1
    err = capsys.readouterr().err
    expected = {"text": "ei ole DuckDB-tietokanta", "other_duckdb": "puuttuvat taulut: meta", "missing": "ei löydy"}
    assert expected[kind] in err and "Traceback" not in err
    assert digest(fresh_db) == before
    assert not fresh_db.with_name("tutka.before-restore.duckdb").exists()


def test_restore_refuses_a_database_in_use(fresh_db, tmp_path, capsys):
    out = tmp_path / "kopio.duckdb"
    assert main(["backup", str(out), "--db", str(fresh_db)]) == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(fresh_db)!r}); print('auki', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "auki"
        assert main(["restore", str(out), "--db", str(fresh_db)]) == 3
        assert "on käytössä" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert not fresh_db.with_name("tutka.before-restore.duckdb").exists()


def test_snapshot_before_each_import_kept_for_configured_count(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv(backup.ENV_KEEP, "2")
    states = []
    for i, value in enumerate(["11,5", "12,5", "13,5"]):
        states.append(export_digest(fresh_db))
        assert main(["import", str(value_file(tmp_path, f"f{i}.csv", value)), "--db", str(fresh_db)]) == 0
    snaps = backup.snapshots(fresh_db)
    assert len(snaps) == 2  # the oldest of three was removed
    ids = [int(backup._SNAP.search(p.name).group(1)) for p in snaps]
    assert ids == sorted(ids) and ids[1] == ids[0] + 1
    # each snapshot holds the database as it was right before its import
    assert [export_digest(p) for p in snaps] == states[1:]
    # restoring the newest snapshot takes the last import back
    assert main(["restore", str(snaps[-1]), "--db", str(fresh_db)]) == 0
    assert export_digest(fresh_db) == states[2]


def test_snapshots_off(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv(backup.ENV_KEEP, "0")
    assert main(["import", str(value_file(tmp_path, "a.csv", "11,5")), "--db", str(fresh_db)]) == 0
    assert backup.snapshots(fresh_db) == []
