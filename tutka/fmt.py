"""Finnish number and date formatting (decimal comma, no-break-space thousands separator)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd

NBSP = "\u00a0"


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_number(value: object, decimals: int = 1, missing: str = "–", lang: str = "fi") -> str:
    """9.125 -> '9,1'; 676462 -> '676 462' (NBSP). English uses a point and comma separators."""
    if is_missing(value):
        return missing
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def fmt_signed(value: object, decimals: int = 1, lang: str = "fi") -> str:
    """+2,4 / −1,0 (true minus sign)."""
    if is_missing(value):
        return "–"
    v = float(value)  # type: ignore[arg-type]
    body = fmt_number(abs(v), decimals, lang=lang)
    if round(v, decimals) == 0:
        return body
    return ("+" if v > 0 else "\u2212") + body


def fmt_value(value: object, decimals: int, short_unit: str | None, lang: str = "fi") -> str:
    """Number with its short unit: '9,1 %', '676 462 lkm' ('676 462 st.' in Swedish)."""
    text = fmt_number(value, decimals, lang=lang)
    if text == "–" or not short_unit:
        return text
    from tutka.i18n import unit_label

    return f"{text}{NBSP}{unit_label(short_unit, lang)}"


EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(value: date | datetime | None, with_time: bool = False, lang: str | None = None) -> str:
    """'6.12.2026 17:08' in Finnish and Swedish (as written in Finland), '6 Dec 2026 17:08' in English. Without
    `lang` the session's language is used."""
    if value is None:
        return "–"
    if lang is None:
        from tutka.i18n import get_lang

        lang = get_lang()
    text = (
        f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"
        if lang == "en"
        else (f"{value.day}.{value.month}.{value.year}")
    )
    if with_time and isinstance(value, datetime):
        text += f" {value:%H:%M}"
    return text


def fmt_year(value: object, missing: str = "–") -> str:
    """2025 -> '2025' (a year never gets a thousands separator)."""
    if is_missing(value):
        return missing
    return str(int(float(value)))  # type: ignore[arg-type]


def period_label(year: Any, month: Any = None) -> str:
    """'2026' or '2026M06' (the form the statistics offices use)."""
    return str(int(year)) if month is None or pd.isna(month) else f"{int(year)}M{int(month):02d}"


def period_text(frame: pd.DataFrame) -> list[str]:
    """period_label of every row."""
    months = frame["month"] if "month" in frame else pd.Series(None, index=frame.index, dtype="float64")
    return [period_label(y, m) for y, m in zip(frame["year"], months, strict=True)]
