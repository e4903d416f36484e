"""Verdict engine: an explained positive / negative verdict for every indicator series.

For every (indicator, region, sex, group) series the engine gives the latest value and year, the previous comparable
value and year, the change, a verdict and the rule that decided it, the comparison with the county and the whole
country, the sex gap, and a one-sentence Finnish explanation with the numbers.

Verdict codes: ``improved`` / ``worsened`` / ``no_change`` / ``insufficient``; neutral indicators ``increased`` /
``decreased`` / ``no_change``. Comparisons: ``better`` / ``same`` / ``worse`` ('' = not comparable).
Rules (column ``rule``): ``survey_change``, ``survey_change_small``, ``survey_ci``, ``register_trend``,
``register_relative``, ``insufficient_missing``, ``insufficient_respondents``, ``insufficient_single``.

The thresholds live in data/verdict_rules.yaml; the rules are documented in docs/verdicts.md and, with the current
numbers, on the About page via `rules_markdown(lang)`.

Public API (re-exported by tutka.verdicts):
- `compute_verdicts(values_df, indicators_df, membership_df, rules=None, explain=True) -> DataFrame` (pure)
- `verdicts_for(con, region_code=None) -> DataFrame` (loads through named queries)
- `rules_markdown(lang) -> str`
"""

from __future__ import annotations

import pandas as pd

from tutka.i18n import t
from tutka.queries import run
from tutka.verdicts.engine import COMPARISONS, GAP_TRENDS, KEYS, VERDICTS, compute_core
from tutka.verdicts.rules import load_rules
from tutka.verdicts.text import explain, label, rules_markdown_from, symbol_label

OUTPUT_COLUMNS = [
    "indicator_id",
    "region_code",
    "sex",
    "grp",
    "kind",
    "polarity",
    "title",
    "short_unit",
    "decimals",
    "latest_year",
    "latest_value",
    "latest_respondents",
    "previous_year",
    "previous_value",
    "change",
    "change_rel",
    "slope",
    "p_value",
    "n_points",
    "threshold",
    "direction",
    "verdict",
    "rule",
    "strength",
    "ci_separate",
    "county_code",
    "county_value",
    "county_verdict",
    "county_is_demo",
    "country_code",
    "country_value",
    "country_verdict",
    "country_is_demo",
    "gap_latest",
    "gap_previous",
    "gap_year",
    "gap_previous_year",
    "gap_trend",
    "gap_worse_sex",
    "is_demo",
    "explanation",
]

__all__ = [
    "COMPARISONS",
    "GAP_TRENDS",
    "KEYS",
    "OUTPUT_COLUMNS",
    "VERDICTS",
    "compute_verdicts",
    "explain",
    "label",
    "rules_markdown",
    "about_sections",
    "symbol_label",
    "verdicts_for",
]


def compute_verdicts(
    values_df: pd.DataFrame,
    indicators_df: pd.DataFrame,
    membership_df: pd.DataFrame,
    rules: dict | None = None,
    explain_lang: str | None = "fi",
) -> pd.DataFrame:
    """One row per series with every verdict column (see OUTPUT_COLUMNS). Pure: no I/O except the default rules.

    values_df: indicator_values columns (indicator_id, region_code, year, sex, grp|group, value, respondents,
    ci_low, ci_high, is_demo); indicators_df: catalogue columns (indicator_id, kind, polarity, decimals, short_unit,
    series_breaks, title_fi/sv/en); membership_df: region_code, parent_code, parent_type[, valid_to].
    `explain_lang=None` skips the explanation texts (the fast path for bulk use).
    """
    rules = rules or load_rules()
    if values_df.empty:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    out = compute_core(values_df, indicators_df, membership_df, rules)
    lang = explain_lang or "fi"
    title_col = (
        f"title_{lang}" if f"title_{lang}" in indicators_df else ("title_fi" if "title_fi" in indicators_df else None)
    )
    if title_col:
        titles = indicators_df.set_index("indicator_id")[title_col]
        fallback = indicators_df.set_index("indicator_id")["title_fi"] if "title_fi" in indicators_df else titles
        out["title"] = out["indicator_id"].map(titles).fillna(out["indicator_id"].map(fallback))
    else:
        out["title"] = out["indicator_id"]
    out["title"] = out["title"].fillna(out["indicator_id"])
    out["month"] = _series_month(values_df, out)
    out["explanation"] = explain(out, explain_lang) if explain_lang else ""
    return out[OUTPUT_COLUMNS].sort_values(KEYS, kind="stable").reset_index(drop=True)


def _series_month(values_df: pd.DataFrame, out: pd.DataFrame) -> pd.Series:
    """The month a monthly series is compared in (queries/verdict_values.sql gives one month per series), else NA:
    the explanation then says 2026M06 / 2025M06 instead of bare years."""
    if "month" not in values_df or values_df["month"].isna().all():
        return pd.Series(pd.NA, index=out.index, dtype="Int64")
    v = values_df.rename(columns={"group": "grp"})
    months = v.dropna(subset=["month"]).groupby(["indicator_id", "region_code", "sex", "grp"])["month"].max()
    keys = pd.MultiIndex.from_frame(out[["indicator_id", "region_code", "sex", "grp"]])
    return pd.Series(months.reindex(keys).to_numpy(), index=out.index).astype("Int64")


def verdicts_for(
    con,
    region_code: str | list[str] | None = None,
    lang: str = "fi",
    rules: dict | None = None,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Verdicts loaded through named queries: all regions (None) or the given region(s) (their county and the
    country are loaded too, for the benchmarks, and dropped from the result). `as_of`: judge with the data up to
    that year only (e.g. the year a plan was written)."""

    codes = [region_code] if isinstance(region_code, str) else list(region_code or [])
    values = run(con, "verdict_values", regions=codes, indicators=None)
    if as_of is not None:
        values = values[values["year"] <= int(as_of)]
    indicators = run(con, "verdict_indicators")
    membership = run(con, "verdict_membership")
    out = compute_verdicts(values, indicators, membership, rules, explain_lang=lang)
    if codes:
        out = out[out["region_code"].isin(codes)].reset_index(drop=True)
    return out


def rules_markdown(lang: str = "fi") -> str:
    """The verdict rules with the current thresholds, as Markdown for the About page."""
    return rules_markdown_from(load_rules(), lang)


def about_sections(lang: str = "fi") -> list[tuple[str, str]]:
    """(title, markdown) sections for the About page (tutka.app.tietoa calls this)."""

    return [(t("v.about.title", lang), rules_markdown(lang))]
