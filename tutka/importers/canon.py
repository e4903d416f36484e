"""Raw texts of the cells frame → canonical keys (indicator_id, region_code, year, sex, grp), reporting every
cell that cannot be mapped. Works on unique values, so 200 000 rows cost a few hundred look-ups."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tutka.importers.limits import MAX_UNKNOWN_NAMES, num
from tutka.importers.mapping import IndicatorMatcher, Match
from tutka.importers.normalise import Distinct, canon_group, canon_sex, parse_period, via_uniques
from tutka.importers.problems import WARNING, Problem
from tutka.importers.regions import RegionLookup


def _cell_problems(
    df: pd.DataFrame, mask: pd.Series, key: str, part: str, file_name: str, params_of=lambda r: {}
) -> list[Problem]:
    sub = df.loc[mask, ["_sheet", "_row", f"_c_{part}", part]]
    return [
        Problem(key, params_of(r), file=file_name, sheet=r[0] or None, row=int(r[1]), col=r[2] or None)
        for r in sub.itertuples(index=False, name=None)
    ]


def _blank_text(series: pd.Series | Distinct) -> pd.Series:
    """Empty or only spaces (computed on the distinct texts: a 1 M-row column has a few hundred)."""
    distinct = series if isinstance(series, Distinct) else Distinct(series)
    return distinct.map(lambda u: u.fillna("").astype(str).str.strip() == "").astype(bool)


def regions(df: pd.DataFrame, lookup: RegionLookup, file_name: str, problems: list[Problem]) -> pd.Series:
    uniq = {v: lookup.resolve(v) for v in df["region"].unique()}
    distinct = Distinct(df["region"])
    codes = distinct.map(lambda u: u.map(uniq))
    empty = _blank_text(distinct)
    problems += _cell_problems(df, empty, "upload.err_region_missing", "region", file_name)
    bad = codes.isna() & ~empty
    if bad.any():
        hints = {v: lookup.suggest(v) for v in df.loc[bad, "region"].unique()}
        sotk = df["_region_sotkanet"] if "_region_sotkanet" in df else pd.Series(False, index=df.index)
        problems += _cell_problems(
            df, bad & sotk, "upload.err_region_sotkanet", "region", file_name, lambda r: {"value": r[3]}
        )
        plain = bad & ~sotk
        with_hint = plain & df["region"].map(lambda v: bool(hints.get(v)))
        problems += _cell_problems(
            df,
            with_hint,
            "upload.err_region_suggest",
            "region",
            file_name,
            lambda r: {"value": r[3], "hint": hints[r[3]]},
        )
        problems += _cell_problems(
            df, plain & ~with_hint, "upload.err_region_unknown", "region", file_name, lambda r: {"value": r[3]}
        )
    return codes


def periods(df: pd.DataFrame, file_name: str, problems: list[Problem]) -> tuple[pd.Series, pd.Series]:
    last = dt.date.today().year + 1
    uniq = {v: parse_period(v) for v in df["period"].unique()}
    distinct = Distinct(df["period"])
    year = distinct.map(lambda u: u.map({k: v[0] for k, v in uniq.items()}))
    month = distinct.map(lambda u: u.map({k: v[1] for k, v in uniq.items()}))
    empty = _blank_text(distinct)
    if empty.any() and (df["_c_period"] == "").all():
        problems.append(Problem("upload.err_year_missing", file=file_name, sheet=df["_sheet"].iloc[0] or None))
    else:
        problems += _cell_problems(df, empty, "upload.err_year_empty", "period", file_name)
    bad = ~empty & (year.isna() | (year < 1900) | (year > last) | (month == -1))
    problems += _cell_problems(
        df, bad, "upload.err_year_bad", "period", file_name, lambda r: {"value": r[3], "last": last}
    )
    return year, month


def sexes(df: pd.DataFrame, file_name: str, problems: list[Problem]) -> tuple[pd.Series, pd.Series]:
    uniq = {v: canon_sex(v) for v in df["sex"].unique()}
    sex = via_uniques(df["sex"], lambda u: u.map(uniq))
    problems += _cell_problems(df, sex.isna(), "upload.err_sex_unknown", "sex", file_name, lambda r: {"value": r[3]})
    skip = sex == "skip"
    if skip.any():
        problems.append(
            Problem(
                "upload.warn_sex_skipped",
                {"n": int(skip.sum()), "values": ", ".join(sorted(df.loc[skip, "sex"].unique()))},
                file=file_name,
                severity=WARNING,
            )
        )
    return sex, skip


def groups(df: pd.DataFrame) -> pd.Series:
    uniq = {v: canon_group(v) for v in df["grp"].unique()}
    return via_uniques(df["grp"], lambda u: u.map(uniq))


def indicators(
    df: pd.DataFrame, matcher: IndicatorMatcher, resolutions: dict[str, dict], file_name: str, problems: list[Problem]
) -> tuple[pd.Series, pd.Series, dict[str, Match]]:
    """-> (indicator_id per row or None, group found inside the name, {raw name: Match}). Unknown names are
    reported once each (first position and row count); resolutions map/new/skip them by raw name."""
    alt = df["_indicator_alt"] if "_indicator_alt" in df else pd.Series("", index=df.index)
    pairs = pd.DataFrame({"n": df["indicator"], "a": alt}).drop_duplicates()
    matches: dict[str, Match] = {}
    unknown = 0
    for name, alt_name in pairs.itertuples(index=False, name=None):
        suggest = unknown < MAX_UNKNOWN_NAMES  # suggestions cost a fuzzy search each: only for a readable list
        m = matcher.match(alt_name, suggest) if alt_name else Match(None, "unknown")
        if m.indicator_id is None:
            m2 = matcher.match(name, suggest)
            m = m2 if m2.indicator_id or not m.suggestions else m
        unknown += m.indicator_id is None
        res = resolutions.get(name) or resolutions.get("*")
        if m.indicator_id is None and res:
            if res.get("action") == "map" and res.get("indicator_id") in matcher.ids:
                m = Match(res["indicator_id"], "mapped", m.grp, m.unit)
            elif res.get("action") == "new" and res.get("indicator_id"):
                m = Match(res["indicator_id"], "new", m.grp, m.unit)
            elif res.get("action") == "skip":
                m = Match(None, "skip", m.grp, m.unit)
        matches[name] = m
    distinct = Distinct(df["indicator"])
    ids = distinct.map(lambda u: u.map({n: m.indicator_id for n, m in matches.items()}))
    grp_in_name = distinct.map(lambda u: u.map({n: m.grp or "" for n, m in matches.items()}))
    unknown_names = [n for n, m in matches.items() if m.how == "unknown"]
    if len(unknown_names) > MAX_UNKNOWN_NAMES:
        first = df.loc[df["indicator"] == unknown_names[0]].iloc[0]
        problems.append(
            Problem(
                "upload.err_too_many_unknown",
                {"n": num(len(unknown_names)), "limit": num(MAX_UNKNOWN_NAMES), "names": "; ".join(unknown_names[:3])},
                file=file_name,
                sheet=first["_sheet"] or None,
                col=first["_c_indicator"] or None,
            )
        )
        return ids, grp_in_name, matches
    firsts = df[df["indicator"].isin(unknown_names)].groupby("indicator", sort=False)
    counts, first_rows = firsts.size(), firsts.head(1).set_index("indicator")
    for name, m in matches.items():
        if m.how == "unknown":
            first = first_rows.loc[name]
            hint = ", ".join(f"{matcher.titles.get(i, i)} ({i})" for i in m.suggestions) or "–"
            problems.append(
                Problem(
                    "upload.err_indicator_unknown",
                    {"name": name, "n": int(counts[name]), "hint": hint},
                    file=file_name,
                    sheet=first["_sheet"] or None,
                    row=int(first["_row"]),
                    col=first["_c_indicator"] or None,
                )
            )
        elif m.how == "skip":
            problems.append(Problem("upload.warn_indicator_skipped", {"name": name}, file=file_name, severity=WARNING))
    return ids, grp_in_name, matches
