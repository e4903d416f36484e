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
    return Distinct(series).map(fn)


class Distinct:
    """A column factorised once, for several `via_uniques` look-ups on it (each would hash the 1 M cells again)."""

    def __init__(self, series: pd.Series) -> None:
        self.series = series
        self.codes, uniques = pd.factorize(series, use_na_sentinel=True)
        self.all_distinct = len(uniques) == len(series)
        self.values = pd.Series(list(uniques) + [None], dtype=object) if not self.all_distinct else None

    def map(self, fn) -> pd.Series:
        if self.values is None:  # object dtype, as the distinct values below (an Arrow text column maps differently)
            return fn(self.series.reset_index(drop=True).astype(object)).set_axis(self.series.index)
        return spread(fn(self.values), self.codes, self.series.index)  # code -1 → the None slot


def spread(mapped: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """`mapped[codes]` (code -1 → the last slot, the None of the distinct values) as a Series on `index`, same dtype.
    An Arrow/extension column (text, Int64, boolean) is taken inside its own array: rebuilding a 1 M-row Arrow text
    column from a NumPy array of Python strings costs ~50 ms a column, the take a few."""
    if isinstance(mapped.dtype, pd.api.extensions.ExtensionDtype):
        return pd.Series(mapped.array.take(codes), index=index)  # no allow_fill: -1 is the last element, as in NumPy
    return pd.Series(mapped.to_numpy()[codes], index=index, dtype=mapped.dtype)


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
    values, missing, why = parse_numbers_why(series)
    return values, missing, why != ""


def parse_numbers_why(series: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """-> (numbers, missing mask, why): `why` is '' for a good or missing cell, else the i18n key saying what is
    wrong (not a number, not finite, ambiguous separators, too long). The separator convention is decided over
    the whole column: '1.234' is a decimal only when the column also has unambiguous decimal points."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if len(uniques) < len(series):
        vals, miss, why = _parse_numbers(pd.Series(list(uniques) + [None], dtype=object))
        v, m, w = (spread(x, codes, series.index) for x in (vals, miss, why))
        return v, m, w
    return _parse_numbers(series.astype(object))


NUMBER_MAX_CHARS = 40  # a 5 000-digit "number" is not a measurement (and int() refuses over 4 300 digits)
_POINT_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")  # '1.234': thousands or a decimal?
_COMMA_AND_POINT = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d*$")  # '1,234.5': English thousands
_DOT_GROUPS_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d*$")  # '1.234,5': dot thousands, decimal comma
_POINT_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def _parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    values = pd.Series(np.nan, index=series.index, dtype="float64")
    why = pd.Series("", index=series.index, dtype=object)
    kinds = series.map(type)
    is_num = kinds.isin([float, int, np.float64, np.int64])
    if is_num.any():
        nums = pd.to_numeric(series[is_num].map(_finite_or_nan), errors="coerce").astype("float64")
        values[is_num] = nums
        why[nums.index[nums.isna() & series[is_num].map(_is_infinite)]] = "upload.err_not_finite"
    missing = pd.Series(False, index=series.index)
    missing[is_num] = values[is_num].isna() & (why[is_num] == "")
    is_bool = kinds == bool  # noqa: E721 (element-wise on a Series of types)
    rest = ~is_num & ~is_bool
    if rest.any():
        raw = series[rest].map(lambda v: "" if v is None else str(v)).str.strip()
        low = raw.str.lower()
        miss = low.isin(MISSING) | raw.str.match(_SMALL)
        long = ~miss & (raw.str.len() > NUMBER_MAX_CHARS)
        text = raw[~miss & ~long].str.replace(_SPACES, "", regex=True).str.replace("\u2212", "-", regex=False)
        text = text.str.rstrip("%").str.rstrip()
        english = text.str.match(_COMMA_AND_POINT)
        dotted = text.str.match(_POINT_THOUSANDS)
        # '1.234' is a decimal point only if the column writes other decimals with a point ('12.5', '0.125')
        if dotted.any() and (text.str.match(_POINT_DECIMAL) & ~dotted).any():
            dotted[:] = False
        groups = text.str.match(_DOT_GROUPS_COMMA)
        text = text.where(~groups, text.str.replace(".", "", regex=False))
        text = text.str.replace(",", ".", regex=False)
        nums = pd.to_numeric(text.where(~english & ~dotted, ""), errors="coerce")
        nums[~np.isfinite(nums.fillna(0))] = np.nan
        values[nums.index] = nums
        missing[miss[miss].index] = True
        rest_why = pd.Series("", index=raw.index, dtype=object)
        rest_why[long[long].index] = "upload.err_number_too_long"
        short = raw[~miss & ~long]
        overflow = pd.to_numeric(short.str.replace(",", ".", regex=False), errors="coerce").abs().eq(np.inf)
        rest_why[low.str.lstrip("+-").isin({"nan", "inf", "infinity"})] = "upload.err_not_finite"
        rest_why[overflow[overflow].index] = "upload.err_not_finite"
        rest_why[english[english].index] = "upload.err_number_ambiguous"
        rest_why[dotted[dotted].index] = "upload.err_number_ambiguous"
        why[rest_why.index] = rest_why
    bad_plain = values.isna() & ~missing & (why == "")
    why[bad_plain] = "upload.err_not_number"
    why[is_bool] = "upload.err_not_number"
    values[why != ""] = np.nan
    return values, missing, why


def _finite_or_nan(v: object) -> float:
    try:
        f = float(v)  # type: ignore[arg-type]
    except OverflowError:  # an integer beyond float range
        return np.nan
    return f if np.isfinite(f) else np.nan


def _is_infinite(v: object) -> bool:
    try:
        return bool(np.isinf(float(v)))  # type: ignore[arg-type]
    except OverflowError:
        return True
    except (TypeError, ValueError):
        return False


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
