"""Logic behind the Indikaattorit page: labels, the figure, the table and the downloads."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tutka import charts, tables
from tutka.citations import unique_sources
from tutka.domain import DEFAULT_SCHOOL_LEVEL, GROUP_ORDER
from tutka.fmt import fmt_date
from tutka.i18n import licence_label, source_label, t, unit_label
from tutka.tables import age_group_label, group_label, sex_label
from tutka.textsafe import md

__all__ = ["sex_label", "group_sort_key", "chart_title", "figure", "table"]


def group_sort_key(grp: str) -> tuple[int, str]:
    return (GROUP_ORDER.index(grp) if grp in GROUP_ORDER else len(GROUP_ORDER), grp)


def plan_links_markdown(links: pd.DataFrame) -> str:
    """Goal → action → metric lines for the plans that use an indicator."""
    lines = []
    for (_, goal_title), part in links.groupby(["goal_id", "goal_title"], sort=False):
        lines.append(f"**{md(goal_title)}**")
        for _, row in part.iterrows():
            tags = " · ".join(md(x) for x in (t(f"plan.scope_{row['scope']}"), age_group_label(row["age_group"])) if x)
            lines.append(
                f"- {md(row['action_text'])}  \n  _{t('indicators.metric')}: {md(row['metric_text'])}_ ({tags})"
            )
    return "\n".join(lines)


def default_group(groups: list[str]) -> str:
    """8.–9. lk is the school level most plans talk about; otherwise the first one."""
    return DEFAULT_SCHOOL_LEVEL if DEFAULT_SCHOOL_LEVEL in groups else groups[0]


def chart_title(
    meta: pd.Series, grp: str, lang: str, sexes: list[str] | None = None, youth: bool = False, by_sex: bool = False
) -> str:
    """'Koulukiusattuna — 8.–9. lk — Tytöt': the indicator, the school level and, when the indicator has a sex
    breakdown, the sexes shown."""
    parts = [str(meta[f"title_{lang}"] or meta["title_fi"])]
    if grp:
        parts.append(group_label(grp, lang))
    if by_sex and sexes:
        parts.append(" / ".join(sex_label(s, youth, lang) for s in sexes))
    return " — ".join(parts)


def export_caption(meta: pd.Series, series: pd.DataFrame, lang: str) -> str:
    """Unit, source and update date under an exported chart (the demo label is added by the PNG export)."""
    parts = [t("caption.unit", lang, unit=meta[f"unit_{lang}"] or meta["unit_fi"])]
    sources = [source_label(s, lang) for s in unique_sources(series["source"])]
    if sources:
        parts.append(t("caption.source", lang, source="; ".join(sources)))
    updated = series["updated_at"].max() if "updated_at" in series else None
    if updated is not None and not pd.isna(updated):
        parts.append(t("caption.updated", lang, date=fmt_date(pd.Timestamp(updated).to_pydatetime(), lang=lang)))
    return " · ".join(parts)


def _labelled(series: pd.DataFrame, names: dict[str, str], youth: bool, lang: str) -> pd.DataFrame:
    frame = series.copy()
    several_sexes = frame["sex"].nunique() > 1
    frame["label"] = frame["region_code"].map(names).fillna(frame["region_code"])
    if several_sexes:
        frame["label"] = frame["label"] + ", " + frame["sex"].map(lambda s: sex_label(s, youth, lang).lower())
    return frame


def figure(
    series: pd.DataFrame,
    meta: pd.Series,
    names: dict[str, str],
    youth: bool,
    lang: str,
    has_demo: bool,
    region_order: list[str] | None = None,
) -> go.Figure:
    """The indicator's lines; `region_order` is the view's regions, the chosen municipality first (its colour)."""
    frame = _labelled(series, names, youth, lang)
    breaks = [int(y) for y in (meta["series_breaks"] if meta["series_breaks"] is not None else [])]
    years = set(frame["year"])
    breaks = [y for y in breaks if min(years) < y <= max(years)] if years else []
    return charts.line_chart(
        frame,
        label_col="label",
        y_title=unit_label(str(meta["short_unit"] or ""), lang),
        decimals=int(meta["decimals"]),
        lang=lang,
        series_breaks=breaks,
        has_demo=has_demo,
        region_order=region_order,
    )


def table(series: pd.DataFrame, names: dict[str, str], youth: bool, lang: str) -> pd.DataFrame:
    return tables.values_table(series, names, youth, lang)


def csv_download(series: pd.DataFrame, names: dict[str, str], youth: bool, lang: str) -> bytes:
    return tables.csv_bytes(table(series, names, youth, lang), lang)


def metadata_rows(meta: pd.Series, lang: str, has_demo: bool) -> list[tuple[str, str]]:
    return [
        (t("meta.indicator", lang), str(meta[f"title_{lang}"] or meta["title_fi"])),
        (t("meta.indicator_id", lang), str(meta.name)),
        (t("meta.unit", lang), str(meta[f"unit_{lang}"] or meta["unit_fi"])),
        (t("meta.source", lang), str(meta[f"source_{lang}"] or meta["source_fi"])),
        (t("meta.licence", lang), licence_label(meta["licence"], lang)),
        (t("meta.demo", lang), t("demo.sheet_note", lang) if has_demo else t("demo.no", lang)),
    ]


def xlsx_download(series: pd.DataFrame, meta: pd.Series, names: dict[str, str], youth: bool, lang: str) -> bytes:
    has_demo = bool(series["is_demo"].any())
    return tables.xlsx_bytes(
        {t("meta.data_sheet", lang): table(series, names, youth, lang)}, metadata_rows(meta, lang, has_demo)
    )
