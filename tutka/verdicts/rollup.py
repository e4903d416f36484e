"""Roll verdicts up to plan goals: per municipality × goal, counts of improved / worsened / unchanged / too little
data among the goal's linked indicators, a goal status, and the drill-down list.

Which series count: for every indicator linked (plan goal → action → metric → indicator) the *headline* series of
the plan's municipality — sex = total (configurable), every school or age group — so that an indicator with four
school groups counts four times and sex breakdowns stay on the Tasa-arvo page. A linked indicator without any data
for the municipality counts once as "too little data".

Status rule (thresholds in data/verdict_rules.yaml, section `rollup`): assessed = improved + worsened + no_change;
net = improved − worsened; need = max(min_net, net_share × assessed).
positive if net ≥ need, negative if −net ≥ need, otherwise mixed; nothing assessed → insufficient;
no linked indicators → no_indicators. Neutral indicators (increased / decreased) are listed but not assessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tutka.queries import run
from tutka.verdicts.compute import verdicts_for
from tutka.verdicts.developments import headline
from tutka.verdicts.rules import load_rules

COUNT_COLUMNS = ["improved", "worsened", "no_change", "insufficient", "neutral"]


def goal_series(
    verdicts: pd.DataFrame, goals: pd.DataFrame, links: pd.DataFrame, rules: dict | None = None
) -> pd.DataFrame:
    """The drill-down list: one row per goal × linked indicator × headline series of the plan's region.

    goals: goal_id, plan_id, region_code[, position, title]; links: goal_id, indicator_id (duplicates allowed).
    Linked indicators without data get one row with verdict 'insufficient' and rule 'no_data'.
    """
    rules = rules or load_rules()
    pairs = (
        links[["goal_id", "indicator_id"]]
        .drop_duplicates()
        .merge(goals[["goal_id", "region_code"]], on="goal_id", how="inner")
    )
    h = headline(verdicts, rules["rollup"].get("headline_sex", "total"))
    rows = pairs.merge(h, on=["indicator_id", "region_code"], how="left")
    missing = rows["verdict"].isna()
    rows.loc[missing, "verdict"] = "insufficient"
    rows.loc[missing, "rule"] = "no_data"
    rows.loc[missing, ["sex", "grp"]] = ["total", ""]
    return rows.reset_index(drop=True)


def goal_status(counts: pd.DataFrame, rules: dict) -> pd.Series:
    """Status per row of a frame with the COUNT_COLUMNS and n_indicators (vectorised, see module docstring)."""
    r = rules["rollup"]
    assessed = counts["improved"] + counts["worsened"] + counts["no_change"]
    net = counts["improved"] - counts["worsened"]
    need = np.maximum(float(r["min_net"]), float(r["net_share"]) * assessed)
    return pd.Series(
        np.select(
            [counts["n_indicators"] == 0, assessed == 0, net >= need - 1e-9, -net >= need - 1e-9],
            ["no_indicators", "insufficient", "positive", "negative"],
            default="mixed",
        ),
        index=counts.index,
    )


def goal_rollup(
    verdicts: pd.DataFrame, goals: pd.DataFrame, links: pd.DataFrame, rules: dict | None = None
) -> pd.DataFrame:
    """One row per goal: goal columns + n_indicators, n_series, improved, worsened, no_change, insufficient,
    neutral, assessed, status."""
    rules = rules or load_rules()
    series = goal_series(verdicts, goals, links, rules)
    v = series["verdict"].replace({"increased": "neutral", "decreased": "neutral"})
    neutral_nc = (series["verdict"] == "no_change") & (series["polarity"] == "neutral")
    v = v.mask(neutral_nc, "neutral")
    counts = pd.crosstab(series["goal_id"], v).reindex(columns=COUNT_COLUMNS, fill_value=0)
    out = goals.merge(counts, left_on="goal_id", right_index=True, how="left")
    out[COUNT_COLUMNS] = out[COUNT_COLUMNS].fillna(0).astype("int64")
    n_ind = series.groupby("goal_id")["indicator_id"].nunique()
    out["n_indicators"] = out["goal_id"].map(n_ind).fillna(0).astype("int64")
    out["n_series"] = out["goal_id"].map(series.groupby("goal_id").size()).fillna(0).astype("int64")
    out["assessed"] = out["improved"] + out["worsened"] + out["no_change"]
    out["status"] = goal_status(out, rules)
    sort = [c for c in ("region_code", "plan_id", "position") if c in out]
    return out.sort_values(sort, kind="stable").reset_index(drop=True) if sort else out


def rollup_for(
    con, region_code: str, verdicts: pd.DataFrame | None = None, rules: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(goal roll-up, drill-down series) of one municipality's plans, loaded through named queries."""
    goals = run(con, "rollup_goals", regions=[region_code])
    links = run(con, "rollup_links", regions=[region_code])
    v = verdicts if verdicts is not None else verdicts_for(con, region_code)
    return goal_rollup(v, goals, links, rules), goal_series(v, goals, links, rules)
