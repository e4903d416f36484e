"""Words for verdicts: the one-sentence explanation of every verdict, labels, and the About-page rule text.

All wording comes from the translation table (data/i18n/verdicts.csv); numbers use Finnish formats (decimal comma,
"%-yks." for percentage points) through tutka.fmt.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from tutka.domain import CODES, SCHOOL_LEVEL_LABEL_KEYS
from tutka.fmt import fmt_number, fmt_signed, fmt_value
from tutka.i18n import t, texts, unit_label
from tutka.verdicts.rules import PLACEHOLDER

SYMBOLS = {"": "", **{code: c.symbol for code, c in CODES.items()}}


def label(code: str, lang: str | None = None) -> str:
    """Verdict / comparison / gap / status / rule label: 'improved' -> 'parantunut'."""
    if not code:
        return ""
    return t(f"v.code.{code}", lang)


def symbol_label(code: str, lang: str | None = None) -> str:
    return f"{SYMBOLS.get(code, '')} {label(code, lang)}".strip()


def short_name(indicator_id: str, title: str, lang: str) -> str:
    """Plain-language short name for lists ('koulukiusaaminen'); falls back to the catalogue title."""
    key = f"vshort.{indicator_id}"
    if key in texts():
        return t(key, lang)
    return title[:1].lower() + title[1:] if title else indicator_id


def sex_word(sex: str, grp: str, lang: str) -> str:
    """'tytöt' / 'pojat' for pupils (series with a school group), 'naiset' / 'miehet' otherwise."""
    if sex not in ("female", "male"):
        return ""
    young = "young" if grp else "adult"
    return t(f"v.sex.{sex}.{young}", lang)


def group_label(grp: str | None, lang: str | None = None) -> str:
    """School level in the reader's language: '8.–9. lk' → 'åk 8–9' / 'grades 8–9'; unknown groups as they are."""
    key = SCHOOL_LEVEL_LABEL_KEYS.get(grp or "")
    return t(key, lang) if key else str(grp or "")


def series_name(title: str, sex: str, grp: str, lang: str) -> str:
    parts = [p for p in (group_label(grp, lang) if grp else "", sex_word(sex, grp, lang)) if p]
    return f"{title} ({', '.join(parts)})" if parts else title


def _unit_change(short_unit: str, lang: str) -> str:
    if short_unit == "%":
        return t("v.unit.pp", lang)
    return short_unit or ""


def _with_unit(text: str, unit: str) -> str:
    return f"{text}\u00a0{unit}" if unit and text != "–" else text


def explain_row(r: dict, lang: str = "fi") -> str:
    """One sentence with the numbers, e.g. '… 9,1 % (2023), +2,4 %-yks. vuodesta 2021 (raja 2 %-yks.); koko maa 7,0 %.'"""
    dec = int(r.get("decimals") or 0)
    unit = unit_label(r.get("short_unit") or "", lang)
    name = series_name(r.get("title") or r["indicator_id"], r["sex"], r["grp"], lang)
    year: int | str = int(r["latest_year"])
    value = fmt_value(r["latest_value"], dec, unit, lang)
    rule = r["rule"]
    prev = r.get("previous_year")
    prev = int(prev) if prev is not None and not _nan(prev) else None
    month = r.get("month")
    if month is not None and not _nan(month):  # a monthly series: the same month every year (June vs June)
        m = int(month)
        year, prev = f"{year}M{m:02d}", (f"{prev}M{m:02d}" if prev is not None else None)
    cu = _unit_change(unit, lang)
    if rule == "insufficient_missing":
        body = t("v.x.missing", lang, name=name, year=year)
    elif rule == "insufficient_respondents":
        body = t("v.x.respondents", lang, name=name, year=year, n=fmt_number(r.get("latest_respondents"), 0, lang=lang))
    elif rule == "insufficient_single":
        body = t("v.x.single", lang, name=name, value=value, year=year)
    elif rule.startswith("survey"):
        thr = _with_unit(fmt_number(r["threshold"], 0, lang=lang), cu)
        change = _with_unit(fmt_signed(r["change"], dec, lang=lang), cu)
        key = (
            "v.x.survey_ci"
            if rule == "survey_ci"
            else ("v.x.survey_sig" if r["verdict"] not in ("no_change",) else "v.x.survey_nosig")
        )
        if rule == "survey_change_small" and key != "v.x.survey_ci":
            key += "_small"
        body = t(key, lang, name=name, value=value, year=year, change=change, prev_year=prev, thr=thr)
    elif rule == "register_trend":
        slope = _with_unit(fmt_signed(r["slope"], dec + 1 if abs(r["slope"] or 0) < 1 else dec, lang=lang), cu)
        p = (
            "p < " + fmt_number(0.001, 3, lang=lang)
            if r["p_value"] < 0.001
            else "p = " + fmt_number(r["p_value"], 3, lang=lang)
        )
        key = "v.x.trend_sig" if r["verdict"] != "no_change" else "v.x.trend_nosig"
        body = t(
            key,
            lang,
            name=name,
            value=value,
            year=year,
            prev_year=prev,
            slope=slope,
            p=p,
            alpha=fmt_number(r["threshold"], 2, lang=lang),
        )
    else:  # register_relative
        rel = r.get("change_rel")
        rel_txt = (
            "–" if rel is None or _nan(rel) or math.isinf(rel) else _with_unit(fmt_signed(100 * rel, 1, lang=lang), "%")
        )
        thr = _with_unit(fmt_number(100 * r["threshold"], 0, lang=lang), "%")
        key = "v.x.relative_sig" if r["verdict"] != "no_change" else "v.x.relative_nosig"
        body = t(key, lang, name=name, value=value, year=year, prev_year=prev, change=rel_txt, thr=thr)
    bench = []
    for name in ("county", "country"):
        if not _nan(r.get(f"{name}_value")) and r.get(f"{name}_verdict"):
            text = t(f"v.x.{name}", lang, value=fmt_value(r[f"{name}_value"], dec, unit, lang))
            if r.get(f"{name}_is_demo") and not r.get("is_demo"):  # real series, demo benchmark
                text += " " + t("v.x.demo", lang)
            bench.append(text)
    text = body + ("; " + ", ".join(bench) if bench else "")
    if r.get("is_demo"):
        text += " " + t("v.x.demo", lang)
    return text + "."


def _nan(x: object) -> bool:
    if x is None or x is pd.NA:
        return True
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def explain(df: pd.DataFrame, lang: str = "fi") -> pd.Series:
    """The explanation column in `lang` (the frame needs the engine's columns plus `title`)."""
    if df.empty:
        return pd.Series([], index=df.index, dtype="object")
    return pd.Series([explain_row(r, lang) for r in df.to_dict("records")], index=df.index, dtype="object")


# ---------------------------------------------------------------------------------------------------- About page


def rules_markdown_from(rules: dict, lang: str = "fi") -> str:
    """The rule descriptions of verdict_rules.yaml with the current thresholds filled in (Markdown)."""

    def fill(m: re.Match) -> str:
        value = rules[m.group(1)][m.group(2)]
        if m.group(3):
            return f"{fmt_number(100 * float(value), 0, lang=lang)}\u00a0%"
        if isinstance(value, float):
            return fmt_number(value, 0 if value == int(value) else 2, lang=lang)
        return str(value)

    parts = [t("v.about.intro", lang)]
    for key in ("survey", "register", "polarity", "benchmark", "gap", "rollup"):
        desc = rules["descriptions"][key]
        parts.append("- " + PLACEHOLDER.sub(fill, desc.get(lang) or desc["fi"]).strip())
    parts.append(t("v.about.where", lang))
    return "\n".join(parts)
