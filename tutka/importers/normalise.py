"""Cell values → canonical values, vectorised over pandas Series (a 200 000-row file must stay fast).

Missing markers (`..`, `.`, `-`, `x`, `<5`, `ei tietoa`, empty …) become NaN and are flagged as missing — never 0.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from tutka.domain import SCHOOL_LEVEL_ALIASES

MISSING = {
    "",
    "..",
    "...",
    ".",
    "-",
    "–",
    "—",
    "x",
    "X",
    "*",
    "**",
    "ei tietoa",
    "eitietoa",
    "tieto puuttuu",
    "puuttuu",
    "uppgift saknas",
    "saknas",
    "n/a",
    "na",
    "nan",
    "null",
    "none",
    "salattu",
    "sekretess",
}
_SMALL = re.compile(r"^<\s*\d+([.,]\d+)?$")  # "<5": suppressed small number
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")

SEX = {
    "total": {
        "yhteensä",
        "yht",
        "yht.",
        "kaikki",
        "molemmat",
        "sukupuolet yhteensä",
        "total",
        "totalt",
        "alla",
        "båda könen",
        "both",
        "both sexes",
        "all",
        "kaikki sukupuolet",
        "t",
        "",
    },
    "male": {
        "pojat",
        "poika",
        "miehet",
        "mies",
        "male",
        "males",
        "men",
        "man",
        "pojkar",
        "pojke",
        "män",
        "boys",
        "boy",
        "m",
    },
    "female": {
        "tytöt",
        "tyttö",
        "naiset",
        "nainen",
        "female",
        "females",
        "women",
        "woman",
        "flickor",
        "flicka",
        "kvinnor",
        "kvinna",
        "girls",
        "girl",
        "f",
    },
}
SEX_SKIP = {"muu", "muut", "other", "annat", "annan", "muu sukupuoli", "ei halua kertoa", "en vill säga"}
SEX_ALIAS = {alias: code for code, aliases in SEX.items() for alias in aliases}

GROUPS = SCHOOL_LEVEL_ALIASES
_NO_GROUP = {"", "yhteensä", "kaikki", "total", "totalt", "alla", "all", "-"}


def group_key(text: str) -> str:
    t = str(text).lower().replace("–", "-").replace("—", "-").replace(" ja ", "-").replace(" och ", "-")
    return re.sub(r"[\s.]", "", t)


GROUP_ALIAS = {group_key(canon): canon for canon in GROUPS}
GROUP_ALIAS.update({alias: canon for canon, aliases in GROUPS.items() for alias in aliases})


def via_uniques(series: pd.Series, fn) -> pd.Series:
    """Apply `fn` (Series -> Series) to the distinct values only and spread the result back: a 200 000-row column
    usually holds a few hundred distinct cells."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if len(uniques) == len(series):
        return fn(series.reset_index(drop=True)).set_axis(series.index)
    mapped = fn(pd.Series(list(uniques) + [None], dtype=object))
    return pd.Series(mapped.to_numpy()[codes], index=series.index, dtype=mapped.dtype)  # code -1 → the None slot


def as_text(series: pd.Series) -> pd.Series:
    """Cells as stripped strings ('' for empty); integral floats without '.0' (Excel stores 2019 as 2019.0)."""
    return via_uniques(series, _as_text)


def _as_text(series: pd.Series) -> pd.Series:
    kinds = series.map(type)
    out = pd.Series("", index=series.index, dtype=object)
    is_str = kinds == str  # noqa: E721 (element-wise on a Series of types)
    if is_str.any():
        out[is_str] = series[is_str].str.replace("\u00a0", " ", regex=False).str.strip()
    is_num = kinds.isin([float, int, np.float64, np.int64])
    if is_num.any():
        nums = series[is_num].astype("float64")
        integral = nums.notna() & (nums == np.floor(nums))
        out[nums.index[integral]] = nums[integral].astype("int64").astype(str)
        rest = nums.notna() & ~integral
        out[nums.index[rest]] = nums[rest].astype(str)
    other = ~is_str & ~is_num & series.notna()
    if other.any():
        out[other] = series[other].map(lambda v: v.isoformat() if isinstance(v, (datetime, date)) else str(v))
    return out


def parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """-> (numbers as float64 with NaN, missing mask, bad mask). Decimal comma or point, space/NBSP thousands."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if len(uniques) < len(series):
        vals, miss, bad = _parse_numbers(pd.Series(list(uniques) + [None], dtype=object))
        return tuple(pd.Series(x.to_numpy()[codes], index=series.index) for x in (vals, miss, bad))  # type: ignore
    return _parse_numbers(series)


def _parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    values = pd.Series(np.nan, index=series.index, dtype="float64")
    kinds = series.map(type)
    is_num = kinds.isin([float, int, np.float64, np.int64])
    values[is_num] = series[is_num].astype("float64")
    missing = pd.Series(False, index=series.index)
    missing[is_num] = values[is_num].isna()
    is_bool = kinds == bool  # noqa: E721 (element-wise on a Series of types)
    rest = ~is_num & ~is_bool
    if rest.any():
        raw = series[rest].map(lambda v: "" if v is None else str(v)).str.strip()
        low = raw.str.lower()
        miss = low.isin(MISSING) | raw.str.match(_SMALL)
        text = raw[~miss].str.replace(_SPACES, "", regex=True).str.replace("\u2212", "-", regex=False)
        text = text.str.rstrip("%").str.rstrip()
        both = text.str.contains(",", regex=False) & text.str.contains(".", regex=False)
        text = text.where(~both, text.str.replace(".", "", regex=False))
        text = text.str.replace(",", ".", regex=False)
        nums = pd.to_numeric(text, errors="coerce")
        values[nums.index] = nums
        missing[miss[miss].index] = True
    bad = values.isna() & ~missing
    bad[is_num] = False
    bad[is_bool] = True
    values[bad] = np.nan
    return values, missing, bad


_PERIOD = re.compile(r"^((?:18|19|20|21)\d{2})(?:\s*[-/mkq]\s*(\d{1,2}))?$", re.I)
_PERIOD_REV = re.compile(r"^(\d{1,2})\s*[/.-]\s*((?:18|19|20|21)\d{2})$")
MONTHS = {
    "tammikuu": 1,
    "helmikuu": 2,
    "maaliskuu": 3,
    "huhtikuu": 4,
    "toukokuu": 5,
    "kesäkuu": 6,
    "heinäkuu": 7,
    "elokuu": 8,
    "syyskuu": 9,
    "lokakuu": 10,
    "marraskuu": 11,
    "joulukuu": 12,
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
}
_MONTH_WORD = re.compile(r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\w*\s+((?:19|20)\d{2})", re.I)


def parse_period(text: str) -> tuple[int | None, int | None]:
    """'2023' -> (2023, None); '2025M03' / '2025-03' / '03/2025' / 'maaliskuu 2025' -> (2025, 3)."""
    t = text.strip()
    if not t:
        return None, None
    m = _PERIOD.match(t)
    if m:
        month = int(m.group(2)) if m.group(2) else None
        return int(m.group(1)), month if month is None or 1 <= month <= 12 else -1
    m = _PERIOD_REV.match(t)
    if m:
        return int(m.group(2)), int(m.group(1)) if 1 <= int(m.group(1)) <= 12 else -1
    m = _MONTH_WORD.search(t)
    if m:
        return int(m.group(2)), MONTHS[m.group(1).lower()]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", t):  # a date cell
        return int(t[:4]), int(t[5:7])
    return None, None


def period_in_text(text: str) -> tuple[int | None, int | None]:
    """A year (and month) mentioned in a title row: 'Työllisyyskatsaus maaliskuu 2025' -> (2025, 3)."""
    m = _MONTH_WORD.search(text)
    if m:
        return int(m.group(2)), MONTHS[m.group(1).lower()]
    m = re.search(r"\b(\d{4})\s*M(\d{2})\b", text)
    if m:
        return int(m.group(1)), int(m.group(2))
    years = re.findall(r"\b((?:19|20)\d{2})\b", text)
    return (int(years[-1]), None) if len(set(years)) == 1 else (None, None)


def canon_sex(text: str) -> str | None:
    """'' (no sex column) counts as total. Returns None for unknown, 'skip' for categories we do not store."""
    low = text.strip().lower()
    if low in SEX_ALIAS:
        return SEX_ALIAS[low]
    if low in SEX_SKIP:
        return "skip"
    return None


def canon_group(text: str) -> str:
    """Canonical school level when recognised, '' for totals, else the text itself (checked later)."""
    if text.strip().lower() in _NO_GROUP:
        return ""
    key = group_key(text)
    return GROUP_ALIAS.get(key, text.strip())
