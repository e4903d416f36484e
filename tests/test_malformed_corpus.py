"""No tracebacks (issue 11, item 5): every malformed file of tests/malformed.py gets a Finnish message naming the
file, through `analyse()` and through the CLI `import` (which parses in a child process), and the database file
stays byte-identical."""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.malformed import corpus
from tutka.cli import main
from tutka.importers import analyse

CORPUS = corpus()


@pytest.fixture(scope="module")
def module_db(tmp_path_factory):
    from tutka.loader import init_db

    path = tmp_path_factory.mktemp("corpus") / "tutka.duckdb"
    init_db(path)
    return path


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_analyse_gives_a_message(ref, name):
    a = analyse(CORPUS[name], name, ref)  # an exception here is the failure this test exists for
    assert a.errors, f"{name} was accepted"
    assert not a.ok
    for p in a.errors:
        text = p.message("fi")
        assert name in text
        assert "Traceback" not in text and not re.search(r"\{[a-z_]+\}", text)  # placeholders all filled


# Through the CLI (each import parses in a fresh child process, ~1 s each): one or two files of every kind.
CLI_CASES = [
    "bom_cp1252_bad_region.csv",
    "bom_mixed.csv",
    "long_field.csv",
    "digits.csv",
    "many_names.csv",
    "deep.json",
    "bigint.json",
    "js_no_dimension.json",
    "js_dimension_not_object.json",
    "js_id_not_list.json",
    "js_huge.json",
    "sotkanet_bad.json",
    "truncated.xlsx",
    "far_cell.xlsx",
    "bad_ref.xlsx",
    "styles_garbage.xlsx",
]


def test_cli_import_refuses_every_file_and_leaves_the_database_identical(module_db, tmp_path, capsys):
    before = hashlib.sha256(module_db.read_bytes()).hexdigest()
    assert set(CLI_CASES) <= set(CORPUS)
    for name in CLI_CASES:
        data = CORPUS[name]
        f = tmp_path / name
        f.write_bytes(data)
        code = main(["import", str(f), "--db", str(module_db)])
        out = capsys.readouterr()
        assert code == 1, (name, out.out, out.err)
        assert "Traceback" not in out.err + out.out, name
        assert name in out.err, (name, out.err)
        assert "err_crashed" not in out.err and "lukeminen epäonnistui" not in out.err, (name, out.err)
    assert hashlib.sha256(module_db.read_bytes()).hexdigest() == before
