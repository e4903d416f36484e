"""Logic behind the Tietoa aineistosta page: the catalogue rendered from the validated metadata."""

from __future__ import annotations

import pandas as pd

from tutka import schemas
from tutka.catalogue import indicator_titles
from tutka.domain import POLARITY_LABEL_KEYS
from tutka.fmt import fmt_date, fmt_number
from tutka.i18n import licence_label, pick, source_label, t, unit_label
from tutka.tables import group_label
from tutka.textsafe import md
from tutka.verdicts import about_sections

POLARITY_KEYS = POLARITY_LABEL_KEYS


def title(row: pd.Series, lang: str) -> str:
    return pick(row.to_dict(), "title", lang)


def topics(catalogue: pd.DataFrame) -> list[str]:
    return sorted(catalogue["topic"].unique())


def topic_label(topic: str, lang: str) -> str:
    from tutka.catalogue import TOPICS

    labels = TOPICS.get(topic)
    if isinstance(labels, dict):
        return labels.get(lang) or labels.get("fi") or topic
    return topic


def catalogue_table(catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("about.col_indicator", lang): [pick(r, "title", lang) for r in catalogue.to_dict("records")],
            t("about.col_topic", lang): catalogue["topic"].map(lambda x: topic_label(x, lang)),
            t("about.col_kind", lang): catalogue["kind"].map(lambda k: t(f"kind.{k}", lang)),
            t("about.col_polarity", lang): catalogue["polarity"].map(
                lambda p: t(POLARITY_KEYS.get(p, "polarity.neutral"), lang)
            ),
            t("about.col_unit", lang): catalogue["short_unit"].map(lambda u: unit_label(u, lang)),
            t("about.col_source", lang): [pick(r, "source", lang) for r in catalogue.to_dict("records")],
            t("about.col_licence", lang): catalogue["licence"].map(lambda x: licence_label(x, lang)),
            t("about.col_years", lang): [
                f"{int(a)}–{int(b)}" if pd.notna(a) else "–"
                for a, b in zip(catalogue["first_year"], catalogue["last_year"], strict=False)
            ],
            t("about.col_demo", lang): [
                t("about.demo_share", lang, share=fmt_number(100 * d / n, 0)) if n else "–"
                for d, n in zip(catalogue["n_demo"], catalogue["n_values"], strict=False)
            ],
        }
    )


def catalogue_parts(catalogue: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """(the catalogue table, {indicator id: title} for the details picker), in catalogue order."""
    return catalogue_table(catalogue, lang), indicator_titles(catalogue, lang)


def fields_table(lang: str) -> pd.DataFrame:
    """The fields of an indicator entry, read from data/schemas/indicators.schema.json (the same schema validates)."""
    rows = schemas.field_rows("indicators", lang)
    return pd.DataFrame(
        {
            t("about.col_field", lang): [r["field"] for r in rows],
            t("about.col_required", lang): [
                t("about.required_yes" if r["required"] else "about.required_no", lang) for r in rows
            ],
            t("about.col_description", lang): [r["description"] for r in rows],
        }
    )


def sources_table(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.source", lang): sources["source"].map(lambda s: source_label(s, lang)),
            t("col.demo", lang): sources["is_demo"].map({True: t("demo.yes", lang), False: t("demo.no", lang)}),
            t("about.col_values", lang): sources["n_values"].map(lambda v: fmt_number(v, 0, lang=lang)),
            t("about.col_indicators", lang): sources["n_indicators"].map(lambda v: fmt_number(v, 0, lang=lang)),
            t("about.col_years", lang): sources["first_year"].astype(str) + "–" + sources["last_year"].astype(str),
        }
    )


def indicator_markdown(row: pd.Series, lang: str) -> str:
    r = row.to_dict()
    breaks = list(r.get("series_breaks") if r.get("series_breaks") is not None else [])
    groups = list(r.get("groups") if r.get("groups") is not None else [])
    lines = [
        md(pick(r, "description", lang)),
        "",
        f"- **{t('meta.indicator_id', lang)}:** {md(r['indicator_id'])}",
        f"- **{t('meta.unit', lang)}:** {md(pick(r, 'unit', lang))} ({md(unit_label(r['short_unit'], lang))}), "
        f"{t('about.decimals', lang, n=r['decimals'])}",
        f"- **{t('about.col_polarity', lang)}:** {t(POLARITY_KEYS.get(r['polarity'], 'polarity.neutral'), lang)}",
        f"- **{t('about.col_kind', lang)}:** {t('kind.' + r['kind'], lang)}"
        + (f", {t('about.cycle', lang, n=int(r['survey_cycle']))}" if pd.notna(r.get("survey_cycle")) else ""),
    ]
    if groups:
        lines.append(f"- **{t('col.group', lang)}:** {', '.join(md(group_label(g, lang)) for g in groups)}")
    if breaks:
        lines.append(f"- **{t('about.breaks', lang)}:** {', '.join(str(b) for b in breaks)}")
    lines.append(
        f"- **{t('meta.source', lang)}:** {md(pick(r, 'source', lang))} · {t('meta.licence', lang)}: {md(licence_label(r['licence'], lang))}"
    )
    if pd.notna(r.get("sotkanet_id")):
        lines.append(f"- **Sotkanet:** {int(r['sotkanet_id'])}")
    if pd.notna(r.get("updated_at")):
        lines.append(
            f"- **{t('about.updated', lang)}:** {fmt_date(pd.Timestamp(r['updated_at']).to_pydatetime(), lang=lang)}"
        )
    return "\n".join(lines)


def extra_sections(lang: str) -> list[tuple[str, str]]:
    """Sections that document themselves on this page (the verdict rules, with the current thresholds)."""
    return about_sections(lang)
