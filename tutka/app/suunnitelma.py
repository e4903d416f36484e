"""Logic behind the Suunnitelma page: filter options and filtering of the plan's actions."""

from __future__ import annotations

import pandas as pd

from tutka.i18n import get_lang

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


def figure_text(row: pd.Series, lang: str | None = None) -> str:
    """'yli 1 100 lasta ja nuorta' style text for a stated figure: the yearly report's wording, numbers and units in
    the reader's language (one implementation, tutka.plans.report.figure_text)."""
    from tutka.plans.report import figure_text as report_figure_text

    return report_figure_text(row.to_dict(), lang or get_lang())


def target_distances(plan_id: str, region: str, lang: str) -> dict:
    """Distance to target per metric_id (tutka.plans.targets) from the cached plan queries."""
    from tutka.app.common import run_query
    from tutka.plans.targets import distances_from

    metrics = run_query("plan_metric_targets", plan=plan_id)
    if metrics.empty:
        return {}
    return distances_from(
        metrics,
        run_query("plan_target_current", plan=plan_id, region=region),
        run_query("plan_figures", plan=plan_id),
        run_query("plan_followups", plan=plan_id),
        lang,
    )
