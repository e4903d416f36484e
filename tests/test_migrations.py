"""Numbered schema migrations, applied on start and recorded one by one; tested from older database files."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tutka import db

ROW = "insert into indicator_values (indicator_id, region_code, year, sex, grp, value, is_demo, import_id) values "


def _version_1_file(path) -> None:
    """A database as the first version wrote it: the initial schema, meta schema_version '1', no migrations log."""
    con = duckdb.connect(str(path))
    con.execute((db.MIGRATIONS_DIR / "001_initial.sql").read_text(encoding="utf-8"))
    con.execute("insert into meta values ('schema_version', '1'), ('data_version', '7')")
    con.execute(ROW + "('ktk_kiusattu', 'KU286', 2023, 'total', '8.–9. lk', 7.9, false, 1)")
    con.close()


def _applied(con) -> list[str]:
    return [r[0] for r in con.execute("select version from schema_migrations order by version").fetchall()]


def test_fresh_file_gets_every_migration(tmp_path):
    con = db.connect(tmp_path / "t.duckdb")
    done = db.create_schema(con)
    assert done == [p.stem for p in db.migrations()]
    assert _applied(con) == done
    assert db.create_schema(con) == []  # no-op on an up-to-date file
    assert db.data_version(con) == 0
    con.close()


def test_version_1_file_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    _version_1_file(path)
    con = db.connect(path)
    done = db.create_schema(con)
    assert "002_unique_value_grain" in done
    assert con.execute("select value from indicator_values").fetchall() == [(7.9,)]
    assert db.data_version(con) == 7  # kept, not reset
    with pytest.raises(duckdb.ConstraintException):
        con.execute(ROW + "('ktk_kiusattu', 'KU286', 2023, 'total', '8.–9. lk', 8.0, false, 1)")
    con.close()


def test_duplicate_keys_refuse_the_unique_migration_and_leave_the_file(tmp_path):
    path = tmp_path / "dup.duckdb"
    _version_1_file(path)
    con = duckdb.connect(str(path))
    con.execute(ROW + "('ktk_kiusattu', 'KU286', 2023, 'total', '8.–9. lk', 9.9, false, 1)")
    con.close()
    con = db.connect(path)
    with pytest.raises(db.MigrationError, match="002_unique_value_grain"):
        db.create_schema(con)
    assert "002_unique_value_grain" not in _applied(con)
    assert sorted(r[0] for r in con.execute("select value from indicator_values").fetchall()) == [7.9, 9.9]
    con.close()


def test_a_lower_numbered_migration_merged_later_is_still_applied(tmp_path, monkeypatch):
    folder = tmp_path / "migrations"
    folder.mkdir()
    shutil.copy(db.MIGRATIONS_DIR / "001_initial.sql", folder)
    (folder / "005_late.sql").write_text("create table t5 (x integer);", encoding="utf-8")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", folder)
    con = db.connect(tmp_path / "m.duckdb")
    assert db.create_schema(con) == ["001_initial", "005_late"]
    (folder / "003_merged_later.sql").write_text("create table t3 (x integer);", encoding="utf-8")
    assert db.create_schema(con) == ["003_merged_later"]
    assert _applied(con) == ["001_initial", "003_merged_later", "005_late"]
    assert con.execute("select value from meta where key = 'schema_version'").fetchone() == ("003",)
    con.close()
