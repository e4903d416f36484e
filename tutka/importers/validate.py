"""Value checks on the canonical rows: numbers, ranges, respondents, confidence intervals, duplicate keys."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from tutka.importers.normalise import NUMBER_MAX_CHARS, parse_numbers_why, via_uniques
from tutka.importers.problems import WARNING, Problem

MAX_RESPONDENTS = 2**31 - 1  # stored as INTEGER; no survey has more respondents than Finland has people anyway
KEY = ["indicator_id", "region_code", "year", "month", "sex", "grp"]
MEASURES = ["value", "respondents", "abs_value", "ci_low", "ci_high"]
_CI_SPLIT = re.compile(r"\s*[–—]\s*|\s+-\s+|\s*;\s*|\s*\.\.\s*|(?<=\d)-(?=\d)")


def _probs(df: pd.DataFrame, mask: pd.Series, key: str, part: str, file_name: str, params_of) -> list[Problem]:
    sub = df.loc[mask]
    return [
        Problem(
            key,
            params_of(r),
            file=file_name,
            sheet=r["_sheet"] or None,
            row=int(r["_row"]),
            col=r[f"_c_{part}"] or None,
        )
        for _, r in sub.iterrows()
    ]


def numbers(df: pd.DataFrame, file_name: str, problems: list[Problem]) -> pd.DataFrame:
    """Parse every measure column in place (raw text kept in `value_raw` and `respondents_raw` for later messages);
    blank value cells with no other measure are dropped (an empty cell is not a key), explicit markers such as '..'
    become missing values."""
    if (df["ci"].astype(str).str.strip() != "").any():
        parts = df["ci"].astype(str).str.strip().str.strip("[]()").map(lambda s: _CI_SPLIT.split(s, maxsplit=1))
        df["ci_low"] = [p[0] if len(p) == 2 else ("" if not p[0] else p[0]) for p in parts]
        df["ci_high"] = [p[1] if len(p) == 2 else "" for p in parts]
        df["_c_ci_low"] = df["_c_ci_high"] = df["_c_ci"]
    blank_value = via_uniques(
        df["value"],
        lambda u: u.map(
            lambda v: v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and np.isnan(v))
        ).astype(bool),
    )
    for part in MEASURES:
        raw = df[part]
        nums, _missing, why = parse_numbers_why(raw)
        df[f"{part}_raw"] = raw
        df[part] = nums
        for key in sorted(set(why.unique()) - {""}):  # unique(): never iterate a 1 M-row column
            problems += _probs(
                df,
                why == key,
                key,
                part,
                file_name,
                lambda r, p=part: {"value": _shown(r[f"{p}_raw"]), "limit": NUMBER_MAX_CHARS},
            )
    # later checks quote only the raw value and respondents: the other texts go before the filter copies the frame
    df = df.drop(columns=[c for c in ("abs_value_raw", "ci_low_raw", "ci_high_raw", "ci", "_c_ci") if c in df])
    other = df[["respondents", "abs_value", "ci_low", "ci_high"]].notna().any(axis=1)
    keep = ~blank_value | other
    return df if keep.all() else df[keep]


def ranges(
    df: pd.DataFrame, bounds: dict[str, tuple[float | None, float | None]], file_name: str, problems: list[Problem]
) -> None:
    ids = df["indicator_id"]  # mapped per distinct id: a per-row map of a 1 M-row text column costs 100+ MB
    lo = via_uniques(ids, lambda u: u.map({i: b[0] for i, b in bounds.items()})).astype("float64")
    hi = via_uniques(ids, lambda u: u.map({i: b[1] for i, b in bounds.items()})).astype("float64")
    for part in ("value", "ci_low", "ci_high"):
        v = df[part]
        out = v.notna() & ((lo.notna() & (v < lo)) | (hi.notna() & (v > hi)))
        problems += _probs(
            df,
            out,
            "upload.err_out_of_range",
            part,
            file_name,
            lambda r, p=part: {
                "value": _fmt(r[p]),
                "low": _fmt(bounds[r["indicator_id"]][0]),
                "high": _fmt(bounds[r["indicator_id"]][1]),
            },
        )
    n = df["respondents"]
    bad_n = n.notna() & ((n < 0) | (n != np.floor(n)))
    problems += _probs(
        df, bad_n, "upload.err_respondents", "respondents", file_name, lambda r: {"value": r["respondents_raw"]}
    )
    big_n = n.notna() & ~bad_n & (n > MAX_RESPONDENTS)
    problems += _probs(
        df,
        big_n,
        "upload.err_respondents_big",
        "respondents",
        file_name,
        lambda r: {"value": _shown(r["respondents_raw"]), "limit": f"{MAX_RESPONDENTS:,}".replace(",", " ")},
    )
    both = df["ci_low"].notna() & df["ci_high"].notna()
    problems += _probs(
        df,
        both & (df["ci_low"] > df["ci_high"]),
        "upload.err_ci_order",
        "ci_low",
        file_name,
        lambda r: {"low": _fmt(r["ci_low"]), "high": _fmt(r["ci_high"])},
    )
    outside = both & df["value"].notna() & ((df["value"] < df["ci_low"]) | (df["value"] > df["ci_high"]))
    problems += _probs(
        df,
        outside,
        "upload.err_value_outside_ci",
        "value",
        file_name,
        lambda r: {"value": _fmt(r["value"]), "low": _fmt(r["ci_low"]), "high": _fmt(r["ci_high"])},
    )


def _shown(v: object) -> str:
    """A cell's raw content for a message: long texts cut (a 5 000-digit number is not printed whole)."""
    text = "" if v is None else str(v) if not isinstance(v, str) else v
    return text if len(text) <= NUMBER_MAX_CHARS else text[:NUMBER_MAX_CHARS]


def _fmt(v: object) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "–"
    return f"{float(v):g}".replace(".", ",")  # type: ignore[arg-type]  # a number from the frame


def duplicates(df: pd.DataFrame, file_name: str, problems: list[Problem]) -> pd.DataFrame:
    """The same key twice: an error when the values differ, else a warning and one copy kept."""
    dup = df.duplicated(KEY, keep=False)
    if not dup.any():
        return df
    sub = df[dup]
    for _, g in sub.groupby(KEY, sort=False, dropna=False):
        same = len(g[MEASURES].astype("float64").round(9).drop_duplicates()) == 1
        rows = ", ".join(str(int(r)) for r in g["_row"])
        first = g.iloc[0]
        problems.append(
            Problem(
                "upload.warn_duplicate" if same else "upload.err_duplicate",
                {"rows": rows, "what": _key_text(first)},
                file=file_name,
                sheet=first["_sheet"] or None,
                row=rows,
                col=first["_c_value"] or None,
                severity=WARNING if same else "error",
            )
        )
    return df.drop_duplicates(KEY, keep="first")


def _key_text(r: pd.Series) -> str:
    grp = f", {r['grp']}" if r["grp"] else ""
    month = r.get("month")
    period = str(int(r["year"])) if month is None or pd.isna(month) else f"{int(r['year'])}M{int(month):02d}"
    return f"{r['indicator_id']}, {r['region_code']}, {period}, {r['sex']}{grp}"


def percent_units(df: pd.DataFrame, units: dict[str, str], file_name: str, problems: list[Problem]) -> None:
    """A value shown as a percent (a percent-formatted Excel cell, or '12,5 %' typed) for an indicator whose unit
    is not a percent: ×100 or not is a guess, so the cell is refused."""
    if df.empty:
        return
    raw = df["value_raw"]
    shown_pct = via_uniques(
        raw, lambda u: u.map(lambda v: isinstance(v, str) and v.rstrip().endswith("%")).astype(bool)
    )
    unit = via_uniques(df["indicator_id"], lambda u: u.map(units))
    bad = shown_pct & unit.notna() & (unit != "%") & df["value"].notna()
    problems += _probs(
        df,
        bad,
        "upload.err_percent_unit",
        "value",
        file_name,
        lambda r: {"value": r["value_raw"], "indicator": r["indicator_id"], "unit": units[r["indicator_id"]]},
    )


def region_validity(df: pd.DataFrame, regions: pd.DataFrame, file_name: str, problems: list[Problem]) -> None:
    """A value for a region in a year the region did not exist (Pertunmaa was merged into Mäntyharju in 2025)."""
    if "valid_to" not in regions:
        return
    lim = regions.set_index("region_code")[["valid_from", "valid_to"]]
    lim = lim[lim["valid_from"].notna() | lim["valid_to"].notna()]
    if lim.empty:
        return
    sub = df[df["region_code"].isin(lim.index) & df["year"].notna()]
    if sub.empty:
        return
    lo = sub["region_code"].map(lim["valid_from"]).astype("float64")
    hi = sub["region_code"].map(lim["valid_to"]).astype("float64")
    year = sub["year"].astype("float64")
    bad = (lo.notna() & (year < lo)) | (hi.notna() & (year > hi))

    def valid(code: str) -> str:
        a, b = lim.loc[code, "valid_from"], lim.loc[code, "valid_to"]
        return f"{'' if pd.isna(a) else int(a)}–{'' if pd.isna(b) else int(b)}"

    problems += _probs(
        sub,
        bad,
        "upload.err_region_validity",
        "region",
        file_name,
        lambda r: {
            "region": f"{r['region']} ({r['region_code']})",
            "year": int(r["year"]),
            "valid": valid(r["region_code"]),
        },
    )
