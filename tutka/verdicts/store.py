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
- store_developments (migration 006): the grouped positive / negative developments of every region, latest and as of
  each plan's year (tutka.verdicts.developments.group; `stored_developments` words them in the shown language);
- store_indicator_stats / store_source_stats: value counts and years per indicator and per source (Tietoa and
  pickers read these instead of scanning indicator_values).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import duckdb
import pandas as pd

from tutka import db, queries
from tutka.citations import NOTE_PATTERN
from tutka.domain import COUNTRY_CODE
from tutka.queries import sql
from tutka.verdicts.compute import KEYS, OUTPUT_COLUMNS, compute_verdicts
from tutka.verdicts.developments import group, phrase, topics_from
from tutka.verdicts.rollup import goal_rollup
from tutka.verdicts.rules import RULES_PATH, load_rules
from tutka.verdicts.text import explain

DROP_COLUMNS = ("title", "explanation")  # built at read time for the shown language
FULL_SHARE = 0.5  # an incremental refresh touching more than this share of the stored pairs recomputes everything
CHUNK_VALUES = 200_000  # values judged at a time by a full refresh (see compute)
STORE_FORMAT = "3"  # part of the fingerprint: bump when what the store holds changes, so old stores are rebuilt


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
    row = con.execute(sql("store/state")).fetchone()  # one row: no DataFrame (read on every page run)
    assert row is not None
    return int(row[0]), int(row[1]), str(row[2])


def is_fresh(con: duckdb.DuckDBPyConnection, rules: dict | None = None) -> bool:
    version, stored, fingerprint = state(con)
    return stored == version and fingerprint == rules_fingerprint(rules)


def compute(
    con: duckdb.DuckDBPyConnection, rules: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(verdicts of every series, goal roll-ups of every plan, verdicts of each plan's municipality as of the plan's
    year, grouped developments of every region and plan year) from the data visible on `con`."""
    rules = rules or load_rules()
    indicators = _q(con, "verdict_indicators")
    membership = _q(con, "verdict_membership")
    verdict_parts, plan_parts = [], []
    for chunk in _indicator_chunks(con):
        # a series' verdict depends only on its own indicator's values (its benchmarks and the other sex are the
        # same indicator), so the values are read and judged a few indicators at a time: the whole country's values
        # at once held ~0,4 GB more at the peak of a 1 M-row import's commit (1 352 vs 979 MB; issue 13)
        values = _q(con, "verdict_values", regions=[], indicators=chunk)
        part = compute_verdicts(values, indicators, membership, rules, explain_lang=None)
        verdict_parts.append(part)
        plan_parts.append(_plan_verdicts(con, values, indicators, membership, rules, part))
    verdicts = pd.concat(verdict_parts, ignore_index=True)
    # each plan year's rows together, as one pass gives them (stable: the runs' order within a year)
    plan_verdicts = pd.concat(plan_parts, ignore_index=True).sort_values("as_of", kind="stable", ignore_index=True)
    goals = _q(con, "rollup_goals", regions=[])
    links = _q(con, "rollup_links", regions=[])
    rollups = goal_rollup(verdicts, goals, links, rules)
    grouped = _grouped(con, verdicts, plan_verdicts, rules)
    drop = list(DROP_COLUMNS)
    return verdicts.drop(columns=drop), rollups, plan_verdicts.drop(columns=drop), grouped


def _indicator_chunks(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """The indicators with values, in order, cut into runs of about CHUNK_VALUES values each (an indicator is never
    split; a monthly series counts its months, so its run judges fewer values)."""
    target = CHUNK_VALUES
    counts = _q(con, "store/value_counts")
    chunks: list[list[str]] = []
    size = 0
    for indicator, n in zip(counts["indicator_id"], counts["n"], strict=True):
        if not chunks or size + int(n) > target:
            chunks.append([])
            size = 0
        chunks[-1].append(str(indicator))
        size += int(n)
    return chunks or [[]]  # no values: one empty run gives the empty frames with every column


def _grouped(
    con: duckdb.DuckDBPyConnection, verdicts: pd.DataFrame, plan_verdicts: pd.DataFrame, rules: dict
) -> pd.DataFrame:
    """The grouped developments (tutka.verdicts.developments.group) of every region of `verdicts` (as_of null) and of
    `plan_verdicts` per plan year, each from its verdicts in the store's read order (the order ties keep)."""
    topics = topics_from(_q(con, "verdict_indicators"))  # on the caller's transaction
    frames = [(None, verdicts), *plan_verdicts.groupby("as_of")]
    parts = [group(f.sort_values(KEYS, kind="stable"), rules, topics).assign(as_of=y) for y, f in frames]
    out = pd.concat(parts, ignore_index=True)
    out["as_of"] = out["as_of"].astype("Int64")
    return out


def _plan_verdicts(
    con: duckdb.DuckDBPyConnection,
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    membership: pd.DataFrame,
    rules: dict,
    template: pd.DataFrame,
    scope: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each plan municipality's verdicts as of the plan's year, from `values` (all of them, or — `scope` given — those
    of the (indicator, region) pairs in `scope` and their benchmarks; only those pairs are returned then). `template`:
    a verdict frame whose columns and dtypes the result has."""
    parts = [template.head(0).assign(as_of=pd.Series(dtype="int64"))]
    for as_of, plans in _q(con, "store/plan_years").groupby("as_of"):
        codes = set(plans["region_code"])
        if scope is not None:
            codes &= set(scope["region_code"])
            if not codes:
                continue
        parents = membership[membership["region_code"].isin(codes)]["parent_code"]
        past_values = values[values["region_code"].isin(codes | set(parents)) & (values["year"] <= int(as_of))]
        past = compute_verdicts(past_values, indicators, membership, rules, explain_lang=None)
        past = past[past["region_code"].isin(codes)]
        if scope is not None:
            past = past.merge(scope, on=["indicator_id", "region_code"])
        parts.append(past.assign(as_of=int(as_of)))
    return pd.concat(parts, ignore_index=True)


def refresh(
    con: duckdb.DuckDBPyConnection,
    rules: dict | None = None,
    in_transaction: bool = True,
    import_id: int | None = None,
) -> int:
    """Bring every store table to the current data version, stamped with it. `in_transaction=True`: the caller holds
    a transaction on `con` (the store commits with the data); otherwise one is opened here.

    `import_id`: the data changed only by this import's commit or undo (the keys in its value_history). If the store
    was fresh for the previous data version and the same rules, only the series that change are recomputed (see
    `refresh_touched`); otherwise — and always when `import_id` is None — everything is. Returns the number of
    verdict rows written."""
    rules = rules or load_rules()
    if not in_transaction:
        with db.transaction(con):
            return refresh(con, rules, in_transaction=True, import_id=import_id)
    version, stored, fingerprint = state(con)
    if import_id is not None and stored == version - 1 and fingerprint == rules_fingerprint(rules):
        n = refresh_touched(con, _q(con, "store/touched_pairs", import_id=int(import_id)), rules)
    else:
        n = _refresh_all(con, rules)
    queries.execute(con, "store/stamp", {"version": str(version), "rules": rules_fingerprint(rules)})
    return n


def _refresh_all(con: duckdb.DuckDBPyConnection, rules: dict) -> int:
    verdicts, rollups, plan_verdicts, grouped = compute(con, rules)
    frames = {
        "_store_verdicts": verdicts,
        "_store_rollups": rollups,
        "_store_plan_verdicts": plan_verdicts,
        "_store_developments": grouped,
    }
    with _registered(con, frames):
        for table, write in (
            ("verdicts", "store/write_verdicts"),
            ("goal_rollups", "store/write_rollups"),
            ("plan_verdicts", "store/write_plan_verdicts"),
            ("developments", "store/write_developments"),
            ("indicator_stats", "store/write_stats"),
            ("source_stats", "store/write_sources"),
        ):
            queries.execute(con, f"store/clear_{table}")
            queries.execute(con, write, {"note_pattern": NOTE_PATTERN} if table == "source_stats" else None)
    return len(verdicts)


def affected_pairs(con: duckdb.DuckDBPyConnection, touched: pd.DataFrame, membership: pd.DataFrame) -> pd.DataFrame:
    """The (indicator, region) pairs whose stored rows change when the values of the `touched` pairs change: the
    touched pairs themselves (every sex and group of them: the sex gap pairs female with male), the municipalities
    of a touched wellbeing services county (their county benchmark), and every region of an indicator whose country
    values were touched (their country benchmark)."""
    keys = ["indicator_id", "region_code"]
    touched = touched[keys].drop_duplicates()
    parts = [touched]
    members = membership[membership["parent_type"] == "hyvinvointialue"][["region_code", "parent_code"]]
    counties = touched.merge(
        members.rename(columns={"region_code": "member"}), left_on="region_code", right_on="parent_code"
    )
    parts.append(counties[["indicator_id", "member"]].rename(columns={"member": "region_code"}))
    national = sorted(set(touched.loc[touched["region_code"] == COUNTRY_CODE, "indicator_id"]))
    if national:
        parts.append(_q(con, "store/series_pairs", indicators=national)[keys])
    return pd.concat(parts, ignore_index=True).drop_duplicates().sort_values(keys).reset_index(drop=True)


def refresh_touched(con: duckdb.DuckDBPyConnection, touched: pd.DataFrame, rules: dict | None = None) -> int:
    """Recompute the store rows of the series that depend on the `touched` (indicator, region) pairs (see
    `affected_pairs`), on the caller's transaction: their verdicts and as-of-plan-year verdicts, the developments of
    their regions (grouped from the stored verdicts once these are written), the value counts of their indicators,
    and the goal roll-ups and source counts (small; recomputed whole). The result equals a full
    `refresh` (tests/test_store_incremental.py). Returns the number of verdict rows written."""
    rules = rules or load_rules()
    membership = _q(con, "verdict_membership")
    scope = affected_pairs(con, touched, membership)
    if len(scope) > FULL_SHARE * int(_q(con, "store/pair_count")["n"].iloc[0]):
        return _refresh_all(con, rules)  # most of the country changed (a national file): one full pass is cheaper
    indicators = _q(con, "verdict_indicators")
    ids = sorted(set(scope["indicator_id"]))
    values = _q(con, "verdict_values", indicators=ids, regions=sorted(set(scope["region_code"])))
    verdicts = compute_verdicts(values, indicators, membership, rules, explain_lang=None)
    verdicts = verdicts.merge(scope, on=["indicator_id", "region_code"])
    plan_verdicts = _plan_verdicts(con, values, indicators, membership, rules, verdicts, scope)
    drop = list(DROP_COLUMNS)
    frames = {
        "_store_scope": scope,
        "_store_verdicts": verdicts.drop(columns=drop),
        "_store_plan_verdicts": plan_verdicts.drop(columns=drop),
    }
    with _registered(con, frames):
        queries.execute(con, "store/clear_verdicts_scope")
        queries.execute(con, "store/write_verdicts")
        queries.execute(con, "store/clear_plan_verdicts_scope")
        queries.execute(con, "store/write_plan_verdicts")
    regions = sorted(set(scope["region_code"]))
    latest = _q(con, "store/verdicts", regions=regions)
    years = _q(con, "store/plan_years")
    years = sorted({int(y) for y in years.loc[years["region_code"].isin(regions), "as_of"]})
    past = [_q(con, "store/plan_verdicts", regions=regions, as_of=y) for y in years]
    grouped = _grouped(con, latest, pd.concat([latest.head(0).assign(as_of=0), *past], ignore_index=True), rules)
    queries.execute(con, "store/clear_developments_scope", {"regions": regions})
    with _registered(con, {"_store_developments": grouped}):
        queries.execute(con, "store/write_developments")
    queries.execute(con, "store/clear_indicator_stats_scope", {"indicators": ids})
    queries.execute(con, "store/write_stats_scope", {"indicators": ids})
    queries.execute(con, "store/clear_source_stats")
    queries.execute(con, "store/write_sources", {"note_pattern": NOTE_PATTERN})
    goals = _q(con, "rollup_goals", regions=[])
    links = _q(con, "rollup_links", regions=[])
    plan_regions = sorted(set(goals["region_code"].dropna()))
    stored = _q(con, "store/verdicts", regions=plan_regions) if plan_regions else pd.DataFrame()
    if stored.empty:
        stored = compute_verdicts(values.head(0), indicators, membership, rules, None)
    else:
        stored = stored.assign(title=stored["title_fi"], explanation="")
    with _registered(con, {"_store_rollups": goal_rollup(stored, goals, links, rules)}):
        queries.execute(con, "store/clear_goal_rollups")
        queries.execute(con, "store/write_rollups")
    return len(verdicts)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> Iterator[None]:
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        yield
    finally:
        for name in frames:
            con.unregister(name)


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


def combined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The verdicts of several regions read one region at a time, as one read of all of them gives them (in KEYS
    order): the app caches each region's frame."""
    return pd.concat(frames).sort_values(KEYS, kind="stable").reset_index(drop=True)


def series_verdicts(
    con: duckdb.DuckDBPyConnection, indicator: str, sex: str, grp: str, regions: list[str]
) -> dict[str, str | None]:
    """{region: stored latest verdict} of one series (indicator × sex × group) in these regions: the map's colours
    without reading every verdict of the scope (the whole country: 43 043 rows, 0,5 s and 20 MB per language)."""
    frame = _q(con, "store/series_verdicts", indicator=indicator, sex=sex, grp=grp, regions=list(regions))
    return dict(zip(frame["region_code"].astype(str), frame["verdict"], strict=True))


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


def stored_developments(
    con: duckdb.DuckDBPyConnection, region: str, verdicts: pd.DataFrame, lang: str = "fi", as_of: int | None = None
) -> dict:
    """The developments of one region (tutka.verdicts.developments.developments) from the store, worded in `lang`:
    `verdicts` are the region's verdicts as read from the store (`stored_verdicts`, same `as_of`), for the titles and
    the series behind each phrase."""
    grouped = _q(con, "store/developments", region=region, as_of=None if as_of is None else int(as_of))
    return phrase(grouped, verdicts, region, lang)


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
