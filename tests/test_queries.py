"""Every queries/*.sql runs against a database built by the real setup code and returns its declared columns."""

from __future__ import annotations

import re

import duckdb
import pytest

from tutka import queries

# Example values for bound parameters, by name. A query with a parameter not listed here fails this test:
# add an example so that every query is exercised.
EXAMPLES = {
    "region": "KU286",
    "regions": ["KU286", "HV10", "SSS"],
    "plan": "kouvola-2023",
    "indicator": "ktk_kiusattu",
    "indicators": ["ktk_kiusattu", "tyottomyys"],
    "sexes": ["total", "male", "female"],
    "grp": "8.–9. lk",
    "goal": "kou-elintavat",
    "import_id": 1,
    "codes": ["KU286", "KU272"],
    "year": 2023,
    "lang": "fi",
    "deck_id": "x",
    "definition": "{}",
    "updated_at": "2026-01-01 00:00:00",
    "region_code": "KU286",
    "note_pattern": r"\s*\((?:raportissa)[^()]*\)",
    "limit": 10,
    "since": 2015,
    "id": 1,
    "sex": "total",
    "happened_at": "2026-01-01 00:00:00",
    "action": "deck",
    "target": "kouvola-2023",
    "allowed": True,
    "detail": "testi",
}


def header(text: str, field: str) -> str:
    lines = text.splitlines()
    out, on = [], False
    for line in lines:
        if not line.startswith("--"):
            break
        body = line[2:].strip()
        if body.lower().startswith(field.lower() + ":"):
            on = True
            out.append(body.split(":", 1)[1])
        elif on and re.match(r"^[A-Za-z_]+:", body):
            on = False
        elif on:
            out.append(body)
    return " ".join(out).strip()


def declared_columns(text: str) -> list[str]:
    cols = header(text, "Columns")
    if "plus" in cols:
        cols = cols.split("plus", 1)[1]
    cols = re.sub(r"\([^)]*\)", "", cols)
    return [c.strip() for c in cols.split(",") if re.fullmatch(r"[a-z_][a-z0-9_]*", c.strip())]


# Relations that feature code registers before running a statement (name → how to make an example of it from the
# fixture database). Writes run on a private copy inside a transaction that is rolled back.
REGISTERED = {
    "upload_rows": "select * exclude (import_id) replace (year + 100 as year), 'Taul1' as _sheet, 2 as _row from indicator_values limit 5",
    "staged": "import_diff",  # a named query: the diff of upload_rows, as the commit registers it
    "removed": "select * from indicator_values limit 3",
    "new_indicators": "select * replace ('uusi_' || indicator_id as indicator_id) from indicators limit 1",
    "_plan_rows": "select * from plan_figures limit 2",  # tutka.plans.store: one plan's rows of {table}
    "_frame": {
        "loader/table_insert_frame": "select * from plan_figures limit 2",
        "loader/indicators_delete_listed": "select indicator_id from indicators limit 2",
        "loader/values_insert_embedded": "select * replace (year + 100 as year) from indicator_values limit 2",
    },
    # the verdict store's frames, as tutka.verdicts.store.refresh registers them
    "_store_verdicts": "select * from store_verdicts limit 3",
    "_store_rollups": "select * from store_goal_rollups limit 2",
    "_store_plan_verdicts": "select * from store_plan_verdicts limit 2",
    "_store_developments": "select * from store_developments limit 2",
    "_store_scope": "select distinct indicator_id, region_code from store_verdicts limit 3",  # the incremental refresh
}
EXAMPLES.update(
    {
        "ids": ["ktk_kiusattu"],
        "created_at": "2026-01-01 00:00:00",
        "undone_at": "2026-01-02 00:00:00",
        "user_name": "testi",
        "file_name": "x.csv",
        "file_hash": "0" * 64,
        "sheet": None,
        "kind": "upload",
        "rows": 1,
        "rows_total": 1,
        "rows_new": 1,
        "rows_changed": 0,
        "rows_unchanged": 0,
        "replace_series": False,
        "note": "{}",
        "version": "999_test",
        "applied_at": "2026-01-01 00:00:00",
        "ts": "2026-01-01 00:00:00",
        "user": "testi",
        "summary": "",
        "file": None,
        "before": "{}",
        "after": "{}",
        "as_of": 2023,
        "rules": "0123456789abcdef",
    }
)
TABLE_EXAMPLE = "plan_figures"  # a whitelisted table for statements with {table}


@pytest.fixture(scope="module")
def write_db(built_db, tmp_path_factory):
    """A private copy of the fixture database for statements that write (each runs in a rolled-back transaction)."""
    import shutil

    path = tmp_path_factory.mktemp("writes") / "tutka.duckdb"
    shutil.copy(built_db, path)
    return path


@pytest.mark.parametrize("name", queries.query_names())
def test_query_runs_and_has_declared_columns(built_db, write_db, name):
    text = queries.sql(name, TABLE_EXAMPLE if "{table}" in queries._text(name) else None)
    assert header(text, "Purpose") or header(text, name), f"{name}: header comment needs 'Purpose:'"
    assert header(text, "Grain"), f"{name}: header comment needs 'Grain:'"
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--")).strip().lower()
    writes = bool(re.match(r"^(insert|update|delete|create|drop)\b", body))
    params = sorted(set(re.findall(r"\$([a-z_][a-z0-9_]*)", text)))
    unknown = [p for p in params if p not in EXAMPLES]
    assert not unknown, f"{name}: add example values for {unknown} in tests/test_queries.py"
    con = duckdb.connect(str(write_db if writes else built_db), read_only=not writes)
    try:
        for rel, example in REGISTERED.items():
            needed = re.search(rf"\b{re.escape(rel)}\b", body) or (rel == "upload_rows" and "staged" in body)
            if needed:
                example = example[name] if isinstance(example, dict) else example
                example = queries.sql(example) if "/" in example or " " not in example else example
                con.register(rel, con.execute(example).df())
        con.begin()
        try:
            values = {p: EXAMPLES[p] for p in params}
            if writes and "import_id" in values:
                values["import_id"] = 10**6  # a new import, not one of the fixture's
            frame = con.execute(text, values or None).df()
        finally:
            con.rollback()
    finally:
        con.close()
    if not writes:
        missing = [c for c in declared_columns(text) if c not in frame.columns]
        assert not missing, f"{name}: declared columns not returned: {missing}"


def test_table_placeholder_takes_only_whitelisted_names():
    with pytest.raises(ValueError, match="whitelist"):
        queries.sql("loader/table_clear", "regions; drop table imports")
    with pytest.raises(ValueError, match="takes no table"):
        queries.sql("plan_goals", "regions")
