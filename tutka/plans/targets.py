"""Distance to target: "tavoite alle 8 %, nyt 9,1 % (2023), ei saavutettu" for a metric's target.

The current value comes from (1) the latest value of the metric's first linked indicator in the plan's region
(`queries/plan_target_current.sql`), else (2) for a count target a stated figure of the action with the metric's
text as its label, else (3) for a yes/no target the action's latest follow-up status (toteutunut = yes).
Values are compared as shown (rounded to the indicator's decimals). A target without a direction takes it from the
indicator's polarity (lower is better → at most, higher is better → at least).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from tutka.fmt import fmt_value, is_missing
from tutka.i18n import t
from tutka.queries import run

ACHIEVED, NOT_ACHIEVED, NOT_YET, NO_DATA = "achieved", "not_achieved", "not_yet", "no_data"


@dataclass(frozen=True)
class Distance:
    status: str  # achieved | not_achieved | not_yet | no_data
    text: str
    current: float | None = None
    year: int | None = None


def _target_of(metric: dict) -> dict:
    if "target" in metric and isinstance(metric["target"], dict):
        return metric["target"]
    return {k: metric.get(f"target_{k}") for k in ("kind", "op", "value", "year", "unit", "group")}


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 2)


def target_label(target: dict, lang: str = "fi", decimals: int | None = None) -> str:
    """'alle 8 % vuonna 2025, 8.–9. lk' / 'under 8 % år 2025' / 'kyllä'."""
    if target.get("kind") == "yesno":
        return t("target.yes" if (target.get("value") or 0) >= 0.5 else "target.no", lang)
    value = float(target["value"])
    number = fmt_value(value, _decimals(value) if decimals is None else decimals, target.get("unit"), lang=lang)
    parts = [t(f"target.op_{target['op']}", lang)] if target.get("op") in ("lt", "le", "gt", "ge") else []
    parts.append(number)
    if not is_missing(target.get("year")):
        parts.append(t("target.in_year", lang, year=int(target["year"])))
    text = " ".join(parts)
    return f"{text}, {target['group']}" if target.get("group") else text


def met(op: str | None, current: float, goal: float, polarity: str | None = None) -> bool:
    if op is None:
        op = {"lower_is_better": "le", "higher_is_better": "ge"}.get(polarity or "", "eq")
    return {
        "lt": current < goal,
        "le": current <= goal,
        "gt": current > goal,
        "ge": current >= goal,
        "eq": current == goal,
    }[op]


def _verdict(ok: bool, target: dict, year: int | None, lang: str) -> tuple[str, str]:
    if ok:
        return ACHIEVED, t("target.achieved", lang)
    if not is_missing(target.get("year")) and year is not None and year < int(target["year"]):
        return NOT_YET, t("target.not_yet", lang, year=int(target["year"]))
    return NOT_ACHIEVED, t("target.not_achieved", lang)


def distance(metric: dict, current: dict | None, lang: str = "fi") -> Distance | None:
    """`metric` has target_* fields (a plan_metrics row) or a nested `target`; `current` is
    {value, year, decimals, short_unit, polarity} or {status} (yes/no from the follow-up) or None."""
    target = _target_of(metric)
    if not target.get("kind"):
        return None
    decimals = int(current["decimals"]) if current and not is_missing(current.get("decimals")) else None
    label = target_label(target, lang)
    if target["kind"] == "yesno" and current and current.get("status"):
        status = current["status"]
        ok = (status == "toteutunut") == ((target.get("value") or 0) >= 0.5)
        now = t("target.status_done" if status == "toteutunut" else "target.status_not_done", lang)
        now = now.format(status=t(f"plan.status_{status}", lang))
        code, verdict = _verdict(ok, target, current.get("year"), lang)
        return Distance(
            code, t("target.text", lang, target=label, current=now, verdict=verdict), None, current.get("year")
        )
    if not current or is_missing(current.get("value")):
        return Distance(NO_DATA, t("target.text_no_data", lang, target=label))
    value = float(current["value"])
    shown = decimals if decimals is not None else _decimals(value)
    unit = current.get("short_unit") or target.get("unit")
    now = fmt_value(value, shown, unit, lang=lang)
    year = None if is_missing(current.get("year")) else int(current["year"])
    if year is not None:
        now = t("target.current_year", lang, value=now, year=year)
    ok = met(target.get("op"), round(value, shown), round(float(target["value"]), shown), current.get("polarity"))
    code, verdict = _verdict(ok, target, year, lang)
    return Distance(code, t("target.text", lang, target=label, current=now, verdict=verdict), value, year)


def plan_distances(con: duckdb.DuckDBPyConnection, plan_id: str, region: str, lang: str = "fi") -> dict[str, Distance]:
    """Distance to target for every metric of the plan that has a target, by metric_id."""
    metrics = run(con, "plan_metric_targets", plan=plan_id)
    if metrics.empty:
        return {}
    return distances_from(
        metrics,
        run(con, "plan_target_current", plan=plan_id, region=region),
        run(con, "plan_figures", plan=plan_id),
        run(con, "plan_followups", plan=plan_id),
        lang,
    )


def distances_from(
    metrics: pd.DataFrame, current: pd.DataFrame, figures: pd.DataFrame, followups: pd.DataFrame, lang: str = "fi"
) -> dict[str, Distance]:
    by_metric = {r["metric_id"]: r for r in current.to_dict("records")}
    out: dict[str, Distance] = {}
    for m in metrics.to_dict("records"):
        cur = by_metric.get(m["metric_id"])
        if cur is None and m["target_kind"] == "count" and not figures.empty:
            same = figures[(figures["action_id"] == m["action_id"]) & (figures["label"] == m["text"])]
            if not same.empty:
                row = same.sort_values("year").iloc[-1]
                cur = {"value": row["value"], "year": row["year"], "short_unit": row.get("unit")}
        if cur is None and m["target_kind"] == "yesno" and not followups.empty:
            rows = followups[(followups["action_id"] == m["action_id"]) & (followups["status"] != "ei_ilmoitettu")]
            if not rows.empty:
                row = rows.sort_values("year").iloc[-1]
                cur = {"status": row["status"], "year": int(row["year"])}
        found = distance(m, cur, lang)
        if found is not None:
            out[m["metric_id"]] = found
    return out


__all__ = ["Distance", "distance", "distances_from", "met", "plan_distances", "target_label"]
