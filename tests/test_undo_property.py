"""Undo is exact under any order (issue 11, item 4): random sequences of imports (some rewriting keys to the
same value, some replacing whole series) and undos, checked after every step against a simple model — the value
of a key is the one asserted by the latest *active* import that touched it, else what the database held before."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutka.importers import ImportOptions, analyse, commit, undo
from tutka.importers.pipeline import Reference

REGIONS = {"KU286": "Kouvola", "KU272": "Kokkola"}
YEARS = (2001, 2002, 2003)
KEYS = [(r, y) for r in REGIONS for y in YEARS]
VALUES = (10.0, 20.0, 30.0)  # few values: rewrites to the same value ("unchanged" rows) are frequent
REMOVED = object()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    from tutka.loader import init_db

    path = tmp_path_factory.mktemp("undo") / "template.duckdb"
    init_db(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        ref = Reference.load(con)
    finally:
        con.close()
    return path, ref


def read_state(con) -> dict:
    rows = con.execute(
        "select region_code, year, value from indicator_values where indicator_id = 'tyottomyys' "
        "and list_contains($regions, region_code) and list_contains($years, year) and sex = 'total' and grp = ''",
        {"regions": list(REGIONS), "years": list(YEARS)},
    ).fetchall()
    return {(r, y): v for r, y, v in rows}


def upload(rows: dict) -> bytes:
    lines = ["Indikaattori;Alue;Vuosi;Sukupuoli;Arvo"]
    lines += [f"tyottomyys;{REGIONS[r]};{y};Yhteensä;{str(v).replace('.', ',')}" for (r, y), v in sorted(rows.items())]
    return ("\n".join(lines) + "\n").encode()


step = st.one_of(
    st.tuples(
        st.just("import"),
        st.dictionaries(st.sampled_from(KEYS), st.sampled_from(VALUES), min_size=1, max_size=len(KEYS)),
        st.booleans(),
    ),
    st.tuples(st.just("undo"), st.integers(min_value=0, max_value=20), st.none()),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_undo_matches_the_model(template, tmp_path, steps):
    path, ref = template
    db = tmp_path / "t.duckdb"
    shutil.copyfile(path, db)
    con = duckdb.connect(str(db))
    try:
        base = read_state(con)
        imports: list[tuple[int, dict]] = []  # (import_id, {key: value or REMOVED}) in commit order
        active: set[int] = set()

        def model() -> dict:
            state = dict(base)
            for iid, asserted in imports:
                if iid in active:
                    for k, v in asserted.items():
                        if v is REMOVED:
                            state.pop(k, None)
                        else:
                            state[k] = v
            return state

        for kind, arg, replace in steps:
            if kind == "import":
                before = model()
                a = analyse(upload(arg), "u.csv", ref, ImportOptions(replace_series=replace))
                assert a.ok, [p.message("fi") for p in a.problems]
                asserted: dict = dict(arg)
                if replace:  # the other years of each region series in the file are deleted
                    series = {r for r, _ in arg}
                    asserted |= {k: REMOVED for k in before if k[0] in series and k not in arg}
                iid = commit(con, a).import_id
                imports.append((iid, asserted))
                active.add(iid)
            elif active:
                iid = sorted(active)[arg % len(active)]
                undo(con, iid)
                active.discard(iid)
            assert read_state(con) == model(), (kind, arg, replace)
        for iid in sorted(active, reverse=True):  # undoing everything restores the start exactly
            undo(con, iid)
        assert read_state(con) == base
    finally:
        con.close()


def test_unchanged_rewrite_survives_undo_of_the_earlier_import(template, tmp_path):
    """The case from the issue: A sets k, B rewrites k to the same value, undo A → k keeps B's value."""
    path, ref = template
    db = tmp_path / "t.duckdb"
    shutil.copyfile(path, db)
    con = duckdb.connect(str(db))
    try:
        k = ("KU286", 2001)
        before = read_state(con).get(k)
        a = commit(con, analyse(upload({k: 10.0}), "u.csv", ref)).import_id
        b = commit(con, analyse(upload({k: 10.0}), "u.csv", ref))
        assert b.counts["unchanged"] == 1
        undo(con, a)
        assert read_state(con)[k] == 10.0
        undo(con, b.import_id)
        assert read_state(con).get(k) == before
    finally:
        con.close()
