"""Logic behind the Suunnitelma page: filter options and filtering of the plan's actions."""

from __future__ import annotations

import pandas as pd

from tutka.fmt import fmt_number

METRIC_ICONS = {"indicator": "📈", "count": "🔢", "yesno": "☑️", "status": "📋", "text": "📝"}


def present(value: object) -> bool:
    """A text field that is filled in (None/NaN/'' are not)."""
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value).strip() != ""


def progress_rest(text: str, progress: str) -> str:
    """A report's progress paragraph without its first sentence when that sentence is already the action's title."""
    if text and progress.startswith(text):
        return progress[len(text) :].strip()
    return progress


def responsible_units(actions: pd.DataFrame) -> list[str]:
    units = sorted({u for lst in actions["responsible"] for u in lst})
    return units


def filter_actions(
    actions: pd.DataFrame, goals: list[str], age_groups: list[str], units: list[str], scopes: list[str]
) -> pd.DataFrame:
    mask = pd.Series(True, index=actions.index)
    if goals:
        mask &= actions["goal_id"].isin(goals)
    if age_groups:
        mask &= actions["age_group"].fillna("").isin(age_groups)
    if units:
        wanted = set(units)
        mask &= actions["responsible"].map(lambda lst: bool(wanted.intersection(lst)))
    if scopes:
        mask &= actions["scope"].isin(scopes)
    return actions[mask]


def figure_text(row: pd.Series) -> str:
    """'yli 1 100 lasta ja nuorta' style text for a stated figure."""
    decimals = 0 if float(row["value"]).is_integer() else 1
    number = fmt_number(row["value"], decimals)
    parts = [p for p in (row.get("qualifier"), number, row.get("unit")) if p and not pd.isna(p)]
    text = f"{row['label']}: " + " ".join(str(p) for p in parts)
    if row.get("change_pct") is not None and not pd.isna(row.get("change_pct")):
        text += f" ({'+' if row['change_pct'] > 0 else ''}{fmt_number(row['change_pct'], 0)} %)"
    if row.get("year") and not pd.isna(row.get("year")):
        text += f" ({int(row['year'])})"
    return text
