"""Deck definitions: which goals and indicators the presenter shows, in which order; saved per municipality.

JSON shape (table `decks`, column `definition`):
    {"plan_id": "kouvola-2023", "goals": [{"goal_id": "kou-elintavat", "indicators": ["ktk_kiusattu", ...]}, ...],
     "map_indicator": "ktk_kiusattu"}
A goal left out is not shown; an indicator list decides the order of the developments and charts (the first two
indicators with data are charted). Optional "map_indicator": the indicator of the map slide (one linked to the plan;
by default the first goal chart's indicator). Saved definitions are normalised against the current plan on every load, so a
renamed or removed goal or indicator never breaks the presentation.
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from tutka import queries


def default_definition(plan_id: str, goal_indicators: pd.DataFrame, goals: pd.DataFrame) -> dict:
    """Every goal of the plan in document order, each with its linked indicators that have values."""
    out = []
    for goal_id in goals.sort_values("position")["goal_id"]:
        part = goal_indicators[(goal_indicators["goal_id"] == goal_id) & (goal_indicators["n_values"] > 0)]
        out.append({"goal_id": goal_id, "indicators": list(dict.fromkeys(part["indicator_id"]))})
    return {"plan_id": plan_id, "goals": out}


def normalise(definition: dict | None, default: dict, goal_indicators: pd.DataFrame) -> dict:
    """Keep only goals and indicators that still exist (in the saved order); fall back to the default."""
    if not definition or definition.get("plan_id") != default["plan_id"]:
        return default
    known_goals = {g["goal_id"] for g in default["goals"]}
    linked = set(zip(goal_indicators["goal_id"], goal_indicators["indicator_id"], strict=True))
    goals: list[dict] = []
    for g in definition.get("goals") or []:
        gid = g.get("goal_id") if isinstance(g, dict) else None
        if gid not in known_goals or any(x["goal_id"] == gid for x in goals):
            continue
        inds = [i for i in dict.fromkeys(g.get("indicators") or []) if isinstance(i, str) and (gid, i) in linked]
        goals.append({"goal_id": gid, "indicators": inds})
    if not goals:
        return default
    out: dict = {"plan_id": default["plan_id"], "goals": goals}
    chosen_map = definition.get("map_indicator")
    if isinstance(chosen_map, str) and chosen_map in set(goal_indicators["indicator_id"]):
        out["map_indicator"] = chosen_map
    return out


def load(con: duckdb.DuckDBPyConnection, region_code: str) -> dict | None:
    """The saved definition, or None (also when the database predates the decks table: read-only CLI use)."""
    try:
        frame = queries.run(con, "deck_get", region=region_code)
    except duckdb.CatalogException:
        return None
    if frame.empty:
        return None
    try:
        value = json.loads(frame["definition"].iloc[0])
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def save(con: duckdb.DuckDBPyConnection, region_code: str, definition: dict) -> None:
    """Insert or overwrite. In the app call it under tutka.app.common.write_lock()."""
    queries.run(
        con,
        "deck_save",
        region=region_code,
        plan=definition.get("plan_id"),
        definition=json.dumps(definition, ensure_ascii=False),
    )


def delete(con: duckdb.DuckDBPyConnection, region_code: str) -> None:
    queries.run(con, "deck_delete", region=region_code)
