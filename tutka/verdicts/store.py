"""The verdict store: verdicts, goal roll-ups and catalogue statistics materialised once per data version.

Every writer that changes values (init, import commit, undo) calls `refresh(con)` inside its own transaction, on the
cursor that holds it, after bumping the data version; the store is stamped with that data version and the rules
fingerprint (a hash of data/verdict_rules.yaml as parsed). Readers call `ensure_fresh(con)` first: a stale store
(data version or rules changed, e.g. after editing the rules file) is recomputed once.

Tables (declared in queries/migrations/003_verdict_store.sql; written here and read through queries/store/*.sql):
- store_verdicts: one row per (indicator, region, sex, group) series with every verdict column except the
  language-dependent title and explanation, which `stored_verdicts` adds for the shown rows and language only;
- store_goal_rollups: one row per plan goal (tutka.verdicts.rollup.goal_rollup over all regions with a plan);
- store_plan_verdicts: the verdicts of each plan's municipality as of the plan's year (Etusivu's comparison of what
  the plan said with what the data said then);
- store_indicator_stats / store_source_stats: value counts and years per indicator and per source (Tietoa and
  pickers read these instead of scanning indicator_values).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import duckdb
import pandas as pd

from tutka import db, queries
from tutka.queries import sql
from tutka.verdicts.compute import OUTPUT_COLUMNS, compute_verdicts
from tutka.verdicts.rollup import goal_rollup
from tutka.verdicts.rules import RULES_PATH, load_rules
from tutka.verdicts.text import explain

DROP_COLUMNS = ("title", "explanation")  # built at read time for the shown language
STORE_FORMAT = "2"  # part of the fingerprint: bump when what the store holds changes, so old stores are rebuilt


def rules_fingerprint(rules: dict | None = None) -> str:
    """A short hash of the rules as parsed (None = data/verdict_rules.yaml, re-read when the file changes)."""
    if rules is None:
        return _file_fingerprint(str(RULES_PATH), RULES_PATH.stat().st_mtime)
    text = STORE_FORMAT + json.dumps(rules, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4)
def _file_fingerprint(path: str, mtime: float) -> str:
    return rules_fingerprint(dict(load_rules(path)))


def _q(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """A named query on *this* connection/cursor (so it sees the caller's open transaction)."""
    return con.execute(sql(name), params or None).df()


def state(con: duckdb.DuckDBPyConnection) -> tuple[int, int, str]:
    """(data version, store's data version (-1 = never built), store's rules fingerprint)."""
    row = _q(con, "store/state").iloc[0]
    return int(row["data_version"]), int(row["store_version"]), str(row["store_rules"])


def is_fresh(con: duckdb.DuckDBPyConnection, rules: dict | None = None) -> bool:
    version, stored, fingerprint = state(con)
    return stored == version and fingerprint == rules_fingerprint(rules)


def compute(
    con: duckdb.DuckDBPyConnection, rules: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(verdicts of every series, goal roll-ups of every plan, verdicts of each plan's municipality as of the plan's
    year) from the data visible on `con`."""
    rules = rules or load_rules()
    values = _q(con, "verdict_values", regions=[])
    indicators = _q(con, "verdict_indicators")
    membership = _q(con, "verdict_membership")
    verdicts = compute_verdicts(values, indicators, membership, rules, explain_lang=None)
    goals = _q(con, "rollup_goals", regions=[])
    links = _q(con, "rollup_links", regions=[])
    rollups = goal_rollup(verdicts, goals, links, rules)
    parts = [verdicts.head(0).assign(as_of=pd.Series(dtype="int64"))]
    for as_of, group in _q(con, "store/plan_years").groupby("as_of"):
        codes = set(group["region_code"])
        parents = membership[membership["region_code"].isin(codes)]["parent_code"]
        scope = values[values["region_code"].isin(codes | set(parents)) & (values["year"] <= int(as_of))]
        past = compute_verdicts(scope, indicators, membership, rules, explain_lang=None)
        parts.append(past[past["region_code"].isin(codes)].assign(as_of=int(as_of)))
    plan_verdicts = pd.concat(parts, ignore_index=True)
    drop = list(DROP_COLUMNS)
    return verdicts.drop(columns=drop), rollups, plan_verdicts.drop(columns=drop)


def refresh(con: duckdb.DuckDBPyConnection, rules: dict | None = None, in_transaction: bool = True) -> int:
    """Recompute and replace every store table, stamped with the current data version. `in_transaction=True`: the
    caller holds a transaction on `con` (the store commits with the data); otherwise one is opened here.
    Returns the number of verdict rows."""
    rules = rules or load_rules()
    if not in_transaction:
        with db.transaction(con):
            return refresh(con, rules, in_transaction=True)
    version = state(con)[0]
    verdicts, rollups, plan_verdicts = compute(con, rules)
    frames = {"_store_verdicts": verdicts, "_store_rollups": rollups, "_store_plan_verdicts": plan_verdicts}
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        for table, write in (
            ("verdicts", "store/write_verdicts"),
            ("goal_rollups", "store/write_rollups"),
            ("plan_verdicts", "store/write_plan_verdicts"),
            ("indicator_stats", "store/write_stats"),
            ("source_stats", "store/write_sources"),
        ):
            queries.execute(con, f"store/clear_{table}")
            queries.execute(con, write)
    finally:
        for name in frames:
            con.unregister(name)
    queries.execute(con, "store/stamp", {"version": str(version), "rules": rules_fingerprint(rules)})
    return len(verdicts)


def ensure_fresh(con: duckdb.DuckDBPyConnection, rules: dict | None = None) -> bool:
    """Recompute the store if its data version or rules fingerprint is stale. Returns True if it recomputed."""
    if is_fresh(con, rules):
        return False
    refresh(con, rules, in_transaction=False)
    return True


def stored_verdicts(
    con: duckdb.DuckDBPyConnection,
    regions: list[str],
    lang: str = "fi",
    explained: bool = True,
    as_of: int | None = None,
) -> pd.DataFrame:
    """The stored verdicts of these regions with the title in `lang` (same columns and order as compute_verdicts /
    verdicts_for). The explanation sentences are built here when `explained`, otherwise left empty for
    `with_explanations` to fill for the rows actually shown. `as_of`: the verdicts as of a plan's year (stored only
    for the pairs in `stored_plan_years`)."""
    if as_of is None:
        frame = _q(con, "store/verdicts", regions=list(regions))
    else:
        frame = _q(con, "store/plan_verdicts", regions=list(regions), as_of=int(as_of))
    titles = frame[f"title_{lang}"] if f"title_{lang}" in frame else frame["title_fi"]
    frame["title"] = titles.fillna(frame["title_fi"]).fillna(frame["indicator_id"])
    frame["explanation"] = ""
    if explained:
        frame = with_explanations(frame, lang)
    return frame[OUTPUT_COLUMNS]


def stored_plan_years(con: duckdb.DuckDBPyConnection) -> set[tuple[str, int]]:
    """The (region, year) pairs whose as-of verdicts the store holds: every plan's municipality and year."""
    frame = _q(con, "store/plan_years")
    return {(str(r), int(y)) for r, y in zip(frame["region_code"], frame["as_of"], strict=True)}


def region_verdicts(
    con: duckdb.DuckDBPyConnection, region: str, lang: str = "fi", as_of: int | None = None
) -> pd.DataFrame:
    """The explained verdicts of one region (as of a year, or the latest) for exports: read from the store when it is
    current and holds them, otherwise computed (verdicts_for) — the same rows either way. Never writes, so it also
    works on a read-only connection (the CLI) or a stale store."""
    if is_fresh(con) and (as_of is None or (region, int(as_of)) in stored_plan_years(con)):
        return stored_verdicts(con, [region], lang, explained=True, as_of=as_of)
    from tutka.verdicts.compute import verdicts_for

    return verdicts_for(con, region, lang=lang, as_of=as_of)


def with_explanations(frame: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """`frame` with the explanation sentence in `lang` filled in where it is missing (rows of a verdict frame; rows
    without a latest value, such as a goal's linked indicator without data, keep an empty explanation)."""
    if frame.empty:
        return frame
    current = frame["explanation"] if "explanation" in frame else pd.Series("", index=frame.index)
    todo = (current.fillna("") == "") & frame["latest_year"].notna()
    out = frame.copy()
    out["explanation"] = current.fillna("")
    if todo.any():
        out.loc[todo, "explanation"] = explain(out.loc[todo], lang).to_numpy()
    return out


def stored_rollups(con: duckdb.DuckDBPyConnection, regions: list[str]) -> pd.DataFrame:
    return _q(con, "store/goal_rollups", regions=list(regions))
