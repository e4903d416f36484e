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
    "limit": 10,
    "since": 2015,
    "id": 1,
    "table": "plan_goals",
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


@pytest.mark.parametrize("name", queries.query_names())
def test_query_runs_and_has_declared_columns(built_db, name):
    text = queries.sql(name)
    assert header(text, "Purpose") or header(text, name), f"{name}: header comment needs 'Purpose:'"
    assert header(text, "Grain"), f"{name}: header comment needs 'Grain:'"
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--")).strip().lower()
    if re.match(r"^(insert|update|delete|create|drop)\b", body):
        pytest.skip(f"{name} writes; exercised by its feature tests")
    params = sorted(set(re.findall(r"\$([a-z_][a-z0-9_]*)", text)))
    unknown = [p for p in params if p not in EXAMPLES]
    assert not unknown, f"{name}: add example values for {unknown} in tests/test_queries.py"
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        frame = queries.run(con, name, **{p: EXAMPLES[p] for p in params})
    except duckdb.CatalogException as exc:
        # staging queries read a DataFrame the feature code registers (e.g. `staged`); only those may be missing
        tables = {
            r[0]
            for r in duckdb.connect(str(built_db), read_only=True)
            .execute("select table_name from information_schema.tables")
            .fetchall()
        }
        missing_table = re.search(r"Table with name (\w+) does not exist", str(exc))
        if missing_table and missing_table.group(1) not in tables and missing_table.group(1) in text:
            pytest.skip(f"{name} reads the registered frame {missing_table.group(1)!r}; exercised by its feature tests")
        raise
    finally:
        con.close()
    missing = [c for c in declared_columns(text) if c not in frame.columns]
    assert not missing, f"{name}: declared columns not returned: {missing}"


def test_unknown_query_name_fails_loudly():
    with pytest.raises(KeyError):
        queries.sql("no_such_query")
    with pytest.raises(ValueError):
        queries.sql("../etc/passwd")
