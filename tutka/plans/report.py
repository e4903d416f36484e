"""The yearly report model ("Hyvinvointisuunnitelman vuosiraportti"): per goal every action with its follow-up
status, progress text and stated figures, the metrics with distance to target, the linked indicators with verdict
and explanation (judged with the data up to the report year), and the generated positive / negative developments.
Renderers: tutka/exports/report_docx.py (Word) and tutka/exports/report_pdf.py (PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from tutka.fmt import fmt_number, fmt_value, is_missing
from tutka.i18n import t, unit_label
from tutka.plans import service, targets

# characters XML 1.0 (docx) cannot hold; PDF fonts have no glyph for them either
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: object) -> str:
    """User text is data: keep it as typed, only drop control characters no document format can store."""
    return "" if text is None or is_missing(text) else _BAD_CHARS.sub("", str(text))


class NoPlanError(Exception):
    pass


@dataclass
class ReportIndicator:
    indicator_id: str
    title: str
    verdict: str  # engine code (improved, worsened, ...)
    verdict_label: str
    explanation: str
    latest: str  # '9,1 % (2023)'
    is_demo: bool


@dataclass
class ReportMetric:
    text: str
    target: str  # distance-to-target sentence or ''
    target_status: str = ""


@dataclass
class ReportAction:
    text: str
    responsible: list[str]
    status: str  # follow-up status code
    status_label: str
    progress: str
    figures: list[str]
    metrics: list[ReportMetric]


@dataclass
class ReportGoal:
    title: str
    status: str  # roll-up status code
    status_label: str
    actions: list[ReportAction]
    indicators: list[ReportIndicator]
    positives: list[str]
    negatives: list[str]


@dataclass
class Report:
    lang: str
    region_code: str
    region_name: str
    year: int
    plan_id: str
    plan_title: str
    plan_period: str
    plan_source: str
    goals: list[ReportGoal]
    positives: list[str]
    negatives: list[str]
    status_counts: dict[str, int]
    has_demo: bool
    generated_at: datetime = field(default_factory=datetime.now)

    @property
    def title(self) -> str:
        return t("report.title", self.lang, year=self.year)


def figure_text(fig: dict, lang: str) -> str:
    value = float(fig["value"])
    number = fmt_number(value, 0 if value.is_integer() else 1, lang=lang)
    unit = None if is_missing(fig.get("unit")) else unit_label(str(fig.get("unit")), lang)  # "lkm" → "st."
    parts = [p for p in (fig.get("qualifier"), number, unit) if p and not is_missing(p)]
    text = f"{clean(fig['label'])}: " + " ".join(clean(p) for p in parts)
    if not is_missing(fig.get("change_pct")):
        text += f" ({'+' if fig['change_pct'] > 0 else ''}{fmt_number(fig['change_pct'], 0, lang=lang)} %)"
    if not is_missing(fig.get("year")):
        text += f" ({int(fig['year'])})"
    return text


def _indicator(row: dict, lang: str) -> ReportIndicator:
    latest = ""
    if not is_missing(row.get("latest_value")):
        value = fmt_value(row["latest_value"], int(row.get("decimals") or 1), row.get("short_unit"), lang=lang)
        latest = f"{value} ({int(row['latest_year'])})"
    verdict = str(row.get("verdict") or "insufficient")
    return ReportIndicator(
        indicator_id=row["indicator_id"],
        title=clean(row.get("title") or row["indicator_id"]),
        verdict=verdict,
        verdict_label=t(f"v.code.{verdict}", lang),
        explanation=clean(row.get("explanation")) or t("report.no_data", lang),
        latest=latest,
        is_demo=bool(row.get("is_demo")) if not is_missing(row.get("is_demo")) else False,
    )


def build_report(con: duckdb.DuckDBPyConnection, region: str, year: int, lang: str = "fi") -> Report:
    from tutka.verdicts import developments
    from tutka.verdicts.developments import topics_of
    from tutka.verdicts.rollup import goal_rollup, goal_series
    from tutka.verdicts.store import region_verdicts

    plan = service.plan_for_region(con, region, year)
    if plan is None:
        raise NoPlanError(t("plan.cli_no_plan", lang, region=region))
    region_row = service.region_row(con, region) or {}
    region_name = region_row.get(f"name_{lang}") or region_row.get("name_fi") or region
    verdicts = region_verdicts(con, region, lang, as_of=year)  # the store when current and it holds the year
    topics = topics_of(con)  # developments as theme phrases, the same as on Etusivu
    goals_df = pd.DataFrame(
        [
            {
                "goal_id": g["goal_id"],
                "plan_id": plan["plan_id"],
                "region_code": region,
                "position": i,
                "title": g["title"],
            }
            for i, g in enumerate(plan["goals"])
        ]
    )
    links = pd.DataFrame(
        [
            {"goal_id": g["goal_id"], "indicator_id": ind}
            for g in plan["goals"]
            for a in g["actions"]
            for m in a["metrics"]
            for ind in m["indicators"]
        ],
        columns=["goal_id", "indicator_id"],
    )
    roll = goal_rollup(verdicts, goals_df, links).set_index("goal_id") if len(goals_df) else pd.DataFrame()
    series = goal_series(verdicts, goals_df, links) if len(goals_df) else pd.DataFrame()
    distances = targets.plan_distances(con, plan["plan_id"], region, lang)

    goals: list[ReportGoal] = []
    counts: dict[str, int] = {}
    for g in plan["goals"]:
        actions = []
        for a in g["actions"]:
            follow = next((f for f in a.get("followup") or [] if f["year"] == year), None)
            status = follow["status"] if follow else "ei_ilmoitettu"
            counts[status] = counts.get(status, 0) + 1
            metrics = []
            for k, m in enumerate(a["metrics"]):
                dist = distances.get(f"{a['action_id']}-m{k + 1}")  # the metric id plan_frames gives
                metrics.append(ReportMetric(clean(m["text"]), dist.text if dist else "", dist.status if dist else ""))
            actions.append(
                ReportAction(
                    text=clean(a["text"]),
                    responsible=[clean(u) for u in a["responsible"]],
                    status=status,
                    status_label=t(f"plan.status_{status}", lang),
                    progress=clean(follow.get("progress") if follow else ""),
                    figures=[figure_text(f, lang) for f in a.get("figures") or []],
                    metrics=metrics,
                )
            )
        rows = series[series["goal_id"] == g["goal_id"]] if len(series) else series
        inds = [_indicator(r, lang) for r in rows.to_dict("records")] if len(rows) else []
        goal_ids = set(links.loc[links["goal_id"] == g["goal_id"], "indicator_id"])
        dev = developments(verdicts[verdicts["indicator_id"].isin(goal_ids)], region, lang, topics=topics)
        status = roll.loc[g["goal_id"], "status"] if g["goal_id"] in roll.index else "no_indicators"
        goals.append(
            ReportGoal(
                title=clean(g["title"]),
                status=status,
                status_label=t(f"v.code.{status}", lang),
                actions=actions,
                indicators=inds,
                positives=[d["text"] for d in dev["positive"]],
                negatives=[d["text"] for d in dev["negative"]],
            )
        )
    all_ids = set(links["indicator_id"])
    overall = developments(verdicts[verdicts["indicator_id"].isin(all_ids)], region, lang, topics=topics)
    has_demo = bool(len(series) and series["is_demo"].fillna(False).astype(bool).any())
    return Report(
        lang=lang,
        region_code=region,
        region_name=clean(region_name),
        year=year,
        plan_id=plan["plan_id"],
        plan_title=clean(plan.get("title")),
        plan_period=clean(plan.get("period")),
        plan_source=clean(plan.get("source")),
        goals=goals,
        positives=[d["text"] for d in overall["positive"]],
        negatives=[d["text"] for d in overall["negative"]],
        status_counts=counts,
        has_demo=has_demo,
    )


def status_summary(report: Report) -> str:
    from tutka.plans.model import FOLLOWUP_STATUSES

    parts = [
        f"{t(f'plan.status_{s}', report.lang)} {report.status_counts[s]}"
        for s in FOLLOWUP_STATUSES
        if report.status_counts.get(s)
    ]
    n = sum(report.status_counts.values())
    return t("report.summary", report.lang, n=n, goals=len(report.goals), statuses=", ".join(parts))
